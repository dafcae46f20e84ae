"""Stripe Connect, separate charges and transfers, against the project's Stripe stand-in over
HTTP: a payout is one transfer per Saleor order it pays (transfer_group = the order's Saleor
id, source_transaction = the order's charge, an Idempotency-Key per payout and order); a
debt is netted from the oldest orders' items; a lost answer is found by the reconciliation,
never paid twice; a refund after the payout reverses the order's transfer once, whatever
the events' order and repetition; a reversal Stripe refuses leaves a debt the next run nets."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow, services, tasks, transfer_reversals
from storefront_plugins.payouts.models import (
    LedgerEntry,
    LedgerOrder,
    Payout,
    PayoutItem,
    PayoutState,
    ReversalState,
    TransferReversal,
)
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from storefront_plugins.stripe_gateway.client import stripe_client
from storefront_plugins.stripe_gateway.connect import (
    refresh_connected_account,
)
from tests.app.payouts.conftest import (
    API_URL,
    TAJINE,
    balances_of,
    credit_payable,
    granted,
    ledger_sum,
    line,
    order_payload,
)
from tests.stripe_sandbox.flows import available, paid_intent
from tests.stripe_sandbox.server import StripeSandbox

ORDER_A = "T3JkZXI6MQ=="  # Order:1
ORDER_B = "T3JkZXI6Mg=="  # Order:2
ORDER_C = "T3JkZXI6Mw=="  # Order:3
ORDER_D = "T3JkZXI6NA=="  # Order:4
TOTAL = 63_000  # EUR cents: a tajine of 600.00 and 30.00 of shipping


def later() -> datetime:
    return timezone.now() + timedelta(hours=2)


def tajine_order(order_id: str, charge: str = "", **changes: Any) -> dict[str, Any]:
    lines = [line(f"{order_id}-l1", TAJINE, "600.00", "100.00", currency="EUR")]
    payload = order_payload(lines, order_id=order_id, currency="EUR", **changes)
    payload["order"]["transactions"] = [
        {
            "id": f"{order_id}-t1",
            "name": "Stripe",
            "pspReference": charge,
            "chargedAmount": {"amount": "630.00", "currency": "EUR"},
            "refundedAmount": {"amount": "0", "currency": "EUR"},
        }
    ]
    return payload


def sell(order_id: str, charge: str = "") -> LedgerOrder:
    """The order paid (split posted), shipped, and its hold ended (payable)."""
    order = parse_order(tajine_order(order_id, charge))
    result = services.post_order_split(API_URL, order)
    services.record_order_fulfilled(API_URL, order, timezone.now())
    services.release_order_funds(result.ledger_order_id, later() + timedelta(days=400))
    return LedgerOrder.objects.get(pk=result.ledger_order_id)


def refund_tajine(order_id: str, *, amount: str, updated_at: str) -> dict[str, Any]:
    return tajine_order(
        order_id,
        refunded=amount,
        granted=[granted("R3JhbnQ6MQ==", amount, [(f"{order_id}-l1", 1)])],
        updated_at=updated_at,
    )


def payable_from(order: LedgerOrder, party: Party) -> int:
    return sum(
        LedgerEntry.objects.filter(
            transaction__order=order,
            account__party_kind=party.kind,
            account__party_id=party.id,
            account__kind="payable",
        ).values_list("amount", flat=True)
    )


def account_of(party: Party) -> str:
    state = refresh_connected_account(party)
    assert state is not None
    return state.stripe_account_id


def charge() -> str:
    """A shopper's card payment of the order on the platform: its `ch_`."""
    intent = paid_intent(stripe_client(), TOTAL, "eur")
    assert isinstance(intent.latest_charge, str)
    return intent.latest_charge


def transfers_to(account: str) -> list[dict[str, Any]]:
    listed = stripe_client().v1.transfers.list(params={"destination": account, "limit": 100})
    return sorted((t.to_dict() for t in listed.data), key=lambda t: t["transfer_group"])


def transfer_posts(stand_in: StripeSandbox) -> list[str]:
    return [
        str(r["idempotency_key"])
        for r in stand_in.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/transfers")
    ]


def paid_run(safi: Cooperative) -> Payout:
    (payout,) = start_payout_run(safi.pk, "EUR", None).payouts
    assert payout_flow.submit_payout(payout.pk).state == PayoutState.PAID
    return Payout.objects.get(pk=payout.pk)


