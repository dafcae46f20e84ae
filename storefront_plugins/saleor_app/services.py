"""The only writers of the App's installation and delivery records."""

import contextlib
import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import redis
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from storefront_plugins.saleor_app.allowlist import is_allowed_saleor_url, normalize_api_url
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.documents import saleor_app_documents
from storefront_plugins.saleor_app.error_codes import RegistrationErrorCode, WebhookErrorCode
from storefront_plugins.saleor_app.events import SyncWebhookEvent, WebhookEvent
from storefront_plugins.saleor_app.exceptions import (
    SaleorError,
    SaleorGraphQLError,
    SaleorHTTPError,
    SaleorTransportError,
)
from storefront_plugins.saleor_app.handlers import (
    BatchHandler,
    RetryLater,
    SyncWebhookMessage,
    WebhookMessage,
    batch_handlers_for,
    handlers_for,
    sync_webhook_for,
)
from storefront_plugins.saleor_app.jwks import fetch_jwks
from storefront_plugins.saleor_app.models import Installation, WebhookDelivery
from storefront_plugins.saleor_app.signatures import (
    SignatureError,
    UnknownSigningKey,
    verify_webhook_signature,
)

logger = logging.getLogger(__name__)


class RegistrationError(Exception):
    def __init__(self, code: RegistrationErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class WebhookRejected(Exception):
    def __init__(self, code: WebhookErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def client_for(installation: Installation, *, retries: int | None = None) -> SaleorClient:
    """The installation's client; `retries=0` for reads a page waits on (a task retries)."""
    return SaleorClient(installation.saleor_api_url, installation.auth_token, retries=retries)


# Registration


def validate_saleor_api_url(api_url: str | None) -> str:
    if not api_url:
        raise RegistrationError(
            RegistrationErrorCode.MISSING_SALEOR_API_URL, "Missing Saleor-Api-Url header.", 400
        )
    if not is_allowed_saleor_url(api_url, settings.SALEOR_API_URL_ALLOWLIST):
        raise RegistrationError(
            RegistrationErrorCode.SALEOR_URL_NOT_ALLOWED,
            f"This Saleor ({api_url}) is not allowed to install Souk. "
            "Ask the Souk operator to add it to SALEOR_API_URL_ALLOWLIST.",
            403,
        )
    return normalize_api_url(api_url)


def validate_auth_token(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    token = data.get("auth_token") if isinstance(data, dict) else None
    if not isinstance(token, str) or not token.strip():
        raise RegistrationError(
            RegistrationErrorCode.INVALID_BODY,
            'The body must be JSON with a non-empty "auth_token".',
            400,
        )
    return token.strip()


def register_installation(api_url_header: str | None, body: bytes) -> Installation:
    """Install (or reinstall) the App for one Saleor, after checking the token with it."""
    api_url = validate_saleor_api_url(api_url_header)
    token = validate_auth_token(body)
    app_id = _verified_app_id(api_url, token)
    try:
        jwks = fetch_jwks(api_url)
    except SaleorError as error:
        raise RegistrationError(
            RegistrationErrorCode.JWKS_UNAVAILABLE,
            f"Could not fetch this Saleor's signing keys: {error}",
            502,
        ) from error
    with transaction.atomic():
        installation, created = Installation.objects.update_or_create(
            saleor_api_url=api_url,
            defaults={
                "saleor_app_id": app_id,
                "auth_token": token,
                "jwks": jwks,
                "jwks_fetched_at": timezone.now(),
            },
        )
    logger.info(
        "Souk %s by %s (app %s).", "installed" if created else "reinstalled", api_url, app_id
    )
    return installation


def _verified_app_id(api_url: str, token: str) -> str:
    client = SaleorClient(api_url, token)
    try:
        data = client.execute(saleor_app_documents.get("queries/app_id"))
    except SaleorTransportError as error:
        raise RegistrationError(
            RegistrationErrorCode.SALEOR_UNREACHABLE, f"Could not reach Saleor: {error}", 502
        ) from error
    except (SaleorGraphQLError, SaleorHTTPError) as error:
        raise RegistrationError(
            RegistrationErrorCode.TOKEN_REJECTED,
            f"Saleor did not accept the App token: {error}",
            401,
        ) from error
    app = data.get("app")
    if not isinstance(app, dict) or not app.get("id"):
        raise RegistrationError(
            RegistrationErrorCode.TOKEN_REJECTED, "Saleor did not accept the App token.", 401
        )
    return str(app["id"])


# Receiving webhooks


@dataclass(frozen=True)
class ReceivedDelivery:
    delivery: WebhookDelivery
    duplicate: bool


def receive_webhook(
    event: WebhookEvent,
    *,
    api_url: str | None,
    event_header: str | None,
    signature: str | None,
    body: bytes,
) -> ReceivedDelivery:
    """Verify a delivery and store it; its handling is queued once the row is committed."""
    installation, _payload = verify_webhook(
        event.header_value,
        api_url=api_url,
        event_header=event_header,
        signature=signature,
        body=body,
    )
    with transaction.atomic():
        delivery, created = WebhookDelivery.objects.get_or_create(
            installation=installation,
            event=event.value,
            body_sha256=hashlib.sha256(body).hexdigest(),
            defaults={"body": body.decode("utf-8")},
        )
        if created:
            transaction.on_commit(lambda: queue_delivery(delivery.pk, event))
    return ReceivedDelivery(delivery=delivery, duplicate=not created)


def answer_sync_webhook(
    event: SyncWebhookEvent,
    *,
    api_url: str | None,
    event_header: str | None,
    signature: str | None,
    body: bytes,
) -> dict[str, Any]:
    """Verify a sync webhook and return its registered handler's answer.

    Nothing is stored: Saleor sends a sync webhook once and waits, so the answer must come
    now; handlers make their outside effects idempotent (Stripe idempotency keys)."""
    registered = sync_webhook_for(event)
    if registered is None:
        raise WebhookRejected(
            WebhookErrorCode.UNKNOWN_EVENT, f"Souk does not answer {event.value}.", 404
        )
    installation, payload = verify_webhook(
        event.header_value,
        api_url=api_url,
        event_header=event_header,
        signature=signature,
        body=body,
    )
    message = SyncWebhookMessage(
        installation_id=installation.pk,
        saleor_api_url=installation.saleor_api_url,
        event=event,
        payload=payload,
    )
    return registered.handler(message)


def verify_webhook(
    expected_event: str,
    *,
    api_url: str | None,
    event_header: str | None,
    signature: str | None,
    body: bytes,
) -> tuple[Installation, dict[str, Any]]:
    """The installation a delivery comes from and its payload, once its signature is
    verified; `expected_event` is the `Saleor-Event` header value of the endpoint."""
    if not api_url:
        raise WebhookRejected(
            WebhookErrorCode.MISSING_HEADER, "Missing Saleor-Api-Url header.", 400
        )
    if event_header is not None and event_header.lower() != expected_event:
        raise WebhookRejected(
            WebhookErrorCode.EVENT_MISMATCH,
            f"Saleor-Event {event_header!r} was sent to the {expected_event} endpoint.",
            400,
        )
    installation = Installation.objects.filter(saleor_api_url=normalize_api_url(api_url)).first()
    if installation is None:
        raise WebhookRejected(
            WebhookErrorCode.UNKNOWN_INSTALLATION, f"Souk is not installed by {api_url}.", 401
        )
    if not signature:
        raise WebhookRejected(
            WebhookErrorCode.INVALID_SIGNATURE, "Missing Saleor-Signature header.", 401
        )
    _verify_with_key_rotation(installation, signature, body)
    try:
        payload = parse_payload(body.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError is one
        raise WebhookRejected(
            WebhookErrorCode.MALFORMED_BODY, "The body is not valid JSON.", 400
        ) from error
    if not isinstance(payload, dict):
        raise WebhookRejected(
            WebhookErrorCode.MALFORMED_BODY, "The body must be a JSON object.", 400
        )
    return installation, payload


def _enqueue_delivery(delivery_id: int) -> bool:
    from storefront_plugins.saleor_app.tasks import handle_webhook_delivery

    try:
        handle_webhook_delivery.delay(delivery_id)
    except (KombuOperationalError, OSError):  # broker down: the sweeper requeues it later
        logger.exception("Could not queue webhook delivery %s; it will be requeued.", delivery_id)
        return False
    return True


# A task of an event with a batch handler, queued and not yet started, takes every pending
# delivery of the event when it starts: deliveries received meanwhile need no message of
# their own (one message per batch, not per delivery, when they come fast). The ticket says
# such a task is queued; it lapses after this long, in case that task is lost.
BATCH_TICKET_SECONDS = 10


def _batch_ticket(event: WebhookEvent) -> str:
    return f"souk:{settings.CELERY_TASK_DEFAULT_QUEUE}:batch-ticket:{event.value}"


@functools.cache
def ticket_store() -> redis.Redis | None:
    """The broker's Redis; none with the file-system broker (every delivery is queued)."""
    url = str(settings.CELERY_BROKER_URL)
    return redis.Redis.from_url(url) if url.startswith(("redis://", "rediss://")) else None


def queue_delivery(delivery_id: int, event: WebhookEvent) -> None:
    store = ticket_store() if batch_handlers_for(event) else None
    if store is not None:
        try:
            if not store.set(_batch_ticket(event), delivery_id, nx=True, ex=BATCH_TICKET_SECONDS):
                return  # the queued task will take it
        except redis.RedisError:
            store = None
    if not _enqueue_delivery(delivery_id) and store is not None:
        with contextlib.suppress(redis.RedisError):
            store.delete(_batch_ticket(event))


def take_batch_ticket(event: WebhookEvent) -> bool:
    """A task of the event starts: deliveries received from now on are queued again. True
    when there was a ticket: deliveries received meanwhile were left to this task."""
    store = ticket_store()
    if store is None:
        return False
    try:
        return bool(store.delete(_batch_ticket(event)))
    except redis.RedisError:
        return True  # unknown: look for them


def _verify_with_key_rotation(installation: Installation, signature: str, body: bytes) -> None:
    try:
        verify_webhook_signature(signature, body, installation.jwks)
        return
    except UnknownSigningKey as error:
        try:
            refetched = refetch_jwks_if_allowed(installation)
        except SaleorError as fetch_error:
            raise WebhookRejected(
                WebhookErrorCode.INVALID_SIGNATURE, "Signed with a key Souk could not fetch.", 401
            ) from fetch_error
        if not refetched:
            # Saleor may have rotated its key since the last fetch: answer 503 so Saleor
            # retries once a refetch is allowed, rather than a 4xx that loses the event.
            raise WebhookRejected(
                WebhookErrorCode.SIGNING_KEY_NOT_YET_KNOWN,
                f"{error} The key set is refetched at most every "
                f"{settings.SALEOR_JWKS_REFETCH_INTERVAL} s; retry later.",
                503,
            ) from error
    except SignatureError as error:
        raise WebhookRejected(WebhookErrorCode.INVALID_SIGNATURE, str(error), 401) from error

    try:
        verify_webhook_signature(signature, body, installation.jwks)
    except SignatureError as error:
        raise WebhookRejected(WebhookErrorCode.INVALID_SIGNATURE, str(error), 401) from error


def refetch_jwks_if_allowed(installation: Installation) -> bool:
    """Something is signed with a key not in the installation's set (Saleor may have
    rotated it): fetch the set again and store it, unless it was fetched less than
    SALEOR_JWKS_REFETCH_INTERVAL ago (False). Raises `SaleorError` when Saleor cannot
    give it. For webhook signatures and Dashboard tokens alike."""
    if not _claim_jwks_refetch(installation):
        return False
    try:
        installation.jwks = fetch_jwks(installation.saleor_api_url)
    except SaleorError as error:
        logger.warning("Could not refetch the JWKS of %s: %s", installation.saleor_api_url, error)
        raise
    Installation.objects.filter(pk=installation.pk).update(jwks=installation.jwks)
    return True


def _claim_jwks_refetch(installation: Installation) -> bool:
    """At most one JWKS refetch per installation per SALEOR_JWKS_REFETCH_INTERVAL.

    The conditional UPDATE is the claim, so concurrent requests (or a flood of forged
    signatures) cannot make the App hammer Saleor.
    """
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.SALEOR_JWKS_REFETCH_INTERVAL)
    claimed = Installation.objects.filter(pk=installation.pk, jwks_fetched_at__lt=cutoff).update(
        jwks_fetched_at=now
    )
    return claimed == 1


# Handling deliveries


def handle_delivery(delivery_id: int) -> str:
    """Run the registered handlers of a stored delivery, once.

    Returns the delivery's status, or "claimed" when another worker's transaction holds it
    (`SKIP LOCKED`): that one handles it, or queues it again if it rolls back. Transient
    failures propagate so the task retries. A delivery no longer pending costs one read.

    An event with a batch handler is handled in batches: this delivery with up to
    `SALEOR_WEBHOOK_BATCH_SIZE` - 1 other pending deliveries of the event never attempted
    and held by no other worker, in one transaction (four queries besides the handlers':
    the read, this one locked, the others claimed, the handled marked). Another delivery
    that fails there is marked failed with its reason (a transient failure: left pending
    and queued again); this one's failure is raised once the others are committed, for the
    task to handle as it would alone. Deliveries received while this task was queued got no
    message (`queue_delivery`): this task takes them, batch after batch while they come
    full, with one more task queued for another worker to share them.
    """
    status, event = _status_of(delivery_id)
    left_to_this_task = (
        event is not None and bool(batch_handlers_for(event)) and take_batch_ticket(event)
    )
    if status is not None and status != WebhookDelivery.Status.PENDING:
        if left_to_this_task:
            assert event is not None
            handle_pending_deliveries(event)  # those received while this task was queued
        return status  # handled in another's batch: no lock taken, nothing to commit
    claimed: list[int] = []
    try:
        status, own_error, full = _handle_deliveries(delivery_id, claimed)
        claimed.clear()
    except BaseException:
        for other_id in claimed:  # back to pending: their own tasks may have skipped them
            _enqueue_delivery(other_id)
        raise
    if event is not None and full:
        _enqueue_pending(event)  # another worker shares what is left
    if event is not None and (full or (left_to_this_task and status == "claimed")):
        handle_pending_deliveries(event)
    if own_error is not None:
        raise own_error
    return status


def handle_pending_deliveries(event: WebhookEvent) -> None:
    """Batches of the event's pending never-attempted deliveries, until one is not full.
    After a first full batch, one more task is queued, for another worker to share them."""
    claimed: list[int] = []
    shared = False
    try:
        while True:
            claimed.clear()
            _, _, full = _handle_deliveries(None, claimed, event)
            if not full:
                return
            if not shared:
                shared = True
                _enqueue_pending(event)
    except BaseException:
        for other_id in claimed:
            _enqueue_delivery(other_id)
        raise


def _enqueue_pending(event: WebhookEvent) -> None:
    from storefront_plugins.saleor_app.tasks import handle_pending_webhook_deliveries

    try:
        handle_pending_webhook_deliveries.delay(event.value)
    except (KombuOperationalError, OSError):  # this task goes on alone
        logger.exception("Could not queue a task for the pending %s deliveries.", event.value)


TRANSIENT_ERRORS = (RetryLater, SaleorTransportError)


def _status_of(delivery_id: int) -> tuple[str | None, WebhookEvent | None]:
    """One read, no lock (a batch's later deliveries ask it once each: kept cheap)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, event FROM saleor_app_webhookdelivery WHERE id = %s", [delivery_id]
        )
        row = cursor.fetchone()
    return (str(row[0]), WebhookEvent(row[1])) if row else (None, None)


def _handle_deliveries(
    delivery_id: int | None, claimed: list[int], event: WebhookEvent | None = None
) -> tuple[str, Exception | None, bool]:
    """This delivery (or, with none, only `event`'s pending ones) with the pending others
    its event's batch handler takes, in one transaction: its status, its own error, and
    whether the batch was full (more may be pending)."""
    pending = WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",)).annotate(
        api_url=F("installation__saleor_api_url")
    )
    size = settings.SALEOR_WEBHOOK_BATCH_SIZE
    with transaction.atomic():
        deliveries = []
        if delivery_id is not None:
            delivery = pending.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).first()
            if delivery is None:  # handled since, or held by another worker's transaction
                status, _ = _status_of(delivery_id)
                if status is None:
                    logger.warning("Webhook delivery %s no longer exists.", delivery_id)
                    return "missing", None, False
                claimed_elsewhere = status == WebhookDelivery.Status.PENDING
                return ("claimed" if claimed_elsewhere else status), None, False
            event = WebhookEvent(delivery.event)
            deliveries.append(delivery)
        assert event is not None
        batch_handlers = batch_handlers_for(event)
        if batch_handlers and size > len(deliveries):
            others = list(
                pending.filter(event=event.value, status=WebhookDelivery.Status.PENDING, attempts=0)
                .exclude(pk__in=[d.pk for d in deliveries])
                .order_by("pk")[: size - len(deliveries)]
            )
            deliveries += others
            claimed.extend(other.pk for other in others)
        if not deliveries:
            return WebhookDelivery.Status.HANDLED, None, False
        messages = [
            WebhookMessage(
                delivery_id=d.pk,
                installation_id=d.installation_id,
                saleor_api_url=d.api_url,
                event=event,
                payload=parse_payload(d.body),
            )
            for d in deliveries
        ]
        failures = _run_handlers(event, messages, batch_handlers)
        own_error = failures.pop(delivery_id, None) if delivery_id is not None else None
        _record_batch([d.pk for d in deliveries], failures, skip=delivery_id if own_error else None)
        full = bool(batch_handlers) and len(deliveries) >= size
        return WebhookDelivery.Status.HANDLED, own_error, full


def _run_handlers(
    event: WebhookEvent, messages: list[WebhookMessage], batch_handlers: list[BatchHandler]
) -> dict[int, Exception]:
    """The failures by delivery id; alone, a plain handler's error propagates as before."""
    failures: dict[int, Exception] = {}
    handlers = handlers_for(event)
    for message in messages if handlers else ():
        if len(messages) == 1:
            for handler in handlers:
                handler(message)
            continue
        try:
            with transaction.atomic():  # one delivery's failure is its own
                for handler in handlers:
                    handler(message)
        except Exception as error:  # as the task's: a handler bug fails its delivery only
            failures[message.delivery_id] = error
    for batch_handler in batch_handlers:
        failures |= batch_handler([m for m in messages if m.delivery_id not in failures])
    return failures


def _record_batch(
    delivery_ids: list[int], failures: dict[int, Exception], skip: int | None
) -> None:
    handled = [pk for pk in delivery_ids if pk not in failures and pk != skip]
    WebhookDelivery.objects.filter(pk__in=handled).update(
        status=WebhookDelivery.Status.HANDLED,
        attempts=F("attempts") + 1,
        handled_at=timezone.now(),
        last_error="",
    )
    for other_id, error in failures.items():
        transient = isinstance(error, TRANSIENT_ERRORS)
        if not transient:
            logger.error("Webhook delivery %s failed in a batch: %r", other_id, error)
        WebhookDelivery.objects.filter(pk=other_id).update(
            status=WebhookDelivery.Status.PENDING if transient else WebhookDelivery.Status.FAILED,
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if transient:
            transaction.on_commit(functools.partial(_enqueue_delivery, other_id))


def record_delivery_failure(delivery_id: int, error: str, *, final: bool) -> None:
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status == WebhookDelivery.Status.HANDLED:
            return
        delivery.attempts += 1
        delivery.last_error = error[:2000]
        if final:
            delivery.status = WebhookDelivery.Status.FAILED
        delivery.save(update_fields=["attempts", "last_error", "status"])


def stale_pending_delivery_ids(older_than: timedelta, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - older_than
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, attempts=0, received_at__lt=cutoff
        ).values_list("pk", flat=True)[:limit]
    )


def parse_payload(body: str) -> dict[str, Any]:
    """JSON with every non-integer number as `Decimal`: Saleor's Money.amount is a Float."""
    payload: dict[str, Any] = json.loads(body, parse_float=Decimal)
    return payload
