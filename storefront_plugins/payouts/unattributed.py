"""Allocating a cooperative's unattributed sales to its member artisans.

A line sold without provenance credits its makers' part to the channel's cooperative with
the UNATTRIBUTED role (`splits.py`), in its HELD account until the order's hold ends, then
in its PAYABLE account (beside its commission and shipping: entries keep their role). A
manager gives that money to the artisans who made the pieces:

- `unattributed_funds(cooperative_id, currency)`: what may be allocated now, and what is
  still held (one query). Only released money moves: a release moves each order's HELD
  parts from that order's own entries, so taking held money away from the cooperative would
  leave its HELD account negative once the order is released. `available` is the
  unattributed PAYABLE net of refunds and earlier allocations, at most the cooperative's
  whole PAYABLE balance: an allocation never leaves the cooperative a debt. (A payout run
  pays the cooperative its PAYABLE, unattributed sales included; what it was paid of them
  is allocated from what it earns next.)
- `validate_allocation(request, available, active_member_ids)`: pure, every error at once.
- `allocate_unattributed_funds(access, user, request)`: the cooperative's managers and
  platform staff (`LedgerAccess.configures`, the rule of its payout settings); anyone else
  NOT_FOUND. In one database transaction, the PAYABLE accounts locked (`FOR UPDATE`, as
  payout runs lock them): the key's earlier allocation replayed if any, else the
  request validated against the balance and posted as one balanced ADJUSTMENT transaction
  (cooperative PAYABLE, role UNATTRIBUTED -> each artisan's PAYABLE, role ARTISAN_SHARE)
  with its `UnattributedAllocation` record (who, when, note, key). Statements show it as an
  adjustment on both sides.
- `recent_allocations(cooperative_id, currency)`: the audit trail, newest first.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.services import active_member_names
from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.access import LedgerAccess
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.ledger import EntryLine
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerEntry,
    TransactionKind,
    UnattributedAllocation,
)
from storefront_plugins.payouts.payout_access import not_found
from storefront_plugins.payouts.payout_settings import validate_cooperative_exists
from storefront_plugins.payouts.splits import CURRENCY_EXPONENTS, Party, PartyKind, Role

MAX_LINES = 50
MAX_KEY_LENGTH = 64
MAX_NOTE_LENGTH = 500
COOPERATIVE_FIELD = "cooperativeId"


@dataclass(frozen=True)
class UnattributedFunds:
    cooperative_id: int
    currency: str
    available: int  # minor units that may be allocated now
    held: int  # unattributed, still held: allocatable once released


@dataclass(frozen=True)
class AllocationLine:
    artisan_id: int
    amount: int  # minor units


@dataclass(frozen=True)
class AllocationRequest:
    cooperative_id: int
    currency: str
    lines: tuple[AllocationLine, ...]
    idempotency_key: str
    note: str

    def digest(self) -> str:
        canonical = json.dumps(
            [self.currency, [[x.artisan_id, x.amount] for x in self.lines], self.note.strip()],
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Allocation:
    id: int
    cooperative_id: int
    currency: str
    lines: tuple[AllocationLine, ...]
    note: str
    allocated_by_id: int
    allocated_by_email: str
    created_at: datetime
    transaction_id: int

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class AllocationResult:
    allocation: Allocation
    replayed: bool  # the key's earlier allocation, nothing moved this time


def cooperative_party(cooperative_id: int) -> Party:
    return Party(PartyKind.COOPERATIVE, cooperative_id)


# Reading


def _funds(cooperative_id: int, currency: str) -> UnattributedFunds:
    """One query: the cooperative's unattributed HELD and PAYABLE sums and its PAYABLE."""
    entries = LedgerEntry.objects.filter(
        account__party_kind=PartyKind.COOPERATIVE,
        account__party_id=cooperative_id,
        account__currency=currency,
    )
    payable = Q(account__kind=AccountKind.PAYABLE)
    unattributed = Q(role=Role.UNATTRIBUTED)
    sums = entries.aggregate(
        payable=Sum("amount", filter=payable, default=0),
        unattributed_payable=Sum("amount", filter=payable & unattributed, default=0),
        unattributed_held=Sum(
            "amount", filter=Q(account__kind=AccountKind.HELD) & unattributed, default=0
        ),
    )
    return UnattributedFunds(
        cooperative_id=cooperative_id,
        currency=currency,
        available=available_to_allocate(int(sums["unattributed_payable"]), int(sums["payable"])),
        held=max(0, int(sums["unattributed_held"])),
    )


def available_to_allocate(unattributed_payable: int, payable: int) -> int:
    """Pure: what of the released unattributed sales is still in the cooperative's PAYABLE
    (a payout to the cooperative may have taken it), never negative (a refund after an
    allocation leaves the cooperative to absorb it)."""
    return max(0, min(unattributed_payable, payable))


