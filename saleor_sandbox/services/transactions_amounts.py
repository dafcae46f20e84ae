"""A transaction's amounts, derived from its events exactly as Saleor's
`payment/transaction_item_calculations.py` does; pure, no ORM.

Events are grouped by (kind, pspReference): a request counts as pending until a success or
failure with the same reference arrives; a success counts unless a newer failure exists.
A charge moves money out of `authorized`, a refund out of `charged`, a cancel out of
`authorized`. Events without a pspReference (transactionCreate/Update) count as they are.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

ZERO = Decimal(0)

AUTHORIZATION_EVENTS = {
    "AUTHORIZATION_SUCCESS",
    "AUTHORIZATION_FAILURE",
    "AUTHORIZATION_ADJUSTMENT",
    "AUTHORIZATION_REQUEST",
}


@dataclass(frozen=True)
class EventData:
    type: str  # TransactionEventTypeEnum name
    amount: Decimal
    psp_reference: str
    created_at: datetime


@dataclass
class Amounts:
    authorized: Decimal = ZERO
    authorize_pending: Decimal = ZERO
    charged: Decimal = ZERO
    charge_pending: Decimal = ZERO
    refunded: Decimal = ZERO
    refund_pending: Decimal = ZERO
    canceled: Decimal = ZERO
    cancel_pending: Decimal = ZERO


@dataclass
class _Group:
    request: EventData | None = None
    success: EventData | None = None
    failure: EventData | None = None
    extra: EventData | None = None  # adjustment, charge back or refund reverse


@dataclass
class _Groups:
    without_psp_reference: list[EventData] = field(default_factory=list)
    by_kind: dict[str, dict[str, _Group]] = field(
        default_factory=lambda: {
            k: defaultdict(_Group) for k in ("AUTH", "CHARGE", "REFUND", "CANCEL")
        }
    )


_SLOTS = {
    "AUTHORIZATION_REQUEST": ("AUTH", "request"),
    "AUTHORIZATION_SUCCESS": ("AUTH", "success"),
    "AUTHORIZATION_FAILURE": ("AUTH", "failure"),
    "AUTHORIZATION_ADJUSTMENT": ("AUTH", "extra"),
    "CHARGE_REQUEST": ("CHARGE", "request"),
    "CHARGE_SUCCESS": ("CHARGE", "success"),
    "CHARGE_FAILURE": ("CHARGE", "failure"),
    "CHARGE_BACK": ("CHARGE", "extra"),
    "REFUND_REQUEST": ("REFUND", "request"),
    "REFUND_SUCCESS": ("REFUND", "success"),
    "REFUND_FAILURE": ("REFUND", "failure"),
    "REFUND_REVERSE": ("REFUND", "extra"),
    "CANCEL_REQUEST": ("CANCEL", "request"),
    "CANCEL_SUCCESS": ("CANCEL", "success"),
    "CANCEL_FAILURE": ("CANCEL", "failure"),
}


def _authorize_events(events: list[EventData]) -> list[EventData]:
    authorize = [e for e in events if e.type in AUTHORIZATION_EVENTS]
    adjustments = [i for i, e in enumerate(authorize) if e.type == "AUTHORIZATION_ADJUSTMENT"]
    return authorize[adjustments[-1] :] if adjustments else authorize


def _group(events: list[EventData]) -> _Groups:
    groups = _Groups()
    others = [e for e in events if e.type not in AUTHORIZATION_EVENTS]
    for event in [*_authorize_events(events), *others]:
        if event.type not in _SLOTS:
            continue
        if not event.psp_reference:
            groups.without_psp_reference.append(event)
            continue
        kind, slot = _SLOTS[event.type]
        setattr(groups.by_kind[kind][event.psp_reference], slot, event)
    return groups


def _without_psp_reference(amounts: Amounts, events: list[EventData]) -> None:
    for event in events:
        if event.type == "AUTHORIZATION_SUCCESS":
            amounts.authorized += event.amount
        elif event.type == "AUTHORIZATION_ADJUSTMENT":
            amounts.authorized = event.amount
        elif event.type == "CHARGE_SUCCESS":
            amounts.charged += event.amount
        elif event.type == "CHARGE_BACK":
            amounts.charged -= event.amount
        elif event.type == "REFUND_SUCCESS":
            amounts.refunded += event.amount
        elif event.type == "REFUND_REVERSE":
            amounts.charged += event.amount
        elif event.type == "CANCEL_SUCCESS":
            amounts.canceled += event.amount


def _apply(amounts: Amounts, group: _Group, pending: str, done: str, previous: str | None) -> None:
    if group.request and not group.success and not group.failure:
        setattr(amounts, pending, getattr(amounts, pending) + group.request.amount)
        if previous:
            setattr(amounts, previous, getattr(amounts, previous) - group.request.amount)
    success, failure = group.success, group.failure
    if success and (failure is None or success.created_at > failure.created_at):
        setattr(amounts, done, getattr(amounts, done) + success.amount)
        if previous:
            setattr(amounts, previous, getattr(amounts, previous) - success.amount)


def calculate_amounts(events: Iterable[EventData]) -> Amounts:
    """Only events that count (`include_in_calculations`) are passed, oldest first."""
    ordered = sorted(events, key=lambda e: e.created_at)
    groups = _group(ordered)
    amounts = Amounts()
    _without_psp_reference(amounts, groups.without_psp_reference)
    for group in groups.by_kind["AUTH"].values():
        if group.extra:
            amounts.authorized = group.extra.amount
        _apply(amounts, group, "authorize_pending", "authorized", None)
    for group in groups.by_kind["CHARGE"].values():
        if group.extra:
            amounts.charged -= group.extra.amount
        _apply(amounts, group, "charge_pending", "charged", "authorized")
    for group in groups.by_kind["REFUND"].values():
        if group.extra:
            amounts.charged += group.extra.amount
            amounts.refunded -= group.extra.amount
        _apply(amounts, group, "refund_pending", "refunded", "charged")
    for group in groups.by_kind["CANCEL"].values():
        _apply(amounts, group, "cancel_pending", "canceled", "authorized")
    amounts.authorized = max(amounts.authorized, ZERO)
    amounts.authorize_pending = max(amounts.authorize_pending, ZERO)
    return amounts
