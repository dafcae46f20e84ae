"""The sandbox's Celery tasks: app installation and webhook delivery."""

import logging

from celery import Task, shared_task
from django.conf import settings

from saleor_sandbox.models import EventDelivery
from saleor_sandbox.services.apps import run_installation
from saleor_sandbox.webhooks.transport import attempt_delivery, is_retryable

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def install_app_task(installation_id: int) -> None:
    run_installation(installation_id)


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_webhook_request_async(self: Task, delivery_id: int) -> str:
    """One attempt; retried after 10, 20, 40, 80, 160 s on 5xx and network errors."""
    delivery = EventDelivery.objects.select_related("webhook__app").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != EventDelivery.Status.PENDING:
        return "skipped"
    attempt = attempt_delivery(delivery)
    if attempt.status == attempt.Status.SUCCESS:
        EventDelivery.objects.filter(pk=delivery.pk).update(status=EventDelivery.Status.SUCCESS)
        return "success"
    retries = self.request.retries
    if is_retryable(attempt.response_status_code) and retries < settings.WEBHOOK_MAX_RETRIES:
        countdown = settings.WEBHOOK_RETRY_BACKOFF * (2**retries)
        raise self.retry(countdown=countdown)
    EventDelivery.objects.filter(pk=delivery.pk).update(status=EventDelivery.Status.FAILED)
    return "failed"
