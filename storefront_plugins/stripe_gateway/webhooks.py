"""The only writers of stored Stripe events: verify and store a delivery, then handle it once.

A delivery's `Stripe-Signature` is checked by stripe-python's own verification
(`stripe.WebhookSignature.verify_header`, as `stripe.Webhook.construct_event` does, 300 s
tolerance) against each known signing secret: `STRIPE_WEBHOOK_SECRET(S)` from the
environment first, then those `stripe_webhook_setup` stored. Platform and Connect events
arrive at the same URL; a Connect event names its connected account in `account`.
"""

import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from storefront_plugins.stripe_gateway.error_codes import StripeWebhookErrorCode
from storefront_plugins.stripe_gateway.handlers import StripeEventMessage, handlers_for
from storefront_plugins.stripe_gateway.models import StripeEvent, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_TOLERANCE_SECONDS = 300


class StripeWebhookRejected(Exception):
    def __init__(self, code: StripeWebhookErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class ReceivedStripeEvent:
    event: StripeEvent
    duplicate: bool


def signing_secrets() -> list[str]:
    """The secrets a delivery may be signed with: the environment's, then the stored ones."""
    stored = WebhookEndpoint.objects.order_by("-id").values_list("secret", flat=True)
    return list(dict.fromkeys([*settings.STRIPE_WEBHOOK_SECRETS, *stored]))


def verify_stripe_signature(body: bytes, signature: str | None, secrets: list[str]) -> None:
    if not signature:
        raise StripeWebhookRejected(
            StripeWebhookErrorCode.MISSING_SIGNATURE, "Missing Stripe-Signature header.", 400
        )
    if not secrets:
        raise StripeWebhookRejected(
            StripeWebhookErrorCode.NO_SIGNING_SECRET,
            "No Stripe webhook signing secret is configured; run stripe_webhook_setup or "
            "set STRIPE_WEBHOOK_SECRET.",
            401,
        )
    reason = ""
    for secret in secrets:
        try:
            stripe.WebhookSignature.verify_header(
                body.decode("utf-8", errors="replace"),
                signature,
                secret,
                tolerance=SIGNATURE_TOLERANCE_SECONDS,
            )
            return
        except stripe.SignatureVerificationError as error:
            reason = str(error.user_message or error)
    raise StripeWebhookRejected(StripeWebhookErrorCode.INVALID_SIGNATURE, reason, 401)


def parse_event(body: bytes) -> dict[str, Any]:
    try:
        event = json.loads(body.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError is one
        raise StripeWebhookRejected(
            StripeWebhookErrorCode.MALFORMED_BODY, "The body is not UTF-8 JSON.", 400
        ) from error
    if (
        not isinstance(event, dict)
        or event.get("object") != "event"
        or not isinstance(event.get("id"), str)
        or not isinstance(event.get("type"), str)
        or not isinstance(event.get("created"), int)
        or not isinstance(event.get("data"), dict)
        or not isinstance(event["data"].get("object"), dict)
    ):
        raise StripeWebhookRejected(
            StripeWebhookErrorCode.MALFORMED_BODY,
            "The body must be a Stripe event: an object with id, type, created and data.object.",
            400,
        )
    return event


def receive_stripe_webhook(body: bytes, signature: str | None) -> ReceivedStripeEvent:
    """Verify a delivery and store its event once; its handling is queued after commit."""
    verify_stripe_signature(body, signature, signing_secrets())
    event = parse_event(body)
    with transaction.atomic():
        stored, created = StripeEvent.objects.get_or_create(
            event_id=event["id"],
            defaults={
                "type": event["type"],
                "account": event.get("account") or "",
                "livemode": bool(event.get("livemode")),
                "created": event["created"],
                "body": body.decode("utf-8"),
            },
        )
        if created:
            transaction.on_commit(lambda: _enqueue(stored.pk))
    return ReceivedStripeEvent(event=stored, duplicate=not created)


def _enqueue(event_pk: int) -> None:
    from storefront_plugins.stripe_gateway.tasks import handle_stripe_event

    try:
        handle_stripe_event.delay(event_pk)
    except (KombuOperationalError, OSError):  # broker down: the sweeper requeues it later
        logger.exception("Could not queue Stripe event %s; it will be requeued.", event_pk)


def handle_event(event_pk: int) -> str:
    """Run the registered handlers of a stored event, once; returns the event's status.

    Transient failures propagate so the task retries; the row lock makes a concurrent run
    wait and then see the event handled."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().filter(pk=event_pk).first()
        if event is None:
            logger.warning("Stripe event %s no longer exists.", event_pk)
            return "missing"
        if event.status != StripeEvent.Status.PENDING:
            return event.status
        payload = json.loads(event.body)
        message = StripeEventMessage(
            event_pk=event.pk,
            event_id=event.event_id,
            type=event.type,
            account=event.account or None,
            created=event.created,
            livemode=event.livemode,
            data=payload["data"],
        )
        for handler in handlers_for(event.type):
            handler(message)
        event.status = StripeEvent.Status.HANDLED
        event.attempts += 1
        event.handled_at = timezone.now()
        event.last_error = ""
        event.save(update_fields=["status", "attempts", "handled_at", "last_error"])
        return event.status


def record_event_failure(event_pk: int, error: str, *, final: bool) -> None:
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().filter(pk=event_pk).first()
        if event is None or event.status == StripeEvent.Status.HANDLED:
            return
        event.attempts += 1
        event.last_error = error[:2000]
        if final:
            event.status = StripeEvent.Status.FAILED
        event.save(update_fields=["attempts", "last_error", "status"])


def stale_pending_event_pks(older_than: timedelta, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - older_than
    return list(
        StripeEvent.objects.filter(
            status=StripeEvent.Status.PENDING, attempts=0, received_at__lt=cutoff
        ).values_list("pk", flat=True)[:limit]
    )
