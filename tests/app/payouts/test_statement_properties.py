"""Whatever the ledger went through (sales, refunds, releases, payouts sent, returned,
settled) and wherever periods are cut, statements chain and reconcile: each opens with what
the one before closed on, opening + movements = closing, and the last closing is the
party's balance as the ledger sums it."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from storefront_plugins.payouts import ledger, services
from storefront_plugins.payouts.models import AccountKind
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.statements import build_statement
from tests.app.payouts.conftest import API_URL, TAJINE, granted, line, order_payload

ORDER_IDS = itertools.count(1)

operations = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(1, 50_000)),
        st.tuples(st.just("refund"), st.integers(1, 100)),  # percent of an order's line
        st.tuples(st.just("release"), st.just(0)),
        st.tuples(st.just("payout"), st.integers(1, 20_000)),
        st.tuples(st.just("return"), st.integers(1, 100)),  # percent of what is in transit
        st.tuples(st.just("settle"), st.integers(1, 100)),
    ),
    min_size=1,
    max_size=12,
)


def balance_of(party: Party, currency: str = "MAD") -> int:
    return sum(
        b.balance
        for b in ledger.account_balances([party], currency)
        if b.kind in (AccountKind.HELD, AccountKind.PAYABLE)
    )


def in_transit(party: Party) -> int:
    return sum(
        b.balance
        for b in ledger.account_balances([party], "MAD")
        if b.kind == AccountKind.PAYOUTS_IN_TRANSIT
    )


@given(ops=operations, data=st.data())
@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_statements_over_any_cut_of_any_postings_chain_and_reconcile(
    safi, potters, settings, ops, data
):
    # given postings for a potter (70 % of each tajine's makers' part), a cut after each
    settings.SOUK_PAYOUT_HOLD_STARTS = "payment"
    party = data.draw(
        st.sampled_from(
            [Party(PartyKind.ARTISAN, potters[0].pk), Party(PartyKind.COOPERATIVE, safi.pk)]
        )
    )
    orders: list[tuple[str, dict]] = []
    cuts = [timezone.now()]
    for op, amount in ops:
        if op == "pay":
            order_id = f"T3JkZXI6{next(ORDER_IDS)}p"
            tajine = line("TGluZTox", TAJINE, f"{amount / 100:.2f}", "0.00")
            services.post_order_split(
                API_URL, parse_order(order_payload([tajine], order_id=order_id))
            )
            orders.append((order_id, tajine))
        elif op == "refund" and orders:
            order_id, tajine = orders[amount % len(orders)]
            refunded = int(Decimal(tajine["totalPrice"]["gross"]["amount"]) * 100) * amount // 100
            if refunded:
                services.post_order_refund(
                    API_URL,
                    parse_order(
                        order_payload(
                            [tajine],
                            order_id=order_id,
                            refunded=f"{refunded / 100:.2f}",
                            granted=[granted("R3JhbnQ6MQ==", f"{refunded / 100:.2f}")],
                            updated_at=timezone.now().isoformat(),
                        )
                    ),
                )
        elif op == "release":
            services.release_held_funds(now=timezone.now() + timedelta(days=400))
        elif op == "payout":
            ledger.start_payout(party, "MAD", amount)
        elif op in ("return", "settle"):
            part = in_transit(party) * amount // 100
            if part > 0:
                move = ledger.fail_payout if op == "return" else ledger.settle_payout
                move(party, "MAD", part)
        cuts.append(timezone.now())
    chosen = sorted(set(data.draw(st.lists(st.sampled_from(cuts), min_size=1, max_size=4))))
    bounds = [cuts[0], *chosen, cuts[-1]]

    # when
    statements = [
        build_statement(party, "MAD", start, end, name="")
        for start, end in itertools.pairwise(bounds)
    ]

    # then
    for previous, following in itertools.pairwise(statements):
        assert previous.closing_balance == following.opening_balance
    for statement in statements:
        assert statement.reconciles
        assert statement.opening_balance + sum(s.amount for s in statement.lines) == (
            statement.closing_balance
        )
        assert statement.closing_balance == statement.ledger_balance
    assert statements[-1].closing_balance == balance_of(party)
    assert statements[-1].in_transit == in_transit(party)
