"""Funds are held until refunds are unlikely, then become payable; a refund after that is
a debt netted from later payouts."""

from datetime import timedelta

import pytest

from storefront_plugins.payouts import ledger, services
from storefront_plugins.payouts.models import HoldStart, LedgerOrder, PayoutPolicy
from storefront_plugins.payouts.paid_batches import PaidOrder, post_order_splits
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.tasks import release_held_funds
from tests.app.payouts.conftest import API_URL, TAJINE, at, line, order_payload

TAJINE_LINE = line("TGluZTox", TAJINE, "120.00", "20.00")
PAID_AT = at("2026-11-20T10:00:00+00:00")


def post_paid_in_a_batch(payload) -> None:
    [outcome] = post_order_splits([PaidOrder(API_URL, parse_order(payload), PAID_AT)])
    assert not isinstance(outcome, Exception), outcome


def potter_balance(potters) -> tuple[int, int]:
    (balance,) = services.artisan_balances(potters[0].pk)
    return balance.held, balance.payable


def test_funds_held_days_after_payment_become_payable_once_the_hold_ends(safi, potters):
    # given
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=7, hold_starts=HoldStart.PAYMENT)
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE])), paid_at=PAID_AT)

    # when
    too_early = services.release_held_funds(now=PAID_AT + timedelta(days=6))
    held = potter_balance(potters)
    due = services.release_held_funds(now=PAID_AT + timedelta(days=7))
    again = services.release_held_funds(now=PAID_AT + timedelta(days=8))

    # then
    assert too_early == []
    assert held == (5810, 0)
    assert [r.released for r in due] == [5810 + 2490 + 1200 + 2500]
    assert again == []
    assert potter_balance(potters) == (0, 5810)


def test_with_the_default_policy_funds_wait_for_fulfilment(safi, potters, settings):
    # given the default: 14 days after fulfilment
    settings.SOUK_PAYOUT_HOLD_DAYS = 14
    settings.SOUK_PAYOUT_HOLD_STARTS = "fulfilment"
    payload = order_payload([TAJINE_LINE])
    services.post_order_split(API_URL, parse_order(payload), paid_at=PAID_AT)
    unfulfilled = services.release_held_funds(now=PAID_AT + timedelta(days=60))

    # when
    fulfilled = order_payload(
        [TAJINE_LINE],
        fulfillments=[
            {"id": "RjEx", "status": "FULFILLED", "created": "2026-11-22T09:00:00+00:00"}
        ],
    )
    services.record_order_fulfilled(API_URL, parse_order(fulfilled))

    # then
    assert unfulfilled == []
    row = LedgerOrder.objects.get()
    assert row.hold_until == at("2026-12-06T09:00:00+00:00")
    assert services.release_held_funds(now=at("2026-12-06T08:59:00+00:00")) == []
    assert len(services.release_held_funds(now=at("2026-12-06T09:00:00+00:00"))) == 1
    assert potter_balance(potters) == (0, 5810)


def test_fulfilment_seen_before_payment_still_starts_the_hold(safi, potters):
    # given
    fulfilled = order_payload(
        [TAJINE_LINE],
        fulfillments=[
            {"id": "RjEx", "status": "FULFILLED", "created": "2026-11-22T09:00:00+00:00"}
        ],
    )
    services.record_order_fulfilled(API_URL, parse_order(fulfilled))

    # when
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE])), paid_at=PAID_AT)

    # then
    assert LedgerOrder.objects.get().hold_until == at("2026-12-06T09:00:00+00:00")


def test_a_refund_after_payout_leaves_the_artisan_owing_it(safi, potters):
    # given the tajine's share paid out to its potter
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=0, hold_starts=HoldStart.PAYMENT)
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE])), paid_at=PAID_AT)
    services.release_held_funds(now=PAID_AT)
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    ledger.start_payout(potter, "MAD", 5810)

    # when the whole order is refunded
    services.post_order_refund(
        API_URL,
        parse_order(
            order_payload([TAJINE_LINE], refunded="150.00", updated_at="2026-11-25T10:00:00+00:00")
        ),
    )

    # then
    (balance,) = services.artisan_balances(potters[0].pk)
    assert (balance.held, balance.payable, balance.in_transit) == (0, -5810, 5810)


