"""The outbox of writes to Saleor: an edit is never lost when Saleor is slow or down.

A capability registers, from its `AppConfig.ready()`, a writer per kind of thing it keeps
in Saleor; the writer re-reads the current state of `key` and converges Saleor to it (so
it is idempotent, and one delivery stands for every edit coalesced into the entry):

    register_writer("provenance.product", write_product_provenance)

and, inside the transaction that changes that state, owes Saleor a write:

    enqueue_write(installation_id, "provenance.product", saleor_product_id)

The entry is delivered by a Celery task queued once the transaction commits. A worker
claims it (`SELECT ... FOR UPDATE SKIP LOCKED`, then status `delivering`, committed
before Saleor is called, so no lock is held on the network and no two workers deliver
it). Saleor unreachable, 5xx or 429: retried with exponential backoff, at most
`SOUK_OUTBOX_MAX_ATTEMPTS` attempts, then failed; any other error fails the entry at once
(logged once) until an edit or `retry_write` puts it back. A beat-scheduled sweep queues
again entries whose message was lost and entries a dead worker left `delivering`.
"""

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.exceptions import SaleorHTTPError, SaleorTransportError
from storefront_plugins.saleor_app.models import OutboxEntry
from storefront_plugins.saleor_app.services import client_for

logger = logging.getLogger(__name__)

Writer = Callable[[SaleorClient, str], None]

_writers: dict[str, Writer] = {}


def register_writer(kind: str, writer: Writer) -> None:
    _writers[kind] = writer


def unregister_writer(kind: str) -> None:
    _writers.pop(kind, None)


def writer_for(kind: str) -> Writer | None:
    return _writers.get(kind)


@dataclass(frozen=True)
class WriteState:
    status: Literal["pending", "retrying", "failed"]
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    since: datetime


# Enqueueing

_UPSERT = f"""
INSERT INTO {OutboxEntry._meta.db_table} AS e
    (installation_id, kind, key, status, generation, attempts, last_error,
     next_attempt_at, claimed_at, created_at, edited_at)
VALUES (%(installation_id)s, %(kind)s, %(key)s, 'pending', 1, 0, '', %(now)s, NULL, %(now)s,
        %(now)s)
ON CONFLICT (installation_id, kind, key) DO UPDATE SET
    generation = e.generation + 1,
    edited_at = EXCLUDED.edited_at,
    status = CASE WHEN e.status = 'delivering' THEN 'delivering' ELSE 'pending' END,
    attempts = CASE WHEN e.status = 'failed' THEN 0 ELSE e.attempts END,
    next_attempt_at = CASE
        WHEN e.status = 'failed' THEN EXCLUDED.next_attempt_at ELSE e.next_attempt_at END
RETURNING id, status, next_attempt_at
"""  # noqa: S608 (the table name is ours)


def enqueue_write(installation_id: int, kind: str, key: str) -> None:
    """Owe Saleor a write of `key`; call it inside the transaction making the change.

    Coalesces with the outstanding entry of (installation, kind, key): a pending one is
    delivered once for every edit; one being delivered is delivered again after; a failed
    one is pending again (the edit may be what it needed). One statement.
    """
    if kind not in _writers:
        raise ValueError(f"No outbox writer is registered for {kind!r}.")
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT, {"installation_id": installation_id, "kind": kind, "key": key, "now": now}
        )
        entry_id, status, next_attempt_at = cursor.fetchone()
    if status == OutboxEntry.Status.PENDING and next_attempt_at <= now:
        # Waiting out a backoff, it is queued when it is due; being delivered, after that.
        transaction.on_commit(functools.partial(schedule_delivery, entry_id))


def delivery_queue() -> str:
    """The queue of deliveries: SOUK_OUTBOX_QUEUE, else Celery's default queue."""
    return str(settings.SOUK_OUTBOX_QUEUE or settings.CELERY_TASK_DEFAULT_QUEUE)


def schedule_delivery(entry_id: int, countdown: float = 0) -> bool:
    from storefront_plugins.saleor_app.tasks import deliver_outbox_entry

    try:
        deliver_outbox_entry.apply_async(
            args=(entry_id,), countdown=countdown, queue=delivery_queue()
        )
    except (KombuOperationalError, OSError):  # the broker is down: the sweep queues it later
        logger.exception("Could not queue outbox entry %s; the sweep will.", entry_id)
        return False
    return True


# Reading, for the portal


_SEVERITY = {"pending": 0, "retrying": 1, "failed": 2}


def write_states(kind: str, keys: Iterable[str]) -> dict[str, WriteState]:
    """The outstanding writes of these keys (one query); keys with none are absent.

    A key outstanding in several Saleors shows its worst state and its oldest edit."""
    keys = list(keys)
    if not keys:
        return {}
    states: dict[str, WriteState] = {}
    rows = OutboxEntry.objects.filter(kind=kind, key__in=keys).values_list(
        "key", "status", "attempts", "last_error", "next_attempt_at", "created_at"
    )
    for key, status, attempts, last_error, next_attempt_at, created_at in rows:
        state = write_state(status, attempts, last_error, next_attempt_at, created_at)
        known = states.get(key)
        if known is not None:
            worst = max(known, state, key=lambda s: _SEVERITY[s.status])
            state = dataclasses.replace(worst, since=min(known.since, state.since))
        states[key] = state
    return states


