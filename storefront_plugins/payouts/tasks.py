"""Celery tasks: thin and idempotent (a released order is never released twice)."""

import logging

from celery import shared_task

from storefront_plugins.payouts import services

logger = logging.getLogger(__name__)


@shared_task
def release_held_funds() -> int:
    """Beat: funds whose hold has ended become payable. Returns how many orders."""
    results = services.release_held_funds()
    if results:
        logger.info("Released the held funds of %d orders.", len(results))
    return len(results)