def unattributed_funds(cooperative_id: int, currency: str) -> UnattributedFunds:
    return _funds(cooperative_id, currency)


def access_unattributed_funds(
    access: LedgerAccess, cooperative_id: int, currency: str
) -> UnattributedFunds:
    """For whoever reads the cooperative's ledger (its managers and treasurers, staff)."""
    if not access.reads(cooperative_party(cooperative_id)):
        raise not_found(COOPERATIVE_FIELD, "Cooperative")
    _validate_currency(currency)
    return _funds(cooperative_id, currency)


# Validating


def _validate_currency(currency: str) -> None:
    if currency not in CURRENCY_EXPONENTS:
        raise ValidationError(
            {
                "currency": ValidationError(
                    "A currency payouts know.", code=PayoutErrorCode.UNKNOWN_CURRENCY.value
                )
            }
        )


def exact_minor_units(amount: Decimal, currency: str) -> int | None:
    """Pure: `Decimal("12.50")` MAD -> 1250; None when the amount has more decimals than the
    currency (nothing is rounded away from what a manager typed) or is not finite."""
    if currency not in CURRENCY_EXPONENTS or not amount.is_finite():
        return None
    scaled = amount.scaleb(CURRENCY_EXPONENTS[currency])
    return int(scaled) if scaled == scaled.to_integral_value() else None


def minor_amounts(amounts: Sequence[Decimal | None], currency: str) -> list[int]:
    """Pure: amounts typed in the currency's units as minor units; raises one ValidationError
    for an unknown currency or the amounts that are missing or have too many decimals."""
    _validate_currency(currency)
    errors: dict[str, list[ValidationError]] = {}
    result = []
    for n, amount in enumerate(amounts):
        minor = exact_minor_units(amount, currency) if amount is not None else None
        if minor is None:
            errors[f"lines.{n}.amount"] = [
                ValidationError(
                    f"An amount in {currency}, with at most its decimals.",
                    code=PayoutErrorCode.INVALID.value,
                )
            ]
        result.append(minor or 0)
    if errors:
        raise ValidationError(errors)
    return result


def validate_allocation(
    request: AllocationRequest, available: int, active_member_ids: frozenset[int]
) -> None:
    """Pure: raises one ValidationError with every problem of the request, by field
    (`lines.<n>.artisanId`, `lines.<n>.amount` for a line's, `lines` for the total)."""
    errors: dict[str, list[ValidationError]] = defaultdict(list)

    def add(field: str, message: str, code: PayoutErrorCode) -> None:
        errors[field].append(ValidationError(message, code=code.value))

    known_currency = request.currency in CURRENCY_EXPONENTS
    if not known_currency:
        add("currency", "A currency payouts know.", PayoutErrorCode.UNKNOWN_CURRENCY)
    key = request.idempotency_key
    if not key.strip():
        add("idempotencyKey", "An idempotency key is required.", PayoutErrorCode.REQUIRED)
    elif len(key) > MAX_KEY_LENGTH:
        add("idempotencyKey", f"At most {MAX_KEY_LENGTH} characters.", PayoutErrorCode.INVALID)
    note = request.note.strip()
    if not note:
        add("note", "Say why these artisans receive these amounts.", PayoutErrorCode.REQUIRED)
    elif len(note) > MAX_NOTE_LENGTH:
        add("note", f"At most {MAX_NOTE_LENGTH} characters.", PayoutErrorCode.INVALID)
    if not request.lines:
        add("lines", "Allocate to at least one artisan.", PayoutErrorCode.REQUIRED)
    elif len(request.lines) > MAX_LINES:
        add("lines", f"At most {MAX_LINES} artisans at once.", PayoutErrorCode.INVALID)
    seen: set[int] = set()
    for n, line in enumerate(request.lines):
        if line.amount <= 0:
            add(f"lines.{n}.amount", "A positive amount.", PayoutErrorCode.OUT_OF_RANGE)
        if line.artisan_id in seen:
            add(
                f"lines.{n}.artisanId",
                "This artisan is on another line already.",
                PayoutErrorCode.DUPLICATED_INPUT_ITEM,
            )
        elif line.artisan_id not in active_member_ids:
            add(
                f"lines.{n}.artisanId",
                "Not an active member of the cooperative.",
                PayoutErrorCode.NOT_A_MEMBER,
            )
        seen.add(line.artisan_id)
    total = sum(line.amount for line in request.lines if line.amount > 0)
    if known_currency and request.lines and total > available:
        add(
            "lines",
            "More than the unattributed funds available to allocate.",
            PayoutErrorCode.INSUFFICIENT_FUNDS,
        )
    if errors:
        raise ValidationError(dict(errors))


# Allocating


