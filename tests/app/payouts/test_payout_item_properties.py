"""`transfer_items.allocate`, pure: a payout's items are what is left of its orders' buckets
once what was paid before and the debts are taken, oldest order first; they sum exactly to
the payout's amount."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront_plugins.payouts.transfer_items import (
    Allocation,
    AllocationMismatch,
    Bucket,
    allocate,
)

START = datetime(2026, 11, 1, tzinfo=UTC)


def bucket(order_id: int | None, net: int, day: int = 0) -> Bucket:
    return Bucket(order_id, START + timedelta(days=day) if order_id else None, net)


def test_debts_are_taken_from_the_oldest_orders_first_and_loose_money_last() -> None:
    # given: order 2 released before order 1; a debt of 700 tied to order 3; 50 loose
    buckets = [bucket(1, 1000, day=2), bucket(2, 500, day=1), bucket(3, -700), bucket(None, 50)]

    # when
    items = allocate(buckets, 850)

    # then
    assert items == [Allocation(1, 800), Allocation(None, 50)]


def test_an_amount_the_buckets_do_not_hold_is_refused() -> None:
    with pytest.raises(AllocationMismatch):
        allocate([bucket(1, 100)], 101)


@given(
    nets=st.lists(st.integers(-5_000, 50_000), min_size=1, max_size=8),
    loose=st.integers(-5_000, 5_000),
    data=st.data(),
)
def test_items_are_positive_within_their_buckets_and_sum_to_the_payout(
    nets: list[int], loose: int, data: st.DataObject
) -> None:
    # given
    buckets = [bucket(i + 1, net, day=i) for i, net in enumerate(nets)] + [bucket(None, loose)]
    held = sum(b.net for b in buckets if b.net > 0)
    if held == 0:
        return
    amount = data.draw(st.integers(1, held))

    # when
    items = allocate(buckets, amount)

    # then
    assert sum(item.amount for item in items) == amount
    by_order = {b.order_id: b.net for b in buckets}
    assert all(0 < item.amount <= by_order[item.order_id] for item in items)
    paid_in_full = [item.order_id for item in items if item.amount == by_order[item.order_id]]
    # only the first item may be cut: every later one is paid in full
    assert paid_in_full == [item.order_id for item in items[1:]] or paid_in_full == [
        item.order_id for item in items
    ]
