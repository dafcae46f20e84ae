"""Celery tasks: thin, idempotent, by primary key."""

import logging
from datetime import timedelta

import stripe
from celery import Task, shared_task

from storefront_plugins.saleor_app.handlers import RetryLater
from storefront_plugins.saleor_app.tasks import retry_countdown
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient
from storefront_plugins.stripe_gateway.webhooks import (
    handle_event,
    record_event_failure,
    stale_pending_event_pks,
)

logger = logging.getLogger(__name__)

MAX_EVENT_RETRIES = 8
STALE_EVENT_AGE = timedelta(minutes=5)


@shared_task(bind=True, acks_late=True, max_retries=MAX_EVENT_RETRIES)
def handle_stripe_event(self: Task, event_pk: int) -> str:
    try:
        return handle_event(event_pk)
    except (RetryLater, StripeUnavailable, stripe.StripeError) as error:
        if isinstance(error, stripe.StripeError) and not is_transient(error):
            return _failed_for_good(event_pk, error)
        final = self.request.retries >= MAX_EVENT_RETRIES
        record_event_failure(event_pk, f"{type(error).__name__}: {error}", final=final)
        if final:
            logger.error("Stripe event %s failed for good: %s", event_pk, error)
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    except Exception as error:
        # A handler bug: keep the event, marked failed with the reason, for a replay.
        logger.exception("Stripe event %s failed in a handler.", event_pk)
        record_event_failure(event_pk, f"{type(error).__name__}: {error}", final=True)
        raise


def _failed_for_good(event_pk: int, error: Exception) -> str:
    logger.error("Stripe event %s failed: Stripe refused a call: %s", event_pk, error)
    record_event_failure(event_pk, f"{type(error).__name__}: {error}", final=True)
    return "failed"


@shared_task(acks_late=True)
def requeue_stale_stripe_events() -> int:
    """Queue again the events never attempted long after they arrived (a lost message)."""
    event_pks = stale_pending_event_pks(STALE_EVENT_AGE)
    for event_pk in event_pks:
        handle_stripe_event.delay(event_pk)
    return len(event_pks)
