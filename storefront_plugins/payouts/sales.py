"""A party's sales as the ledger has them: each credit of a paid order's split (and each
refund's reversal) to the party's balance, with the order lines it came from.

`sales_of(access, party, offset, limit)` reads a page of them in two queries whatever its
size: the entries (`access.visible_entries`, so only a party the reader may read), then the
splits decided at payment for the page's orders (`OrderPosting.detail`), from which each
line's quantity, price and the party's part of it are taken.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from storefront_plugins.payouts.access import EntryFilter, LedgerAccess, visible_entries
from storefront_plugins.payouts.models import AccountKind, OrderPosting, TransactionKind
from storefront_plugins.payouts.rules import split_from_detail
from storefront_plugins.payouts.splits import Party, Role, Split

SALE_ACCOUNTS = (AccountKind.HELD.value, AccountKind.PAYABLE.value)
SALE_TRANSACTIONS = (TransactionKind.SPLIT.value, TransactionKind.REFUND.value)


@dataclass(frozen=True)
class SoldLine:
    line_key: str  # the Saleor order line's id, or "shipping"
    quantity: int
    gross: int  # what the shopper paid for the line, minor units
    share: int  # the party's part of it


@dataclass(frozen=True)
class Sale:
    at: datetime
    transaction_id: int
    is_refund: bool
    order_number: str
    saleor_order_id: str
    currency: str
    role: Role
    amount: int  # credited to the party (negative for a refund), minor units
    lines: tuple[SoldLine, ...]  # for a sale: the lines of the order with a part of the party's


@dataclass(frozen=True)
class SalesPage:
    sales: tuple[Sale, ...]
    has_more: bool


def lines_of(split: Split, party: Party, role: Role) -> tuple[SoldLine, ...]:
    """Pure: the split's components in which the party has a part in `role`."""
    return tuple(
        SoldLine(component.key, component.quantity, component.gross, part)
        for component in split.components
        if (part := component.parts.get((party, role), 0))
    )


def _splits_of(transaction_ids: set[int]) -> Mapping[int, Split]:
    if not transaction_ids:
        return {}
    postings = OrderPosting.objects.filter(
        event_kind=OrderPosting.EventKind.PAID, transaction_id__in=transaction_ids
    ).values_list("transaction_id", "detail")
    return {pk: split_from_detail(detail) for pk, detail in postings if pk is not None}


def sales_of(access: LedgerAccess, party: Party, offset: int = 0, limit: int = 20) -> SalesPage:
    """Newest first; nothing for a party `access` does not read (two queries, one when the
    page has no sale)."""
    if not access.reads(party):
        return SalesPage((), False)
    entries = list(
        visible_entries(
            access,
            EntryFilter(
                party=party, account_kinds=SALE_ACCOUNTS, transaction_kinds=SALE_TRANSACTIONS
            ),
        )[offset : offset + limit + 1]
    )
    page = entries[:limit]
    splits = _splits_of(
        {e.transaction_id for e in page if e.transaction.kind == TransactionKind.SPLIT}
    )
    sales = []
    for entry in page:
        order = entry.transaction.order
        role = Role(entry.role) if entry.role else Role.ARTISAN_SHARE
        split = splits.get(entry.transaction_id)
        sales.append(
            Sale(
                at=entry.transaction.created_at,
                transaction_id=entry.transaction_id,
                is_refund=entry.transaction.kind == TransactionKind.REFUND,
                order_number=order.order_number if order else "",
                saleor_order_id=order.saleor_order_id if order else "",
                currency=entry.account.currency,
                role=role,
                amount=entry.amount,
                lines=lines_of(split, party, role) if split is not None else (),
            )
        )
    return SalesPage(tuple(sales), has_more=len(entries) > limit)