def write_state(
    status: str, attempts: int, last_error: str, next_attempt_at: datetime, since: datetime
) -> WriteState:
    if status == OutboxEntry.Status.FAILED:
        return WriteState("failed", attempts, last_error, None, since)
    if attempts:
        return WriteState("retrying", attempts, last_error, next_attempt_at, since)
    return WriteState("pending", attempts, last_error, next_attempt_at, since)


def retry_write(kind: str, key: str) -> bool:
    """A failed write is pending again, with its attempts counted afresh (a manual retry).
    False when nothing of `key` had failed."""
    now = timezone.now()
    with transaction.atomic():
        entry_ids = list(
            OutboxEntry.objects.select_for_update()
            .filter(kind=kind, key=key, status=OutboxEntry.Status.FAILED)
            .values_list("pk", flat=True)
        )
        OutboxEntry.objects.filter(pk__in=entry_ids).update(
            status=OutboxEntry.Status.PENDING, attempts=0, next_attempt_at=now
        )
        for entry_id in entry_ids:
            transaction.on_commit(functools.partial(schedule_delivery, entry_id))
    return bool(entry_ids)


# Delivering


def is_retryable(error: Exception) -> bool:
    """Saleor unreachable, 5xx or rate-limited: the same write may pass later."""
    if isinstance(error, SaleorTransportError):
        return True
    return isinstance(error, SaleorHTTPError) and (error.status >= 500 or error.status == 429)


def lease() -> timedelta:
    """How long a claim holds: past it, the worker is taken for dead and the entry is
    delivered again (writers are idempotent)."""
    return timedelta(seconds=settings.SOUK_OUTBOX_LEASE_SECONDS)


def _claimable(now: datetime) -> Q:
    return Q(status=OutboxEntry.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxEntry.Status.DELIVERING, claimed_at__lt=now - lease()
    )


def deliver(entry_id: int) -> str:
    """Deliver one entry if it is due and no other worker holds it; its outcome."""
    entry = _claim(entry_id)
    if entry is None:
        return "skipped"
    writer = writer_for(entry.kind)
    try:
        if writer is None:
            raise LookupError(f"No outbox writer is registered for {entry.kind!r}.")
        writer(client_for(entry.installation), entry.key)
    except Exception as error:
        return _record_failure(entry, error)
    return _record_success(entry)


def _claim(entry_id: int) -> OutboxEntry | None:
    now = timezone.now()
    with transaction.atomic():
        entry = (
            OutboxEntry.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("installation")
            .filter(_claimable(now), pk=entry_id)
            .first()
        )
        if entry is None:
            return None
        entry.status = OutboxEntry.Status.DELIVERING
        entry.claimed_at = now
        entry.save(update_fields=["status", "claimed_at"])
    return entry


def _record_success(entry: OutboxEntry) -> str:
    with transaction.atomic():
        deleted, _ = OutboxEntry.objects.filter(pk=entry.pk, generation=entry.generation).delete()
        if deleted:
            return "delivered"
        # Edited while it was delivered: what Saleor has may predate the edit.
        OutboxEntry.objects.filter(pk=entry.pk).update(
            status=OutboxEntry.Status.PENDING,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now(),
            claimed_at=None,
            created_at=F("edited_at"),
        )
        transaction.on_commit(functools.partial(schedule_delivery, entry.pk))
    return "redeliver"


def _record_failure(entry: OutboxEntry, error: Exception) -> str:
    message = f"{type(error).__name__}: {error}"[:2000]
    attempts = entry.attempts + 1
    retryable = is_retryable(error)
    gave_up = not retryable or attempts >= settings.SOUK_OUTBOX_MAX_ATTEMPTS
    now = timezone.now()
    countdown = 0.0 if gave_up else retry_countdown(attempts - 1)
    with transaction.atomic():
        edited = not OutboxEntry.objects.filter(pk=entry.pk, generation=entry.generation).exists()
        if gave_up and edited:  # an edit came meanwhile: it deserves an attempt of its own
            gave_up, countdown = False, 0.0
        OutboxEntry.objects.filter(pk=entry.pk).update(
            status=OutboxEntry.Status.FAILED if gave_up else OutboxEntry.Status.PENDING,
            attempts=attempts,
            last_error=message,
            next_attempt_at=now + timedelta(seconds=countdown),
            claimed_at=None,
        )
        if not gave_up:
            transaction.on_commit(functools.partial(schedule_delivery, entry.pk, countdown))
    if gave_up:
        logger.error(
            "Outbox write %s %s to %s failed for good after %s attempts: %s",
            entry.kind,
            entry.key,
            entry.installation.saleor_api_url,
            attempts,
            message,
            exc_info=not retryable,
        )
        return "failed"
    logger.warning("Outbox write %s %s failed, retrying: %s", entry.kind, entry.key, message)
    return "retrying"


def retry_countdown(retries: int) -> float:
    from storefront_plugins.saleor_app.tasks import retry_countdown as backoff  # tasks imports us

    return backoff(retries)


def due_entry_ids(now: datetime | None = None, limit: int = 500) -> list[int]:
    """Entries due whose message may be lost (due a while ago) and claims past their lease,
    for the sweep."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.SOUK_OUTBOX_SWEEP_GRACE_SECONDS)
    return list(
        OutboxEntry.objects.filter(_claimable(now - grace))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
