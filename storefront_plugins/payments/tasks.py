from celery import Task, shared_task

from storefront_plugins.payments import transfer_groups
from storefront_plugins.saleor_app.tasks import retry_countdown

MAX_GROUPING_RETRIES = 8


@shared_task(bind=True, acks_late=True, max_retries=MAX_GROUPING_RETRIES)
def group_payment(self: Task, payment_id: int) -> str:
    """A paid order's PaymentIntent joins its transfer group; Stripe's transient errors are
    retried with backoff (the update is idempotent)."""
    try:
        return transfer_groups.group_payment(payment_id)
    except transfer_groups.TransferGroupNotYetSet as error:
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