@pytest.mark.django_db
def test_the_beat_task_releases_due_orders(safi, potters):
    # given
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=0, hold_starts=HoldStart.PAYMENT)
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE])), paid_at=PAID_AT)

    # when
    released = release_held_funds()

    # then
    assert released == 1
    assert potter_balance(potters) == (0, 5810)


def test_refunds_before_and_after_the_release_add_up(safi, potters):
    # given
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=1, hold_starts=HoldStart.PAYMENT)
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE])), paid_at=PAID_AT)
    services.post_order_refund(
        API_URL,
        parse_order(
            order_payload([TAJINE_LINE], refunded="30.00", updated_at="2026-11-20T12:00:00+00:00")
        ),
    )

    # when released, then refunded again (cumulatively 60.00 of 150.00)
    services.release_held_funds(now=PAID_AT + timedelta(days=1))
    services.post_order_refund(
        API_URL,
        parse_order(
            order_payload([TAJINE_LINE], refunded="60.00", updated_at="2026-11-22T12:00:00+00:00")
        ),
    )

    # then 40 % of the potter's 58.10 reversed: 11.62 before the release, 11.62 after
    assert potter_balance(potters) == (0, 5810 - 1162 - 1162)


def test_a_cancelled_order_stays_held_until_its_refund_reverses_it(safi, potters):
    # given an order paid, held 7 days after payment, then cancelled in Saleor
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=7, hold_starts=HoldStart.PAYMENT)
    payload = order_payload([TAJINE_LINE])
    services.post_order_split(API_URL, parse_order(payload), paid_at=PAID_AT)

    # when
    services.record_order_cancelled(API_URL, parse_order(payload), PAID_AT + timedelta(days=1))
    released = services.release_held_funds(now=PAID_AT + timedelta(days=30))
    services.post_order_refund(
        API_URL, parse_order(order_payload([TAJINE_LINE], refunded="150.00"))
    )

    # then nothing became payable; the refund took the held money back
    assert released == []
    assert LedgerOrder.objects.get().hold_until is None
    assert potter_balance(potters) == (0, 0)


def test_a_cancellation_seen_before_the_payment_keeps_the_payment_held(safi, potters):
    # given ORDER_CANCELLED delivered before ORDER_FULLY_PAID (Saleor's events can cross)
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=7, hold_starts=HoldStart.PAYMENT)
    payload = order_payload([TAJINE_LINE])
    services.record_order_cancelled(API_URL, parse_order(payload), PAID_AT)

    # when the payment is posted (the batched path the worker takes)
    post_paid_in_a_batch(payload)

    # then
    assert LedgerOrder.objects.get().hold_until is None
    assert services.release_held_funds(now=PAID_AT + timedelta(days=30)) == []
    assert potter_balance(potters) == (5810, 0)


def test_a_cancellation_after_the_release_leaves_the_released_funds_to_the_refund(safi, potters):
    # given
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=7, hold_starts=HoldStart.PAYMENT)
    payload = order_payload([TAJINE_LINE])
    services.post_order_split(API_URL, parse_order(payload), paid_at=PAID_AT)
    services.release_held_funds(now=PAID_AT + timedelta(days=7))

    # when
    row = services.record_order_cancelled(
        API_URL, parse_order(payload), PAID_AT + timedelta(days=8)
    )

    # then
    assert row.released_at is not None
    assert potter_balance(potters) == (0, 5810)


def test_saleors_order_cancelled_reaches_the_ledger():
    from storefront_plugins.payouts.webhooks import keep_cancelled_orders_held
    from storefront_plugins.saleor_app.events import WebhookEvent
    from storefront_plugins.saleor_app.handlers import handlers_for

    assert keep_cancelled_orders_held in handlers_for(WebhookEvent.ORDER_CANCELLED)
