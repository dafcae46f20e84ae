"""Payouts' services: the only writers of the ledger's order postings.

- `post_order_split(saleor_api_url, order, paid_at)`: ORDER_FULLY_PAID. Splits the order
  (`splits.split_order`) with the makers of its products (provenance) and its cooperatives'
  rules, posts CLEARING -> each part's account once per Saleor order (`OrderPosting` unique
  on api url, order id, "paid", "split"), starts the hold. Returns a `PostingResult`.
- `post_order_refund(saleor_api_url, order)`: ORDER_REFUNDED / ORDER_FULLY_REFUNDED.
  Reconciles Saleor's cumulative refund state with what was already reversed and posts only
  the difference (`splits.allocate_refund`), keyed by a digest of that state; a payload older
  than the last applied (`updatedAt`, or a smaller `totalRefunded`) is ignored; a refund
  seen before the payment posts the split first. Duplicates, reordering and partial refunds
  in any sequence end in the same ledger. A part already released is reversed from PAYABLE
  (it may go negative: the debt is netted from later payouts), otherwise from HELD. A part
  already paid by a Stripe transfer is also reversed at Stripe (`transfer_reversals`, a task
  queued on commit): once reversed, the money is back and the debt cleared.
- `record_order_fulfilled(saleor_api_url, order, fulfilled_at)`: ORDER_FULFILLED, starts a
  hold counted from fulfilment.
- `release_held_funds(now)`: orders whose hold ended: HELD -> PAYABLE, once per order.
- `posted_split(saleor_api_url, saleor_order_id)`: the `splits.Split` decided at payment
  (per line and shipping, per party and role), for statements.
- `party_balances(party)`, `artisan_balances(id)`, `cooperative_balances(id)`:
  `PartyBalance` per currency, one query; `balances_of_parties(parties)` for many, one query.

The split's inputs are read in `rules.py`: who made what comes from
`provenance.services.makers_of_products` and the cooperatives' commission from
`artisans.services.cooperative_payout_terms` (a fixed number of queries per order). A line
with no provenance is split with the rules of the channel's cooperative and its makers' part
is credited to that cooperative's UNATTRIBUTED role (in its HELD account), for a manager to
allocate later with an adjustment; with no cooperative for the channel either, it goes to
the platform's.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.ledger import EntryLine
from storefront_plugins.payouts.models import (
    AccountKind,
    HoldStart,
    LedgerOrder,
    OrderPosting,
    TransactionKind,
)
from storefront_plugins.payouts.payloads import SaleorOrder
from storefront_plugins.payouts.rules import (
    Policy,
    decide_split,
    policy_for,
    split_detail,
    split_from_detail,
)
from storefront_plugins.payouts.splits import (
    PLATFORM,
    Party,
    PartyKind,
    Posting,
    RefundState,
    Role,
    Split,
    allocate_refund,
    postings_of,
)
from storefront_plugins.payouts.transfer_reversals import plan_reversals

SPLIT_KEY = "split"
RELEASE_KEY = "release"


@dataclass(frozen=True)
class PostingResult:
    ledger_order_id: int
    transaction_id: int | None
    # "posted"; "duplicate" (seen before); "unchanged" (nothing to post); "stale" (an older
    # state than one applied); "unpaid" (a refund of an order never paid in full)
    outcome: str
    postings: tuple[Posting, ...]  # what this call credited (> 0) or reversed (< 0)


@dataclass(frozen=True)
class ReleaseResult:
    ledger_order_id: int
    transaction_id: int | None
    released: int  # minor units moved from HELD to PAYABLE


@dataclass(frozen=True)
class PartyBalance:
    party: Party
    currency: str
    held: int
    payable: int  # negative: a debt netted from later payouts
    in_transit: int
    tax: int
    revenue: int


def posted_split(saleor_api_url: str, saleor_order_id: str) -> Split | None:
    """The split as it was decided when the order was paid (None before that)."""
    posting = OrderPosting.objects.filter(
        saleor_api_url=saleor_api_url,
        saleor_order_id=saleor_order_id,
        event_kind=OrderPosting.EventKind.PAID,
        key=SPLIT_KEY,
    ).first()
    return split_from_detail(posting.detail) if posting is not None else None


def part_account(party: Party, role: Role, released: bool) -> AccountKind:
    """Where a part of a sale is credited: tax to TAX, the platform's to its revenue,
    everyone else's to HELD until the order's hold ends, then PAYABLE."""
    if role == Role.TAX:
        return AccountKind.TAX
    if party == PLATFORM:
        return AccountKind.PLATFORM_REVENUE
    return AccountKind.PAYABLE if released else AccountKind.HELD


@dataclass(frozen=True)
class LockedOrder:
    row: LedgerOrder
    split_posted: bool  # the order's split posting exists (its transaction: null if nothing)
    split_transaction_id: int | None


def _lock_order(saleor_api_url: str, order: SaleorOrder) -> LockedOrder:
    """The order's row, created when missing and locked (`FOR UPDATE`) until the caller's
    transaction ends, with its split posting if any (two queries)."""
    LedgerOrder.objects.bulk_create(
        [
            LedgerOrder(
                saleor_api_url=saleor_api_url,
                saleor_order_id=order.id,
                order_number=order.number,
                currency=order.currency,
                channel_slug=order.channel_slug,
            )
        ],
        ignore_conflicts=True,  # a concurrent first event waits here until it commits
    )
    split_postings = OrderPosting.objects.filter(
        saleor_api_url=OuterRef("saleor_api_url"),
        saleor_order_id=OuterRef("saleor_order_id"),
        event_kind=OrderPosting.EventKind.PAID,
        key=SPLIT_KEY,
    )
    row = (
        LedgerOrder.objects.select_for_update()
        .annotate(
            split_posted=Exists(split_postings),
            split_transaction_id=Subquery(split_postings.values("transaction_id")[:1]),
        )
        .get(saleor_api_url=saleor_api_url, saleor_order_id=order.id)
    )
    return LockedOrder(row, row.split_posted, row.split_transaction_id)


def hold_until(
    paid_at: datetime | None,
    fulfilled_at: datetime | None,
    policy: Policy,
    cancelled_at: datetime | None = None,
) -> datetime | None:
    """When an unreleased order's hold ends: `hold_days` after its payment or fulfilment,
    by its cooperative's policy; never before the payment is posted (nothing is held), and
    not for a cancelled order (its refund is expected: the money must not be paid out)."""
    if cancelled_at is not None:
        return None
    start = paid_at if policy.hold_starts == HoldStart.PAYMENT else fulfilled_at
    return start + timedelta(days=policy.hold_days) if start and paid_at else None


def _update_hold(row: LedgerOrder, policy: Policy | None = None) -> None:
    if row.released_at is not None:
        return
    policy = policy or policy_for(row.cooperative_id)
    row.hold_until = hold_until(row.paid_at, row.fulfilled_at, policy, row.cancelled_at)


def _post_split(
    locked: LockedOrder, saleor_api_url: str, order: SaleorOrder, paid_at: datetime
) -> PostingResult:
    row = locked.row
    if locked.split_posted:
        return PostingResult(row.pk, locked.split_transaction_id, "duplicate", ())
    decision = decide_split(order)
    split = decision.split
    postings = split.postings
    released = row.released_at is not None
    lines = [EntryLine(PLATFORM, AccountKind.CLEARING, -split.total)] + [
        EntryLine(p.party, part_account(p.party, p.role, released), p.amount, p.role)
        for p in postings
    ]
    posted = (
        ledger.post(
            TransactionKind.SPLIT,
            order.currency,
            lines,
            order=row,
            description=f"Order {order.number or order.id} paid",
        )
        if split.total
        else None
    )
    OrderPosting.objects.create(
        saleor_api_url=saleor_api_url,
        saleor_order_id=order.id,
        event_kind=OrderPosting.EventKind.PAID,
        key=SPLIT_KEY,
        transaction=posted,
        detail=split_detail(split),
    )
    row.cooperative_id = decision.channel_cooperative_id
    row.paid_at = row.paid_at or paid_at
    row.charge_reference = row.charge_reference or order.charge_reference
    _update_hold(row, decision.channel_policy)
    row.save(update_fields=["cooperative_id", "paid_at", "charge_reference", "hold_until"])
    return PostingResult(row.pk, posted.pk if posted else None, "posted", postings)


@transaction.atomic
def post_order_split(
    saleor_api_url: str, order: SaleorOrder, paid_at: datetime | None = None
) -> PostingResult:
    return _post_split(
        _lock_order(saleor_api_url, order), saleor_api_url, order, paid_at or timezone.now()
    )


# Refunds


def refund_state_key(state: RefundState) -> str:
    canonical = json.dumps(
        [
            state.refunded_total,
            [
                [
                    g.id,
                    g.amount,
                    g.status.value,
                    g.shipping,
                    [[gl.line_id, gl.quantity] for gl in g.lines],
                ]
                for g in state.granted
            ],
        ],
        separators=(",", ":"),
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return f"{state.refunded_total}:{digest}"


@transaction.atomic
def post_order_refund(
    saleor_api_url: str, order: SaleorOrder, seen_at: datetime | None = None
) -> PostingResult:
    locked = _lock_order(saleor_api_url, order)
    row = locked.row
    if row.paid_at is None:
        if order.charged_total + order.refund_state.refunded_total < order.total_gross:
            return PostingResult(row.pk, None, "unpaid", ())
        # The refund arrived before ORDER_FULLY_PAID (or that one was lost): split first.
        _post_split(locked, saleor_api_url, order, seen_at or timezone.now())
    older = bool(
        order.updated_at and row.refund_state_at and order.updated_at < row.refund_state_at
    )
    if older or order.refund_state.refunded_total < row.refunded_total_applied:
        return PostingResult(row.pk, None, "stale", ())
    key = refund_state_key(order.refund_state)
    posting_filter = {
        "saleor_api_url": saleor_api_url,
        "saleor_order_id": order.id,
        "event_kind": OrderPosting.EventKind.REFUND,
        "key": key,
    }
    duplicate = OrderPosting.objects.filter(**posting_filter).first()
    if duplicate is not None:
        return PostingResult(row.pk, duplicate.transaction_id, "duplicate", ())
    split = posted_split(saleor_api_url, order.id)
    assert split is not None  # posted above
    target = allocate_refund(split, order.refund_state)
    reversed_so_far: dict[tuple[Party, Role], int] = defaultdict(int)
    for (party, role, _kind), total in ledger.order_part_totals(
        row, [TransactionKind.REFUND]
    ).items():
        reversed_so_far[(party, role)] -= total
    delta = {
        key_: target.get(key_, 0) - reversed_so_far.get(key_, 0)
        for key_ in set(target) | set(reversed_so_far)
    }
    changes = postings_of({k: -v for k, v in delta.items()})
    posted = None
    if changes:
        released = row.released_at is not None
        lines = [
            EntryLine(p.party, part_account(p.party, p.role, released), p.amount, p.role)
            for p in changes
        ]
        lines.append(EntryLine(PLATFORM, AccountKind.CLEARING, -sum(p.amount for p in changes)))
        posted = ledger.post(
            TransactionKind.REFUND,
            order.currency,
            lines,
            order=row,
            description=f"Order {order.number or order.id} refunds",
        )
    OrderPosting.objects.create(**posting_filter, transaction=posted)
    if changes and row.released_at is not None:
        # Parts already paid by a Stripe transfer are reversed there (tasks, on commit).
        reversed_payable: dict[Party, int] = defaultdict(int)
        for p in changes:
            if part_account(p.party, p.role, True) == AccountKind.PAYABLE:
                reversed_payable[p.party] -= p.amount
        plan_reversals(row, key, reversed_payable)
    row.charge_reference = row.charge_reference or order.charge_reference
    row.refund_state_at = order.updated_at or row.refund_state_at
    row.refunded_total_applied = order.refund_state.refunded_total
    row.save(update_fields=["refund_state_at", "refunded_total_applied", "charge_reference"])
    return PostingResult(
        row.pk, posted.pk if posted else None, "posted" if posted else "unchanged", changes
    )


# Holds


@transaction.atomic
def record_order_fulfilled(
    saleor_api_url: str, order: SaleorOrder, fulfilled_at: datetime | None = None
) -> LedgerOrder:
    row = _lock_order(saleor_api_url, order).row
    when = order.last_fulfilled_at or fulfilled_at or timezone.now()
    if row.fulfilled_at is None or when > row.fulfilled_at:
        row.fulfilled_at = when
        _update_hold(row)
        row.save(update_fields=["fulfilled_at", "hold_until"])
    return row


@transaction.atomic
def record_order_cancelled(
    saleor_api_url: str, order: SaleorOrder, cancelled_at: datetime | None = None
) -> LedgerOrder:
    """ORDER_CANCELLED: an order's funds not yet released stay held until its refund reverses
    them (Saleor cancels without refunding; staff refund it). Funds already released or paid
    out are left alone: the refund claws them back from the next payouts."""
    row = _lock_order(saleor_api_url, order).row
    if row.cancelled_at is None:
        row.cancelled_at = cancelled_at or timezone.now()
        _update_hold(row)
        row.save(update_fields=["cancelled_at", "hold_until"])
    return row


def release_order_funds(ledger_order_id: int, now: datetime | None = None) -> ReleaseResult:
    now = now or timezone.now()
    with transaction.atomic():
        row = LedgerOrder.objects.select_for_update().get(pk=ledger_order_id)
        if row.released_at is not None or row.hold_until is None or row.hold_until > now:
            return ReleaseResult(row.pk, None, 0)
        held = {
            (party, role): total
            for (party, role, kind), total in ledger.order_part_totals(
                row, list(TransactionKind)
            ).items()
            if kind == AccountKind.HELD
        }
        lines = []
        for (party, role), amount in held.items():
            lines.append(EntryLine(party, AccountKind.HELD, -amount, role))
            lines.append(EntryLine(party, AccountKind.PAYABLE, amount, role))
        posted = (
            ledger.post(
                TransactionKind.RELEASE,
                row.currency,
                lines,
                order=row,
                description=f"Order {row.order_number or row.saleor_order_id} payable",
            )
            if lines
            else None
        )
        OrderPosting.objects.create(
            saleor_api_url=row.saleor_api_url,
            saleor_order_id=row.saleor_order_id,
            event_kind=OrderPosting.EventKind.RELEASE,
            key=RELEASE_KEY,
            transaction=posted,
        )
        row.released_at = now
        row.save(update_fields=["released_at"])
        return ReleaseResult(row.pk, posted.pk if posted else None, sum(held.values()))


def release_held_funds(now: datetime | None = None) -> list[ReleaseResult]:
    """Every order whose hold has ended, one transaction each."""
    now = now or timezone.now()
    due = LedgerOrder.objects.filter(released_at__isnull=True, hold_until__lte=now).values_list(
        "pk", flat=True
    )
    return [release_order_funds(pk, now) for pk in list(due)]


# Balances


def party_balances(party: Party) -> list[PartyBalance]:
    """The party's balances per currency (one query)."""
    return balances_of_parties([party]).get(party, [])


def balances_of_parties(parties: Sequence[Party]) -> dict[Party, list[PartyBalance]]:
    """Each party's balances per currency (one query for all; none for no parties)."""
    if not parties:
        return {}
    by_party: dict[Party, dict[str, dict[AccountKind, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for balance in ledger.account_balances(parties):
        by_party[balance.party][balance.currency][balance.kind] += balance.balance
    return {
        party: [
            PartyBalance(
                party=party,
                currency=currency,
                held=kinds[AccountKind.HELD],
                payable=kinds[AccountKind.PAYABLE],
                in_transit=kinds[AccountKind.PAYOUTS_IN_TRANSIT],
                tax=kinds[AccountKind.TAX],
                revenue=kinds[AccountKind.PLATFORM_REVENUE],
            )
            for currency, kinds in sorted(by_currency.items())
        ]
        for party, by_currency in by_party.items()
    }


def artisan_balances(artisan_id: int) -> list[PartyBalance]:
    return party_balances(Party(PartyKind.ARTISAN, artisan_id))


def cooperative_balances(cooperative_id: int) -> list[PartyBalance]:
    return party_balances(Party(PartyKind.COOPERATIVE, cooperative_id))
