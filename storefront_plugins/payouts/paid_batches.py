"""Paid orders posted in batches: what the webhook worker does with the ORDER_FULLY_PAID
deliveries it takes together (`webhooks.split_paid_orders`), in one transaction.

`post_order_splits(paid)` posts each order as `services.post_order_split` does (the same
ledger, postings and hold), in a fixed number of statements for the whole batch:

1. every order's split decided: makers, rules and policies read once (four queries);
2. the orders' rows inserted when missing, then locked in key order (`FOR UPDATE`) with
   their split posting if any (two);
3. the ledger: accounts (one query per currency, two more for parties' first postings),
   transactions and entries (`ledger.post_many`, one INSERT each), the order postings (one
   INSERT), the orders' rows (one UPDATE), the balance trigger run now (two), all in a
   savepoint (two).

One bad order fails alone: a payload the split refuses (`ValueError`) gets its error before
anything is written; entries that do not balance (`ledger.UnbalancedTransaction`, raised
before writing) or a row the database refuses (a value too long, a constraint, the balance
trigger) roll the savepoint back, and then every order of the batch is posted
alone through `services.post_order_split`, each in its own savepoint. Idempotency is the
single path's: the order's row lock and `OrderPosting`'s unique key, so a delivery in two
batches (or two workers' batches at once, or the same order twice in a batch) posts once.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import DataError, IntegrityError, InternalError, connection, transaction
from django.utils import timezone

from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.ledger import EntryLine, NewTransaction
from storefront_plugins.payouts.models import (
    AccountKind,
    OrderPosting,
    TransactionKind,
)
from storefront_plugins.payouts.payloads import SaleorOrder
from storefront_plugins.payouts.rules import SplitDecision, decide_splits, split_detail
from storefront_plugins.payouts.services import (
    SPLIT_KEY,
    PostingResult,
    hold_until,
    part_account,
    post_order_split,
)
from storefront_plugins.payouts.splits import PLATFORM

# What the database may refuse about one order's rows; anything else (a lost connection, a
# deadlock) is the batch's and propagates, for the batch to be retried.
REFUSALS = (DataError, IntegrityError, InternalError)


@dataclass(frozen=True)
class PaidOrder:
    saleor_api_url: str
    order: SaleorOrder
    paid_at: datetime


@dataclass(frozen=True)
class _Row:
    """An order's ledger row as locked."""

    id: int
    paid_at: datetime | None
    fulfilled_at: datetime | None
    released_at: datetime | None
    hold_until: datetime | None
    cancelled_at: datetime | None
    charge_reference: str
    split_posted: bool
    split_transaction_id: int | None


Key = tuple[str, str]  # (Saleor API URL, order id)
Outcome = PostingResult | Exception

# Rows are passed as one JSON array (`jsonb_to_recordset`), as in `ledger.post_many`.
_INSERT_ORDERS = """
INSERT INTO payouts_ledgerorder (saleor_api_url, saleor_order_id, order_number, currency,
    channel_slug, refunded_total_applied, charge_reference, created_at)
SELECT o.api_url, o.order_id, o.number, o.currency, o.channel, 0, '', %s
FROM jsonb_to_recordset(%s::jsonb)
    AS o(api_url text, order_id text, number text, currency text, channel text)
ORDER BY o.api_url, o.order_id
ON CONFLICT (saleor_api_url, saleor_order_id) DO NOTHING
"""
_LOCK_ORDERS = """
SELECT o.saleor_api_url, o.saleor_order_id, o.id, o.paid_at, o.fulfilled_at, o.released_at,
    o.hold_until, o.cancelled_at, o.charge_reference, p.id IS NOT NULL, p.transaction_id
FROM payouts_ledgerorder o
LEFT JOIN payouts_orderposting p ON p.saleor_api_url = o.saleor_api_url
    AND p.saleor_order_id = o.saleor_order_id AND p.event_kind = %s AND p.key = %s
WHERE (o.saleor_api_url, o.saleor_order_id) IN (
    SELECT k.api_url, k.order_id
    FROM jsonb_to_recordset(%s::jsonb) AS k(api_url text, order_id text)
)
ORDER BY o.saleor_api_url, o.saleor_order_id
FOR UPDATE OF o
"""
_INSERT_POSTINGS = """
INSERT INTO payouts_orderposting (saleor_api_url, saleor_order_id, event_kind, key, transaction_id,
    detail, created_at)
SELECT p.api_url, p.order_id, %s, %s, p.transaction_id, p.detail, %s
FROM jsonb_to_recordset(%s::jsonb)
    AS p(api_url text, order_id text, transaction_id bigint, detail jsonb)
"""
_UPDATE_ORDERS = """
UPDATE payouts_ledgerorder o SET cooperative_id = u.cooperative_id, paid_at = u.paid_at,
    charge_reference = u.charge_reference, hold_until = u.hold_until
FROM jsonb_to_recordset(%s::jsonb) AS u(id bigint, cooperative_id bigint, paid_at timestamptz,
    charge_reference text, hold_until timestamptz)
WHERE o.id = u.id
"""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def post_order_splits(paid: Sequence[PaidOrder]) -> list[Outcome]:
    """Each paid order's `PostingResult` ("posted" or "duplicate"), or the error that kept
    it from being posted; in the caller's transaction (the batch's)."""
    decisions = decide_splits([p.order for p in paid])
    first_of: dict[Key, int] = {}  # an order twice in the batch: its first delivery posts
    to_post: dict[int, SplitDecision] = {}
    for n, (item, decision) in enumerate(zip(paid, decisions, strict=True)):
        key = (item.saleor_api_url, item.order.id)
        if not isinstance(decision, ValueError) and key not in first_of:
            first_of[key] = n
            to_post[n] = decision
    try:
        with transaction.atomic():
            posted = _post_together([paid[n] for n in to_post], list(to_post.values()))
            ledger.check_balanced_now()
    except (*REFUSALS, ledger.UnbalancedTransaction):
        posted = [_post_alone(paid[n]) for n in to_post]
    by_index = dict(zip(to_post, posted, strict=True))
    outcomes: list[Outcome] = []
    for n, (item, decision) in enumerate(zip(paid, decisions, strict=True)):
        if isinstance(decision, ValueError):
            outcomes.append(decision)
            continue
        first_n = first_of[(item.saleor_api_url, item.order.id)]
        first = by_index[first_n]
        if first_n == n or not isinstance(first, PostingResult):
            outcomes.append(first)
        else:
            outcomes.append(
                PostingResult(first.ledger_order_id, first.transaction_id, "duplicate", ())
            )
    return outcomes


