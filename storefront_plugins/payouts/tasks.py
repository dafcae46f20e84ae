"""Celery tasks: thin and idempotent, taking primary keys (a released order is never released
twice; a payout is submitted once: `payout_flow.submit_payout` acts on `created` payouts only,
and the rail is called with the payout's idempotency key)."""

import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from django.utils import timezone

from storefront_plugins.payouts import payout_flow, runs, services, transfer_reversals
from storefront_plugins.saleor_app.tasks import retry_countdown

logger = logging.getLogger(__name__)


@shared_task
def release_held_funds() -> int:
    """Beat: funds whose hold has ended become payable. Returns how many orders."""
    results = services.release_held_funds()
    if results:
        logger.info("Released the held funds of %d orders.", len(results))
    return len(results)


@shared_task
def start_scheduled_payout_runs() -> int:
    """Beat (hourly): the runs due by the cooperatives' schedules, once per period."""
    results = runs.start_scheduled_payout_runs()
    created = [r for r in results if r.created]
    if created:
        logger.info("Started %d scheduled payout runs.", len(created))
    return len(created)


@shared_task
def submit_payout(payout_id: int) -> str:
    """Sends one payout on its automatic rail; returns its state afterwards."""
    return str(payout_flow.submit_payout(payout_id).state)


@shared_task
def reconcile_payouts() -> int:
    """Beat: payouts left created or submitted on automatic rails are asked of their rail;
    transfer reversals left pending are queued again."""
    results = payout_flow.reconcile_payouts()
    before = timezone.now() - timedelta(seconds=settings.SOUK_PAYOUT_RECONCILE_AFTER)
    queue_reversals(transfer_reversals.pending_reversals(before))
    changed = [r for r in results if r.state != r.from_state]
    if results:
        logger.info("Reconciled %d payouts, %d changed state.", len(results), len(changed))
    return len(changed)


def queue_submissions(payout_ids: list[int]) -> None:
    """Called on commit of the run that created these payouts."""
    for payout_id in payout_ids:
        submit_payout.delay(payout_id)


MAX_REVERSAL_RETRIES = 6


@shared_task(bind=True, acks_late=True, max_retries=MAX_REVERSAL_RETRIES)
def reverse_transfer(self: Task, reversal_id: int) -> str:
    """Reverses a Stripe transfer after a refund; retries Stripe's transient errors (same
    Idempotency-Key) with backoff, a bounded number of times; refusals are final."""
    try:
        return str(transfer_reversals.reverse_transfer(reversal_id).state)
    except transfer_reversals.ReversalUnavailable as error:
        if self.request.retries >= MAX_REVERSAL_RETRIES:
            logger.warning("Transfer reversal %s left pending: %s", reversal_id, error)
            return "pending"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


def queue_reversals(reversal_ids: list[int]) -> None:
    """Called on commit of the refund posting that planned these reversals."""
    for reversal_id in reversal_ids:
        reverse_transfer.delay(reversal_id)