def test_a_two_order_payout_is_a_transfer_per_order_funded_by_its_charge(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: order A paid by a charge, order B by a PaymentIntent (its latest charge)
    charge_a = charge()
    intent_b = paid_intent(stripe_client(), TOTAL, "eur")
    order_a, order_b = sell(ORDER_A, charge_a), sell(ORDER_B, intent_b.id)
    part_a, part_b = payable_from(order_a, stripe_potter), payable_from(order_b, stripe_potter)

    # when
    payout = paid_run(safi)

    # then
    transfers = transfers_to(account_of(stripe_potter))
    assert [(t["transfer_group"], t["source_transaction"], t["amount"]) for t in transfers] == [
        (ORDER_A, charge_a, part_a),
        (ORDER_B, intent_b.latest_charge, part_b),
    ]
    assert transfers[0]["metadata"] == {
        "souk_payout_key": f"{payout.idempotency_key}-o{order_a.pk}",
        "souk_payout_id": str(payout.pk),
        "souk_run_id": str(payout.run_id),
        "souk_order": ORDER_A,
        "souk_party": f"artisan:{stripe_potter.id}",
    }
    assert sorted(transfer_posts(stripe_api)) == [
        f"{payout.idempotency_key}-o{order_a.pk}",
        f"{payout.idempotency_key}-o{order_b.pk}",
    ]
    items = list(PayoutItem.objects.filter(payout=payout).order_by("order_id"))
    assert [(i.order_id, i.amount, i.stripe_transfer_id) for i in items] == [
        (order_a.pk, part_a, transfers[0]["id"]),
        (order_b.pk, part_b, transfers[1]["id"]),
    ]
    assert payout.amount == part_a + part_b
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_debt_is_netted_from_the_oldest_orders_items_first(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: a debt larger than order A's part (an adjustment tied to no order)
    order_a, order_b = sell(ORDER_A, charge()), sell(ORDER_B, charge())
    part_a, part_b = payable_from(order_a, stripe_potter), payable_from(order_b, stripe_potter)
    debt = part_a + 1_000
    credit_payable(stripe_potter, -debt, currency="EUR")

    # when
    payout = paid_run(safi)

    # then: A's item is netted away, B's carries the rest of the debt
    assert payout.amount == part_a + part_b - debt
    items = list(PayoutItem.objects.filter(payout=payout))
    assert [(i.order_id, i.amount) for i in items] == [(order_b.pk, part_b - 1_000)]
    (transfer,) = transfers_to(account_of(stripe_potter))
    assert (transfer["transfer_group"], transfer["amount"]) == (ORDER_B, part_b - 1_000)
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_an_answer_lost_after_stripe_transferred_is_found_and_never_paid_twice(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: Stripe makes the first order's transfer, its answer is lost
    sell(ORDER_A, charge())
    sell(ORDER_B, charge())
    stripe_api.inject_fault("/v1/transfers", "drop", after_effect=True)
    (payout,) = start_payout_run(safi.pk, "EUR", None).payouts

    # when
    submitted = payout_flow.submit_payout(payout.pk)
    reconciled = payout_flow.reconcile_payouts(later())
    again = payout_flow.reconcile_payouts(later())

    # then: the lost one found by its key in its order's transfer_group, the other made once
    assert submitted.state == PayoutState.SUBMITTED
    assert [r.state for r in reconciled] == [PayoutState.PAID]
    assert again == []
    transfers = transfers_to(account_of(stripe_potter))
    assert [t["transfer_group"] for t in transfers] == [ORDER_A, ORDER_B]
    assert len(transfer_posts(stripe_api)) == 2
    items = PayoutItem.objects.filter(payout=payout).order_by("order_id")
    assert [i.stripe_transfer_id for i in items] == [t["id"] for t in transfers]
    assert available(stripe_client(), "eur", account_of(stripe_potter)) == payout.amount
    assert ledger_sum() == 0


@pytest.mark.parametrize(
    "sequence",
    [
        ["full", "full"],  # delivered twice
        ["partial", "full", "partial", "full"],  # partial first, then late and repeated
        ["full", "partial"],  # the partial state arrives after the full one: stale
    ],
)
def test_a_refund_after_the_payout_reverses_the_orders_transfer_once(
    safi: Cooperative,
    stripe_potter: Party,
    stripe_api: StripeSandbox,
    django_capture_on_commit_callbacks: Any,
    sequence: list[str],
) -> None:
    # given
    order_a = sell(ORDER_A, charge())
    sell(ORDER_B, charge())
    payout = paid_run(safi)
    part_a = payable_from(order_a, stripe_potter)
    states = {
        "partial": refund_tajine(ORDER_A, amount="200.00", updated_at="2026-11-21T10:00:00+00:00"),
        "full": refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00"),
    }

    # when
    with django_capture_on_commit_callbacks(execute=False) as queued:
        for name in sequence:
            services.post_order_refund(API_URL, parse_order(states[name]))
    reversals = list(TransferReversal.objects.order_by("pk"))
    debt = -balances_of(stripe_potter, "EUR")["payable"]
    for reversal in reversals + reversals:  # each task delivered twice
        transfer_reversals.reverse_transfer(reversal.pk)

    # then
    assert len(queued) == len({r.refund_key for r in reversals})
    assert debt == part_a  # the whole of the stripe_potter's part of A was refunded
    item_a = PayoutItem.objects.get(payout=payout, order=order_a)
    assert {r.item_id for r in reversals} == {item_a.pk}
    assert sum(r.amount for r in reversals) == part_a
    transfer = stripe_client().v1.transfers.retrieve(item_a.stripe_transfer_id)
    assert (transfer.amount_reversed, transfer.reversed) == (part_a, True)
    assert sorted(reversal_posts(stripe_api)) == sorted(r.idempotency_key for r in reversals)
    assert {r.state for r in TransferReversal.objects.all()} == {ReversalState.REVERSED}
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_reversal_stripe_refuses_leaves_the_debt_which_the_next_run_nets(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: paid; the stripe_potter's account paid everything out to their bank; A refunded
    order_a = sell(ORDER_A, charge())
    paid_run(safi)
    part_a = payable_from(order_a, stripe_potter)
    stripe_client().v1.payouts.create(
        params={"amount": part_a, "currency": "eur"},
        options={"stripe_account": account_of(stripe_potter)},
    )
    services.post_order_refund(
        API_URL,
        parse_order(
            refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00")
        ),
    )
    (reversal,) = TransferReversal.objects.all()

    # when
    refused = transfer_reversals.reverse_transfer(reversal.pk)
    order_c, order_d = sell(ORDER_C, charge()), sell(ORDER_D, charge())
    part_c, part_d = payable_from(order_c, stripe_potter), payable_from(order_d, stripe_potter)
    payout = paid_run(safi)

    # then: the debt (A's part) takes C's item (the oldest), D's is paid
    assert refused.state == ReversalState.REFUSED
    assert "balance" in refused.message
    assert part_c == part_a
    assert payout.amount == part_c + part_d - part_a
    (item,) = PayoutItem.objects.filter(payout=payout)
    assert (item.order_id, item.amount) == (order_d.pk, part_d)
    assert [t["transfer_group"] for t in transfers_to(account_of(stripe_potter))] == [
        ORDER_A,
        ORDER_D,
    ]
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_stripe_errors_on_a_reversal_are_retried_with_the_same_key(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: a refund after the payout; Stripe answers 500 twice
    sell(ORDER_A, charge())
    paid_run(safi)
    services.post_order_refund(
        API_URL,
        parse_order(
            refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00")
        ),
    )
    (reversal,) = TransferReversal.objects.all()
    stripe_api.inject_fault("/v1/transfers/*/reversals", "error", count=2)

    # when
    result = tasks.reverse_transfer.apply(args=(reversal.pk,))

    # then
    assert result.get() == ReversalState.REVERSED
    assert TransferReversal.objects.get(pk=reversal.pk).attempts == 3
    assert reversal_posts(stripe_api) == [reversal.idempotency_key] * 3
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_reversal_stripe_keeps_failing_is_left_pending_for_the_reconciliation(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given
    order_a = sell(ORDER_A, charge())
    paid_run(safi)
    services.post_order_refund(
        API_URL,
        parse_order(
            refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00")
        ),
    )
    (reversal,) = TransferReversal.objects.all()
    stripe_api.inject_fault(
        "/v1/transfers/*/reversals", "error", count=tasks.MAX_REVERSAL_RETRIES + 1
    )

    # when
    result = tasks.reverse_transfer.apply(args=(reversal.pk,))

    # then: bounded; still a debt in the ledger, and pending for the beat to queue again
    assert result.get() == "pending"
    assert len(reversal_posts(stripe_api)) == tasks.MAX_REVERSAL_RETRIES + 1
    assert transfer_reversals.pending_reversals(later()) == [reversal.pk]
    assert balances_of(stripe_potter, "EUR")["payable"] == -payable_from_refund(
        order_a, stripe_potter
    )
    assert transfer_reversals.reverse_transfer(reversal.pk).state == ReversalState.REVERSED
    assert transfer_reversals.pending_reversals(later()) == []
    assert balances_of(stripe_potter, "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def reversal_posts(stand_in: StripeSandbox) -> list[str]:
    return [
        str(r["idempotency_key"])
        for r in stand_in.received_requests()
        if r["method"] == "POST" and r["path"].endswith("/reversals")
    ]


def payable_from_refund(order: LedgerOrder, party: Party) -> int:
    """What the order's refunds took from the party's PAYABLE (> 0)."""
    return -sum(
        LedgerEntry.objects.filter(
            transaction__order=order,
            transaction__kind="refund",
            account__party_kind=party.kind,
            account__party_id=party.id,
            account__kind="payable",
        ).values_list("amount", flat=True)
    )


def test_an_item_stripe_refuses_fails_the_payout_after_its_other_transfers_are_reversed(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: B's charge was refunded in full at Stripe (Saleor has not told us yet)
    sell(ORDER_A, charge())
    refunded_charge = charge()
    stripe_client().v1.refunds.create(params={"charge": refunded_charge})
    sell(ORDER_B, refunded_charge)
    (payout,) = start_payout_run(safi.pk, "EUR", None).payouts

    # when
    result = payout_flow.submit_payout(payout.pk)

    # then: A's transfer made, then reversed; the money payable again, once
    assert result.state == PayoutState.FAILED
    (transfer,) = transfers_to(account_of(stripe_potter))
    assert (transfer["transfer_group"], transfer["reversed"]) == (ORDER_A, True)
    assert available(stripe_client(), "eur", account_of(stripe_potter)) == 0
    assert balances_of(stripe_potter, "EUR") == {"payable": payout.amount, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_the_orders_charge_is_the_psp_reference_of_the_transaction_that_charged_it() -> None:
    # given
    payload = tajine_order(ORDER_A, "pi_3Qabc")
    payload["order"]["transactions"].insert(
        0,
        {
            "id": "VHJhbnNhY3Rpb246MA==",
            "name": "Authorization voided",
            "pspReference": "pi_void",
            "chargedAmount": {"amount": "0", "currency": "EUR"},
            "refundedAmount": {"amount": "0", "currency": "EUR"},
        },
    )

    # when
    order = parse_order(payload)

    # then
    assert order.charge_reference == "pi_3Qabc"
    assert parse_order(tajine_order(ORDER_B, "")).charge_reference == ""


def test_the_database_keeps_what_items_paid_and_reversals_took_back(
    safi: Cooperative, stripe_potter: Party, stripe_api: StripeSandbox
) -> None:
    # given: a paid item, fully reversed after a refund
    order_a = sell(ORDER_A, charge())
    payout = paid_run(safi)
    services.post_order_refund(
        API_URL,
        parse_order(
            refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00")
        ),
    )
    (reversal,) = TransferReversal.objects.all()
    transfer_reversals.reverse_transfer(reversal.pk)
    item = PayoutItem.objects.get(payout=payout, order=order_a)

    # when / then
    for change, refusal in (
        (lambda: PayoutItem.objects.filter(pk=item.pk).update(amount=1), "never change"),
        (lambda: PayoutItem.objects.filter(pk=item.pk).update(stripe_transfer_id="tr_x"), "never"),
        (lambda: delete_row("payouts_payoutitem", item.pk), "never deleted"),
        (lambda: TransferReversal.objects.filter(pk=reversal.pk).update(state="pending"), "final"),
        (lambda: TransferReversal.objects.filter(pk=reversal.pk).update(amount=1), "never change"),
    ):
        with pytest.raises(DatabaseError, match=refusal), transaction.atomic():
            change()


def delete_row(table: str, pk: int) -> None:
    """A DELETE as a shell session or a bulk delete would send it (no ORM protection)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608