def _post_alone(item: PaidOrder) -> Outcome:
    try:
        with transaction.atomic():
            result = post_order_split(item.saleor_api_url, item.order, item.paid_at)
            ledger.check_balanced_now()
            return result
    except (*REFUSALS, ValueError) as error:
        return error


def _lock_orders(paid: Sequence[PaidOrder]) -> dict[Key, _Row]:
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_ORDERS,
            [
                timezone.now(),
                json.dumps(
                    [
                        {
                            "api_url": p.saleor_api_url,
                            "order_id": p.order.id,
                            "number": p.order.number,
                            "currency": p.order.currency,
                            "channel": p.order.channel_slug,
                        }
                        for p in paid
                    ]
                ),
            ],
        )
        keys = [{"api_url": p.saleor_api_url, "order_id": p.order.id} for p in paid]
        cursor.execute(
            _LOCK_ORDERS, [OrderPosting.EventKind.PAID.value, SPLIT_KEY, json.dumps(keys)]
        )
        return {(api_url, order_id): _Row(*rest) for api_url, order_id, *rest in cursor.fetchall()}


def _entry_lines(decision: SplitDecision, released: bool) -> list[EntryLine]:
    split = decision.split
    return [EntryLine(PLATFORM, AccountKind.CLEARING, -split.total)] + [
        EntryLine(p.party, part_account(p.party, p.role, released), p.amount, p.role)
        for p in split.postings
    ]


def _post_together(paid: Sequence[PaidOrder], decisions: Sequence[SplitDecision]) -> list[Outcome]:
    locked = _lock_orders(paid)
    rows = [locked[(p.saleor_api_url, p.order.id)] for p in paid]
    to_post = [
        (item, decision, row)
        for item, decision, row in zip(paid, decisions, rows, strict=True)
        if not row.split_posted
    ]
    with_money = [(i, d, r) for i, d, r in to_post if d.split.total]
    transaction_ids = dict(
        zip(
            [r.id for _, _, r in with_money],
            ledger.post_many(
                TransactionKind.SPLIT,
                [
                    NewTransaction(
                        i.order.currency,
                        _entry_lines(d, r.released_at is not None),
                        r.id,
                        f"Order {i.order.number or i.order.id} paid",
                    )
                    for i, d, r in with_money
                ],
            ),
            strict=True,
        )
    )
    paid_at = {r.id: r.paid_at or i.paid_at for i, _, r in to_post}
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_POSTINGS,
            [
                OrderPosting.EventKind.PAID.value,
                SPLIT_KEY,
                timezone.now(),
                json.dumps(
                    [
                        {
                            "api_url": i.saleor_api_url,
                            "order_id": i.order.id,
                            "transaction_id": transaction_ids.get(r.id),
                            "detail": split_detail(d.split),
                        }
                        for i, d, r in to_post
                    ]
                ),
            ],
        )
        cursor.execute(
            _UPDATE_ORDERS,
            [
                json.dumps(
                    [
                        {
                            "id": r.id,
                            "cooperative_id": d.channel_cooperative_id,
                            "paid_at": _iso(paid_at[r.id]),
                            "charge_reference": r.charge_reference or i.order.charge_reference,
                            "hold_until": _iso(
                                r.hold_until
                                if r.released_at is not None
                                else hold_until(
                                    paid_at[r.id], r.fulfilled_at, d.channel_policy, r.cancelled_at
                                )
                            ),
                        }
                        for i, d, r in to_post
                    ]
                )
            ],
        )
    return [
        PostingResult(r.id, r.split_transaction_id, "duplicate", ())
        if r.split_posted
        else PostingResult(r.id, transaction_ids.get(r.id), "posted", d.split.postings)
        for d, r in zip(decisions, rows, strict=True)
    ]
