"""From a shopper's payment to the artisans' pockets and back: sales split, released, paid
out, refunded after the payout (a debt) and netted from the next run. The ledger conserves
money at every step."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.payouts import services
from storefront_plugins.payouts.manual_payments import RecordInput, record_manual_payment
from storefront_plugins.payouts.models import HoldStart, PayoutPolicy, Rail
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.payouts.conftest import (
    API_URL,
    TAJINE,
    Actor,
    at,
    balances_of,
    ledger_sum,
    line,
    method,
    order_payload,
)

PAID_AT = at("2026-11-20T10:00:00+00:00")
ONE_TAJINE = line("TGluZTox", TAJINE, "120.00", "20.00")
TWO_TAJINES = line("TGluZToy", TAJINE, "240.00", "40.00", quantity=2)


def sell(payload: dict[str, Any], when: Any = PAID_AT) -> None:
    services.post_order_split(API_URL, parse_order(payload), paid_at=when)
    services.release_held_funds(now=when + timedelta(days=1))


def pay_everyone(safi: Cooperative, treasurer: Actor) -> dict[Party, int]:
    run = start_payout_run(safi.pk, "MAD", treasurer.user)
    for payout in run.payouts:
        record_manual_payment(
            treasurer.viewer,
            treasurer.user,
            RecordInput(payout.pk, f"CASH-{payout.pk}", timezone.localdate(), b"%PDF-1.4"),
        )
    run.run.refresh_from_db()
    assert run.run.state == "closed"
    return {Party(PartyKind(p.party_kind), p.party_id): p.amount for p in run.payouts}


def test_sales_are_paid_out_and_a_refund_after_the_payout_is_netted_from_the_next(
    safi: Cooperative, potters: list[Artisan], treasury: dict[str, Actor]
) -> None:
    # given: payable one day after payment; everyone paid in cash
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=1, hold_starts=HoldStart.PAYMENT)
    first, second = (Party(PartyKind.ARTISAN, p.pk) for p in potters)
    coop = Party(PartyKind.COOPERATIVE, safi.pk)
    for party in (first, second, coop):
        method(party, Rail.CASH)
    sell(order_payload([ONE_TAJINE]))

    # when: paid out
    paid = pay_everyone(safi, treasury["treasurer"])

    # then: the makers' shares (70 % / 30 % of 120 - 20 tax - 12 % - 5 %), the cooperative's
    # commission and shipping (net of tax)
    assert paid == {first: 5810, second: 2490, coop: 1200 + 2500}
    for party in (first, second, coop):
        assert balances_of(party)["payable"] == balances_of(party)["payouts_in_transit"] == 0
    assert ledger_sum() == 0

    # when: the order is refunded in full after the payout
    services.post_order_refund(
        API_URL,
        parse_order(
            order_payload([ONE_TAJINE], refunded="150.00", updated_at="2026-11-25T10:00:00+00:00")
        ),
    )

    # then: they owe it
    assert balances_of(first)["payable"] == -5810
    assert balances_of(coop)["payable"] == -3700

    # when: two more tajines are sold and the next run pays what is owed net of the debt
    sell(order_payload([TWO_TAJINES], order_id="T3JkZXI6Mg=="), PAID_AT + timedelta(days=10))
    paid_again = pay_everyone(safi, treasury["treasurer"])

    # then
    assert paid_again == {first: 11620 - 5810, second: 4980 - 2490, coop: 2400 + 2500 - 3700}
    for party in (first, second, coop):
        assert balances_of(party)["payable"] == 0
    assert ledger_sum() == 0
