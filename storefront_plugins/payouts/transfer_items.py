"""A Stripe Connect payout, per Saleor order: the items its transfers pay.

`allocate(buckets, amount)` (pure) decides the items: a party's PAYABLE money is counted per
order (`payable_by_order`: every entry of the party's PAYABLE account tied to the order:
released parts, refunds after release, reversals that came back; plus one bucket, last, for
money tied to no order, such as adjustments; the payouts' own moves are left out). What the
party was paid before and any debt (a refund after a payout that Stripe did not reverse)
are netted **oldest order first** (by release, then order): earlier payouts paid the oldest
orders, and a debt is taken from the next. What is left of each bucket is an item; the items
sum exactly to the payout's amount (its PAYABLE balance).

`create_payout_items(payouts)` writes them in the run's transaction (the PAYABLE accounts are
locked by then); `items_of(payout_ids)` reads them for the rail; `record_transfers(...)`
keeps the transfer ids Stripe answered (once per item).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Sum

from storefront_plugins.payouts.ledger import parties_condition
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerEntry,
    Payout,
    PayoutItem,
    TransactionKind,
)
from storefront_plugins.payouts.rails.base import TransferItem
from storefront_plugins.payouts.splits import Party, PartyKind


@dataclass(frozen=True)
class Bucket:
    order_id: int | None  # None: money tied to no order
    released_at: datetime | None
    net: int  # what the party's PAYABLE account received for it (may be negative)


@dataclass(frozen=True)
class Allocation:
    order_id: int | None
    amount: int


class AllocationMismatch(ValueError):
    """The buckets cannot pay the amount (the ledger would have to be wrong)."""


def _oldest_first(bucket: Bucket) -> tuple[int, float, int]:
    if bucket.order_id is None:
        return (1, 0.0, 0)
    when = bucket.released_at.timestamp() if bucket.released_at else 0.0
    return (0, when, bucket.order_id)


def allocate(buckets: Sequence[Bucket], amount: int) -> list[Allocation]:
    """The items of a payout of `amount`: positive buckets, oldest first, less what was paid
    before and the debts, taken from the oldest first."""
    positive = sorted((b for b in buckets if b.net > 0), key=_oldest_first)
    to_net = sum(b.net for b in positive) - amount
    if amount <= 0 or to_net < 0:
        raise AllocationMismatch(f"{amount} is more than the buckets hold.")
    items = []
    for bucket in positive:
        taken = min(to_net, bucket.net)
        to_net -= taken
        if bucket.net - taken:
            items.append(Allocation(bucket.order_id, bucket.net - taken))
    return items


def payable_by_order(parties: Sequence[Party], currency: str) -> dict[Party, list[Bucket]]:
    """One query: per party, its PAYABLE entries per order (payout moves left out)."""
    rows = (
        LedgerEntry.objects.filter(
            parties_condition(parties, prefix="account__"),
            account__currency=currency,
            account__kind=AccountKind.PAYABLE,
        )
        .exclude(transaction__kind=TransactionKind.PAYOUT, transaction__order__isnull=True)
        .values_list(
            "account__party_kind",
            "account__party_id",
            "transaction__order_id",
            "transaction__order__released_at",
        )
        .annotate(net=Sum("amount"))
        .order_by()
    )
    buckets: dict[Party, list[Bucket]] = defaultdict(list)
    for kind, party_id, order_id, released_at, net in rows:
        buckets[Party(PartyKind(kind), party_id)].append(Bucket(order_id, released_at, net))
    return buckets


def item_key(payout: Payout, order_id: int | None) -> str:
    """The payout's key for money tied to no order (a payout of adjustments only is one
    transfer, as before items), else the payout's key and the order's."""
    return payout.idempotency_key if order_id is None else f"{payout.idempotency_key}-o{order_id}"


def create_payout_items(payouts: Sequence[Payout]) -> list[PayoutItem]:
    """The items of these payouts (one currency), two queries."""
    if not payouts:
        return []
    parties = [Party(PartyKind(p.party_kind), p.party_id) for p in payouts]
    buckets = payable_by_order(parties, payouts[0].currency)
    items = [
        PayoutItem(
            payout=payout,
            order_id=allocation.order_id,
            amount=allocation.amount,
            idempotency_key=item_key(payout, allocation.order_id),
        )
        for payout, party in zip(payouts, parties, strict=True)
        for allocation in allocate(buckets.get(party, []), payout.amount)
    ]
    return PayoutItem.objects.bulk_create(items)


def items_of(payout_ids: Iterable[int]) -> dict[int, tuple[TransferItem, ...]]:
    """One query: each payout's items, in order."""
    found: dict[int, list[TransferItem]] = defaultdict(list)
    for item in (
        PayoutItem.objects.filter(payout_id__in=list(payout_ids))
        .select_related("order")
        .order_by("pk")
    ):
        found[item.payout_id].append(
            TransferItem(
                item_id=item.pk,
                amount=item.amount,
                idempotency_key=item.idempotency_key,
                saleor_order_id=item.order.saleor_order_id if item.order else "",
                charge_reference=item.order.charge_reference if item.order else "",
                transfer_id=item.stripe_transfer_id,
            )
        )
    return {payout_id: tuple(items) for payout_id, items in found.items()}


def record_transfers(references: Iterable[tuple[int, str]]) -> None:
    """Keeps each item's transfer id (an id once kept never changes)."""
    for item_id, transfer_id in references:
        PayoutItem.objects.filter(pk=item_id, stripe_transfer_id="").update(
            stripe_transfer_id=transfer_id
        )
