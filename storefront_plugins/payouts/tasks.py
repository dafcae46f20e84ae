"""Celery tasks: thin and idempotent, taking primary keys (a released order is never released
twice; a payout is submitted once: `payout_flow.submit_payout` acts on `created` payouts only,
and the rail is called with the payout's idempotency key)."""

import logging

from celery import shared_task

from storefront_plugins.payouts import payout_flow, runs, services

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
    """Beat: payouts left created or submitted on automatic rails are asked of their rail."""
    results = payout_flow.reconcile_payouts()
    changed = [r for r in results if r.state != r.from_state]
    if results:
        logger.info("Reconciled %d payouts, %d changed state.", len(results), len(changed))
    return len(changed)


def queue_submissions(payout_ids: list[int]) -> None:
    """Called on commit of the run that created these payouts."""
    for payout_id in payout_ids:
        submit_payout.delay(payout_id)
