"""Async webhook deliveries: which webhooks an event goes to, their payloads, the rows
that record them, and the task that sends each."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from saleor_sandbox.models import EventDelivery, Webhook
from saleor_sandbox.webhooks.event_types import ASYNC_EVENT_PERMISSIONS
from saleor_sandbox.webhooks.payloads import generate_payload, requestor_of, serialize_payload

logger = logging.getLogger(__name__)


def subscribed_webhooks(event_type: str) -> list[Webhook]:
    """Active webhooks of active apps allowed to receive the event (Saleor skips the rest)."""
    permission = ASYNC_EVENT_PERMISSIONS[event_type]
    return [
        webhook
        for webhook in Webhook.objects.select_related("app").filter(
            is_active=True,
            app__is_active=True,
            app__removed_at__isnull=True,
            async_events__contains=[event_type],
        )
        if permission in webhook.app.permissions and webhook.subscription_query
    ]


def create_deliveries(event_type: str, subject: Any, context: Any = None) -> list[EventDelivery]:
    deliveries = []
    issued_at = timezone.now()
    for webhook in subscribed_webhooks(event_type):
        payload = generate_payload(
            webhook,
            event_type,
            subject,
            issued_at=issued_at,
            issuing_principal=requestor_of(context),
        )
        if payload is None:
            continue
        deliveries.append(
            EventDelivery.objects.create(
                webhook=webhook,
                event_type=event_type.lower(),
                payload=serialize_payload(payload).decode(),
            )
        )
    return deliveries


def _queue(deliveries: list[EventDelivery]) -> None:
    from saleor_sandbox.tasks import send_webhook_request_async

    for delivery in deliveries:
        send_webhook_request_async.delay(delivery.pk)


def create_deliveries_on_commit(event_type: str, subject: Any, context: Any) -> None:
    """Deletions are rendered now, while the object still exists (as Saleor does); other
    events once the change is committed, from the committed state."""
    if event_type.endswith("_DELETED"):
        deliveries = create_deliveries(event_type, subject, context)
        transaction.on_commit(lambda: _queue(deliveries))
        return

    def render_and_queue() -> None:
        with transaction.atomic():
            deliveries = create_deliveries(event_type, subject, context)
        _queue(deliveries)

    transaction.on_commit(render_and_queue)