def _lock_payable_accounts(request: AllocationRequest) -> None:
    """The PAYABLE accounts of the cooperative and of the lines' artisans, locked in the
    order a payout run locks them (by id: neither waits for the other in a cycle) until the
    transaction ends: two allocations, or an allocation and a run, never move the same
    money. No cooperative account yet: nothing released, nothing to allocate (the key's
    unique constraint settles concurrent requests then)."""
    parties = [cooperative_party(request.cooperative_id)] + [
        Party(PartyKind.ARTISAN, line.artisan_id) for line in request.lines
    ]
    ledger.lock_payable_balances(parties, request.currency)


def _replay(request: AllocationRequest) -> AllocationResult | None:
    previous = (
        UnattributedAllocation.objects.filter(
            cooperative_id=request.cooperative_id, idempotency_key=request.idempotency_key
        )
        .select_related("allocated_by")
        .first()
    )
    if previous is None:
        return None
    if previous.request_digest != request.digest():
        raise ValidationError(
            {
                "idempotencyKey": ValidationError(
                    "This key was used for another allocation.",
                    code=PayoutErrorCode.IDEMPOTENCY_KEY_REUSED.value,
                )
            }
        )
    return AllocationResult(allocations_of([previous])[0], replayed=True)


def _post(request: AllocationRequest, user: User) -> AllocationResult:
    cooperative = cooperative_party(request.cooperative_id)
    total = sum(line.amount for line in request.lines)
    posted = ledger.post(
        TransactionKind.ADJUSTMENT,
        request.currency,
        [EntryLine(cooperative, AccountKind.PAYABLE, -total, Role.UNATTRIBUTED)]
        + [
            EntryLine(
                Party(PartyKind.ARTISAN, line.artisan_id),
                AccountKind.PAYABLE,
                line.amount,
                Role.ARTISAN_SHARE,
            )
            for line in request.lines
        ],
        description="Unattributed sales allocated",
    )
    row = UnattributedAllocation.objects.create(
        cooperative_id=request.cooperative_id,
        currency=request.currency,
        idempotency_key=request.idempotency_key,
        request_digest=request.digest(),
        transaction=posted,
        allocated_by=user,
        note=request.note.strip(),
    )
    return AllocationResult(
        Allocation(
            id=row.pk,
            cooperative_id=row.cooperative_id,
            currency=row.currency,
            lines=request.lines,
            note=row.note,
            allocated_by_id=user.pk,
            allocated_by_email=user.email,
            created_at=row.created_at,
            transaction_id=posted.pk,
        ),
        replayed=False,
    )


def check_allocates(access: LedgerAccess, cooperative_id: int) -> None:
    """The cooperative's managers and platform staff (who configure its payouts); anyone
    else is told the cooperative is not found."""
    if not access.configures(cooperative_id):
        raise not_found(COOPERATIVE_FIELD, "Cooperative")


def allocate_unattributed_funds(
    access: LedgerAccess, user: User, request: AllocationRequest
) -> AllocationResult:
    check_allocates(access, request.cooperative_id)
    validate_cooperative_exists(request.cooperative_id)
    members = frozenset(active_member_names(request.cooperative_id))
    try:
        with transaction.atomic():
            _lock_payable_accounts(request)
            replayed = _replay(request)
            if replayed is not None:
                return replayed
            funds = _funds(request.cooperative_id, request.currency)
            validate_allocation(request, funds.available, members)
            return _post(request, user)
    except IntegrityError:
        # A concurrent request with the same key committed first.
        replayed = _replay(request)
        if replayed is None:
            raise
        return replayed


def allocations_of(rows: Sequence[UnattributedAllocation]) -> list[Allocation]:
    """The rows with their lines read from their transactions' entries (one query; the
    rows' `allocated_by` selected with them)."""
    lines: dict[int, list[AllocationLine]] = defaultdict(list)
    entries = (
        LedgerEntry.objects.filter(
            transaction_id__in=[row.transaction_id for row in rows],
            account__party_kind=PartyKind.ARTISAN,
        )
        .order_by("pk")
        .values_list("transaction_id", "account__party_id", "amount")
    )
    for transaction_id, artisan_id, amount in entries:
        lines[transaction_id].append(AllocationLine(artisan_id, amount))
    return [
        Allocation(
            id=row.pk,
            cooperative_id=row.cooperative_id,
            currency=row.currency,
            lines=tuple(lines[row.transaction_id]),
            note=row.note,
            allocated_by_id=row.allocated_by_id,
            allocated_by_email=row.allocated_by.email,
            created_at=row.created_at,
            transaction_id=row.transaction_id,
        )
        for row in rows
    ]


def recent_allocations(cooperative_id: int, currency: str, limit: int = 20) -> list[Allocation]:
    """The cooperative's last allocations in the currency, newest first (two queries)."""
    rows = list(
        UnattributedAllocation.objects.filter(cooperative_id=cooperative_id, currency=currency)
        .select_related("allocated_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    return allocations_of(rows) if rows else []
