"""Celery tasks: thin, idempotent, by primary key."""

import logging
import random
from datetime import timedelta

from celery import Task, shared_task

from storefront_plugins.saleor_app import outbox
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.exceptions import SaleorTransportError
from storefront_plugins.saleor_app.handlers import RetryLater
from storefront_plugins.saleor_app.services import (
    handle_delivery,
    handle_pending_deliveries,
    record_delivery_failure,
    stale_pending_delivery_ids,
)

logger = logging.getLogger(__name__)

MAX_DELIVERY_RETRIES = 8
STALE_DELIVERY_AGE = timedelta(minutes=5)


def retry_countdown(retries: int, base: float = 5.0, cap: float = 900.0) -> float:
    """Exponential backoff with jitter: about 5 s, 10 s, 20 s ... at most 15 min."""
    delay: float = min(cap, base * 2**retries)
    return delay * (0.75 + random.random() / 2)


@shared_task(bind=True, acks_late=True, max_retries=MAX_DELIVERY_RETRIES)
def handle_webhook_delivery(self: Task, delivery_id: int) -> str:
    try:
        return handle_delivery(delivery_id)
    except (RetryLater, SaleorTransportError) as error:
        final = self.request.retries >= MAX_DELIVERY_RETRIES
        record_delivery_failure(delivery_id, f"{type(error).__name__}: {error}", final=final)
        if final:
            logger.error("Webhook delivery %s failed for good: %s", delivery_id, error)
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    except Exception as error:
        # A handler bug: keep the delivery, marked failed with the reason, for a replay.
        logger.exception("Webhook delivery %s failed in a handler.", delivery_id)
        record_delivery_failure(delivery_id, f"{type(error).__name__}: {error}", final=True)
        raise


@shared_task(acks_late=True)
def handle_pending_webhook_deliveries(event: str) -> None:
    """Shares a backlog of an event's deliveries with the worker that queued it."""
    handle_pending_deliveries(WebhookEvent(event))


@shared_task(acks_late=True)
def requeue_stale_webhook_deliveries() -> int:
    """Queue again the deliveries never attempted long after they arrived (a lost message)."""
    delivery_ids = stale_pending_delivery_ids(STALE_DELIVERY_AGE)
    for delivery_id in delivery_ids:
        handle_webhook_delivery.delay(delivery_id)
    return len(delivery_ids)


@shared_task(acks_late=True)
def deliver_outbox_entry(entry_id: int) -> str:
    """One write owed to Saleor (`outbox.deliver`): failures are recorded on the entry and
    retried by queueing it again after its backoff, not by Celery's retry."""
    return outbox.deliver(entry_id)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Queue again the writes due whose message was lost and those a dead worker held."""
    entry_ids = outbox.due_entry_ids()
    for entry_id in entry_ids:
        outbox.schedule_delivery(entry_id)
    return len(entry_ids)
