"""Paid orders are split once; refunds are reversed once, in whatever order events come."""

import pytest

from storefront_plugins.payouts import services
from storefront_plugins.payouts.ledger import account_balances
from storefront_plugins.payouts.models import LedgerTransaction, OrderPosting, SplitRule
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind, UnknownCurrency
from storefront_plugins.payouts.webhooks import (
    reverse_refunds,
    split_paid_orders,
    start_hold_after_fulfilment,
)
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import (
    WebhookMessage,
    batch_handlers_for,
    handlers_for,
)
from tests.app.payouts.conftest import (
    API_URL,
    PLATE,
    TAJINE,
    granted,
    line,
    order_payload,
)

# A batch of paid orders, whatever its size and its orders' lines: makers, cooperatives, rules,
# policies; savepoint, the orders inserted if missing, locked with their split postings
# looked up, accounts read, transactions, entries, postings, orders updated, the balance
# trigger run (two), release.
QUERIES_PER_BATCH = 15
QUERIES_TO_OPEN_ACCOUNTS = 2  # the parties' first posting: the missing accounts inserted, read
TAJINE_LINE = line("TGluZTox", TAJINE, "120.00", "20.00")


def message(event: WebhookEvent, payload: dict, delivery_id: int = 1) -> WebhookMessage:
    return WebhookMessage(
        delivery_id=delivery_id,
        installation_id=1,
        saleor_api_url=API_URL,
        event=event,
        payload=payload,
    )


def paid(*payloads: dict) -> None:
    """Delivered together, as the worker batches them; the first failure raised."""
    failures = split_paid_orders(
        [
            message(WebhookEvent.ORDER_FULLY_PAID, payload, delivery_id=n)
            for n, payload in enumerate(payloads)
        ]
    )
    if failures:
        raise failures[min(failures)]


def refunded(payload: dict) -> None:
    reverse_refunds(message(WebhookEvent.ORDER_REFUNDED, payload))


def balances(party: Party) -> dict[str, int]:
    found = services.party_balances(party)
    if not found:
        return {}
    (balance,) = found
    return {
        k: v
        for k, v in vars(balance).items()
        if k in {"held", "payable", "in_transit", "tax", "revenue"} and v
    }


def coop(cooperative) -> Party:
    return Party(PartyKind.COOPERATIVE, cooperative.pk)


def artisan(a) -> Party:
    return Party(PartyKind.ARTISAN, a.pk)


def clearing() -> int:
    return sum(b.balance for b in account_balances([PLATFORM]) if b.kind == "clearing")


def test_a_paid_order_is_split_among_the_artisans_the_cooperative_the_platform_and_tax(
    safi, potters
):
    # given 120.00 MAD incl. 20.00 tax for the tajine, 30.00 incl. 5.00 tax shipping;
    # commission 12 %, platform fee 5 % (the default), the potters' shares 70 % / 30 %
    payload = order_payload([TAJINE_LINE])

    # when
    paid(payload)

    # then
    assert balances(artisan(potters[0])) == {"held": 5810}
    assert balances(artisan(potters[1])) == {"held": 2490}
    assert balances(coop(safi)) == {"held": 1200 + 2500, "tax": 2000 + 500}
    assert balances(PLATFORM) == {"revenue": 500}
    assert clearing() == -15000


def test_the_same_delivery_twice_posts_once(safi, potters):
    # given
    payload = order_payload([TAJINE_LINE])

    # when
    paid(payload)
    paid(payload)

    # then
    assert LedgerTransaction.objects.count() == 1
    assert balances(artisan(potters[0])) == {"held": 5810}


def test_a_category_rule_overrides_the_cooperatives_commission_and_fee(safi, potters):
    # given
    SplitRule.objects.create(
        cooperative_id=safi.pk, category_slug="ceramique", commission_bp=2000, platform_fee_bp=0
    )

    # when
    paid(order_payload([TAJINE_LINE], shipping=("0", "0")))

    # then 100.00 net: 20.00 commission, no fee, 80.00 for the potters
    assert balances(coop(safi)) == {"held": 2000, "tax": 2000}
    assert balances(artisan(potters[0])) == {"held": 5600}
    assert balances(PLATFORM) == {}


def test_a_line_without_provenance_goes_to_the_channels_cooperative_unattributed(safi):
    # given
    payload = order_payload([line("TGluZToy", PLATE, "50.00", "0")], shipping=("0", "0"))

    # when
    result = services.post_order_split(API_URL, parse_order(payload))

    # then 12 % commission, 5 % fee, the makers' 83 % held by the cooperative, unattributed
    assert {(p.party, p.role.value): p.amount for p in result.postings} == {
        (coop(safi), "commission"): 600,
        (PLATFORM, "platform_fee"): 250,
        (coop(safi), "unattributed"): 4150,
    }


def test_an_order_in_a_currency_payouts_do_not_know_is_refused_whole(safi):
    # given
    payload = order_payload([line("TGluZTox", TAJINE, "120", "0", currency="XAU")], currency="XAU")

    # when / then
    with pytest.raises(UnknownCurrency):
        paid(payload)
    assert LedgerTransaction.objects.count() == 0


def orders_of(order_count: int, line_count: int) -> list[dict]:
    return [
        order_payload(
            [
                line(f"TGluZT{o}-{i}", TAJINE if i % 2 else PLATE, "10.00", "1.00")
                for i in range(line_count)
            ],
            order_id=f"T3JkZXI6{o}",
        )
        for o in range(order_count)
    ]


