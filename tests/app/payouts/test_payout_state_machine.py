"""A payout's state machine: every legal transition moves the money and writes its event in
one transaction; every illegal one raises and writes nothing; the database refuses to change a
final payout, its money or its history."""

import itertools

import pytest
from django.db import DatabaseError, connection, transaction

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow
from storefront_plugins.payouts.models import (
    LedgerEntry,
    Payout,
    PayoutEvent,
    PayoutState,
    Rail,
)
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from storefront_plugins.payouts.states import TRANSITIONS, IllegalTransition
from tests.app.payouts.conftest import balances_of, credit_payable, ledger_sum, method

S = PayoutState
LEGAL = [(a, b) for a, targets in TRANSITIONS.items() for b in targets]
ILLEGAL = [
    (a, b) for a, b in itertools.product(PayoutState, PayoutState) if b not in TRANSITIONS[a]
]
# The ledger after reaching each state, for a payout of 1000: (payable, in transit).
LEDGER_AFTER = {
    S.CREATED: (0, 1000),
    S.SUBMITTED: (0, 1000),
    S.PAID: (0, 0),
    S.FAILED: (1000, 0),
    S.CANCELLED: (1000, 0),
}
# How to bring a payout to a state through legal transitions.
PATH = {
    S.CREATED: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.PAID: [S.SUBMITTED, S.PAID],
    S.FAILED: [S.FAILED],
    S.CANCELLED: [S.CANCELLED],
}


def test_the_table_has_every_state_and_final_states_lead_nowhere() -> None:
    # then
    assert set(TRANSITIONS) == set(PayoutState)
    assert TRANSITIONS[S.CREATED] == {S.SUBMITTED, S.FAILED, S.CANCELLED}
    assert TRANSITIONS[S.SUBMITTED] == {S.PAID, S.FAILED, S.CANCELLED}
    assert TRANSITIONS[S.PAID] == TRANSITIONS[S.FAILED] == TRANSITIONS[S.CANCELLED] == set()


def payout_in(state: PayoutState, party: Party) -> Payout:
    credit_payable(party, 1000)
    method(party, Rail.CASH)
    payout = start_payout_run(party.id, "MAD", None).payouts[0]
    for step in PATH[state]:
        payout = payout_flow.transition_to(payout.pk, step)
    return payout


@pytest.fixture
def cooperative_party(safi: Cooperative) -> Party:
    from storefront_plugins.payouts.splits import PartyKind

    return Party(PartyKind.COOPERATIVE, safi.pk)


@pytest.mark.parametrize(("from_state", "to_state"), LEGAL)
def test_a_legal_transition_moves_the_money_and_writes_its_event(
    cooperative_party: Party, from_state: PayoutState, to_state: PayoutState
) -> None:
    # given
    payout = payout_in(from_state, cooperative_party)
    events = PayoutEvent.objects.filter(payout=payout).count()

    # when
    payout = payout_flow.transition_to(payout.pk, to_state, note="test")

    # then
    assert Payout.objects.get(pk=payout.pk).state == to_state
    last = PayoutEvent.objects.filter(payout=payout).last()
    assert last is not None
    assert (last.from_state, last.to_state) == (from_state, to_state)
    assert PayoutEvent.objects.filter(payout=payout).count() == events + 1
    balances = balances_of(cooperative_party)
    assert (balances["payable"], balances["payouts_in_transit"]) == LEDGER_AFTER[to_state]
    assert ledger_sum() == 0


@pytest.mark.parametrize(("from_state", "to_state"), ILLEGAL)
def test_an_illegal_transition_raises_and_writes_nothing(
    cooperative_party: Party, from_state: PayoutState, to_state: PayoutState
) -> None:
    # given
    payout = payout_in(from_state, cooperative_party)
    entries, events = LedgerEntry.objects.count(), PayoutEvent.objects.count()

    # when
    with pytest.raises(IllegalTransition):
        payout_flow.transition_to(payout.pk, to_state)

    # then
    assert Payout.objects.get(pk=payout.pk).state == from_state
    assert (LedgerEntry.objects.count(), PayoutEvent.objects.count()) == (entries, events)


def test_a_run_closes_when_its_last_payout_is_final(cooperative_party: Party) -> None:
    # given
    payout = payout_in(S.SUBMITTED, cooperative_party)
    assert payout.run.state == "open"

    # when
    payout_flow.transition_to(payout.pk, S.PAID)

    # then
    payout.run.refresh_from_db()
    assert payout.run.state == "closed"
    assert payout.run.closed_at is not None


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("UPDATE payouts_payout SET state = 'created' WHERE id = %s", "is paid \\(final\\)"),
        ("UPDATE payouts_payout SET amount = amount + 1 WHERE id = %s", "never change"),
        ("DELETE FROM payouts_payout WHERE id = %s", "never deleted"),
        ("UPDATE payouts_payoutevent SET note = 'x' WHERE payout_id = %s", "append-only"),
        ("DELETE FROM payouts_payoutevent WHERE payout_id = %s", "append-only"),
    ],
)
def test_the_database_refuses_to_rewrite_a_paid_payout_or_its_history(
    cooperative_party: Party, sql: str, refusal: str
) -> None:
    # given
    payout = payout_in(S.PAID, cooperative_party)

    # when / then
    with (
        pytest.raises(DatabaseError, match=refusal),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [payout.pk])
