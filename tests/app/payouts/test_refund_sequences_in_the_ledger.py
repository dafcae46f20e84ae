"""Any sequence of refund states, delivered in any order and more than once, leaves the
ledger where delivering each once in order would: the one the latest state describes."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storefront_plugins.payouts import services
from storefront_plugins.payouts.ledger import order_part_totals
from storefront_plugins.payouts.models import LedgerOrder, TransactionKind
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import allocate_refund
from tests.app.payouts.conftest import API_URL, PLATE, TAJINE, granted, line, order_payload

LINES = [
    line("TGluZTox", TAJINE, "120.00", "20.00", quantity=2),
    line("TGluZToy", PLATE, "45.50", "7.50"),
]
TOTAL = 12000 + 4550 + 3000
ORDER_IDS = itertools.count(1)


@st.composite
def refund_states(draw):
    """Saleor's successive payloads: cumulative refunded amount, granted refunds so far."""
    states, grants, refunded = [], [], 0
    for step in range(draw(st.integers(1, 4))):
        amount = draw(st.integers(1, 6000))
        kind = draw(st.sampled_from(["tajine", "shipping", "amount", "ungranted"]))
        if kind != "ungranted":
            grants.append(
                granted(
                    f"R3JhbnQ6{step}",
                    f"{amount / 100:.2f}",
                    [("TGluZTox", draw(st.integers(1, 2)))] if kind == "tajine" else [],
                    shipping=kind == "shipping",
                    created=f"2026-11-21T1{step}:00:00+00:00",
                )
            )
        refunded = min(TOTAL, refunded + amount)
        states.append((refunded, list(grants), f"2026-11-2{step + 1}T10:00:00+00:00"))
    return states


@given(states=refund_states(), data=st.data())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_refund_states_delivered_in_any_order_and_twice_post_the_latest_states_reversal(
    safi, potters, states, data
):
    # given
    order_id = f"T3JkZXI6{next(ORDER_IDS)}00"
    payloads = [
        order_payload(LINES, refunded=f"{r / 100:.2f}", granted=g, updated_at=u, order_id=order_id)
        for r, g, u in states
    ]
    services.post_order_split(API_URL, parse_order(order_payload(LINES, order_id=order_id)))
    deliveries = data.draw(
        st.permutations(payloads + data.draw(st.lists(st.sampled_from(payloads), max_size=3)))
    )

    # when
    for payload in deliveries:
        services.post_order_refund(API_URL, parse_order(payload))

    # then
    row = LedgerOrder.objects.get(saleor_order_id=order_id)
    reversed_parts: dict = {}
    for (party, role, _kind), total in order_part_totals(row, [TransactionKind.REFUND]).items():
        reversed_parts[(party, role)] = reversed_parts.get((party, role), 0) - total
    split = services.posted_split(API_URL, order_id)
    assert split is not None
    expected = allocate_refund(split, parse_order(payloads[-1]).refund_state)
    assert {k: v for k, v in reversed_parts.items() if v} == expected
    assert sum(expected.values()) == states[-1][0]