@pytest.mark.parametrize(("order_count", "line_count"), [(1, 2), (1, 8), (8, 3)])
def test_a_batch_of_splits_takes_the_same_number_of_queries_for_any_orders_and_lines(
    safi, order_count, line_count, django_assert_num_queries
):
    # given
    payloads = orders_of(order_count, line_count)

    # when / then
    with django_assert_num_queries(QUERIES_PER_BATCH + QUERIES_TO_OPEN_ACCOUNTS):
        paid(*payloads)
    assert OrderPosting.objects.count() == order_count


@pytest.mark.parametrize(("order_count", "line_count"), [(1, 2), (1, 8), (8, 3)])
def test_a_batch_to_existing_accounts_takes_the_same_number_of_queries_for_any_orders(
    safi, order_count, line_count, django_assert_num_queries
):
    # given an order to the same parties already posted
    paid(
        order_payload(
            [line("TGluZTow", PLATE, "10.00", "1.00"), TAJINE_LINE], order_id="T3JkZXI6OQ=="
        )
    )
    payloads = orders_of(order_count, line_count)

    # when / then
    with django_assert_num_queries(QUERIES_PER_BATCH):
        paid(*payloads)
    assert OrderPosting.objects.count() == order_count + 1


def test_the_handlers_are_registered_for_saleors_order_events():
    assert split_paid_orders in batch_handlers_for(WebhookEvent.ORDER_FULLY_PAID)
    assert reverse_refunds in handlers_for(WebhookEvent.ORDER_REFUNDED)
    assert reverse_refunds in handlers_for(WebhookEvent.ORDER_FULLY_REFUNDED)
    assert start_hold_after_fulfilment in handlers_for(WebhookEvent.ORDER_FULFILLED)


def test_a_granted_refund_of_a_line_reverses_that_lines_parts(safi, potters):
    # given
    paid(order_payload([TAJINE_LINE, line("TGluZToy", PLATE, "50.00", "0")]))

    # when the tajine (120.00) is refunded, shipping kept
    refunded(
        order_payload(
            [TAJINE_LINE, line("TGluZToy", PLATE, "50.00", "0")],
            refunded="120.00",
            granted=[granted("R3JhbnQ6MQ==", "120.00", [("TGluZTox", 1)])],
            updated_at="2026-11-21T10:00:00+00:00",
        )
    )

    # then
    assert balances(artisan(potters[0])) == {}
    assert balances(artisan(potters[1])) == {}
    assert balances(coop(safi)) == {"held": 600 + 4150 + 2500, "tax": 500}
    assert balances(PLATFORM) == {"revenue": 250}
    assert clearing() == -(20000 - 12000)


def test_duplicate_and_stale_refund_events_post_once(safi, potters):
    # given
    paid(order_payload([TAJINE_LINE]))
    half = order_payload([TAJINE_LINE], refunded="75.00", updated_at="2026-11-21T10:00:00+00:00")
    full = order_payload([TAJINE_LINE], refunded="150.00", updated_at="2026-11-22T10:00:00+00:00")

    # when Saleor's deliveries arrive twice and out of order
    refunded(full)
    refunded(half)
    refunded(full)
    refunded(half)

    # then everything is reversed, once
    assert LedgerTransaction.objects.filter(kind="refund").count() == 1
    assert clearing() == 0
    assert balances(artisan(potters[0])) == {}
    assert balances(coop(safi)) == {}


def test_an_older_state_with_the_same_update_time_does_not_undo_a_larger_refund(safi, potters):
    # given Saleor states that carry the same `updatedAt`
    paid(order_payload([TAJINE_LINE]))
    full = order_payload([TAJINE_LINE], refunded="150.00", updated_at="2026-11-21T10:00:00+00:00")
    half = order_payload([TAJINE_LINE], refunded="75.00", updated_at="2026-11-21T10:00:00+00:00")

    # when
    refunded(full)
    refunded(half)
    refunded(full)

    # then
    assert clearing() == 0
    assert LedgerTransaction.objects.filter(kind="refund").count() == 1


def test_partial_refunds_in_any_order_end_in_the_same_ledger(safi, potters):
    # given
    paid(order_payload([TAJINE_LINE]))
    first = order_payload([TAJINE_LINE], refunded="30.00", updated_at="2026-11-21T10:00:00+00:00")
    second = order_payload([TAJINE_LINE], refunded="60.00", updated_at="2026-11-22T10:00:00+00:00")

    # when
    refunded(first)
    refunded(second)

    # then 60.00 of 150.00 reversed, in proportion
    assert clearing() == -9000
    assert balances(artisan(potters[0])) == {"held": 5810 - 2324}
    assert OrderPosting.objects.filter(event_kind="refund").count() == 2


def test_a_refund_seen_before_the_payment_splits_first_and_the_late_payment_posts_nothing(
    safi, potters
):
    # given
    refund = order_payload(
        [TAJINE_LINE],
        refunded="120.00",
        granted=[granted("R3JhbnQ6MQ==", "120.00", [("TGluZTox", 1)])],
        updated_at="2026-11-21T10:00:00+00:00",
    )

    # when
    refunded(refund)
    paid(order_payload([TAJINE_LINE]))

    # then
    assert LedgerTransaction.objects.filter(kind="split").count() == 1
    assert clearing() == -3000
    assert balances(artisan(potters[0])) == {}
    assert balances(coop(safi)) == {"held": 2500, "tax": 500}


def test_a_failed_granted_refund_reverses_nothing(safi, potters):
    # given
    paid(order_payload([TAJINE_LINE]))

    # when
    result = services.post_order_refund(
        API_URL,
        parse_order(
            order_payload(
                [TAJINE_LINE],
                granted=[granted("R3JhbnQ6MQ==", "120.00", [("TGluZTox", 1)], status="FAILURE")],
                updated_at="2026-11-21T10:00:00+00:00",
            )
        ),
    )

    # then
    assert result.outcome == "unchanged"
    assert clearing() == -15000
