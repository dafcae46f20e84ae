"""Automatic rails: a crash or retry at any step never pays twice and never loses a payout.

`RemoteRail` (remote_rail.py) is an automatic rail with faults: the call never arrives, or it
is carried out and its answer is lost (a timeout or a killed worker).
"""

import logging
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow
from storefront_plugins.payouts.models import Payout, PayoutState, Rail
from storefront_plugins.payouts.rails.base import (
    RailUnavailable,
)
from storefront_plugins.payouts.runs import runs_progress, start_payout_run
from storefront_plugins.payouts.splits import Party
from tests.app.payouts.conftest import Actor, balances_of, credit_payable, ledger_sum, method
from tests.app.payouts.remote_rail import RemoteRail


@pytest.fixture
def payout(safi: Cooperative, members: list[Party], remote: RemoteRail) -> Payout:
    credit_payable(members[0], 40_000)
    method(members[0], Rail.STRIPE_CONNECT)
    return start_payout_run(safi.pk, "MAD", None).payouts[0]


def later() -> datetime:
    return timezone.now() + timedelta(hours=2)


def state_of(payout: Payout) -> str:
    return Payout.objects.get(pk=payout.pk).state


def test_a_submitted_payout_is_paid_and_settled(
    payout: Payout, remote: RemoteRail, members: list[Party]
) -> None:
    # when
    result = payout_flow.submit_payout(payout.pk)

    # then
    assert result.state == PayoutState.PAID
    assert Payout.objects.get(pk=payout.pk).external_reference == "tr_1"
    assert remote.transfers == {payout.idempotency_key: (40_000, "tr_1")}
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_retried_task_does_not_call_the_rail_again(payout: Payout, remote: RemoteRail) -> None:
    # when
    payout_flow.submit_payout(payout.pk)
    again = payout_flow.submit_payout(payout.pk)

    # then
    assert (again.state, again.outcome) == (PayoutState.PAID, None)
    assert remote.calls == [("submit", payout.idempotency_key)]


def test_a_worker_killed_after_the_rail_paid_is_settled_by_the_reconciliation_not_paid_again(
    payout: Payout, remote: RemoteRail, members: list[Party]
) -> None:
    # given: submitted and committed, the rail paid, the worker died before writing it
    instruction = payout_flow._begin_submission(payout.pk)
    assert instruction is not None
    remote.submit(instruction)
    assert state_of(payout) == PayoutState.SUBMITTED

    # when: the task is delivered again, then the reconciliation passes
    retried = payout_flow.submit_payout(payout.pk)
    results = payout_flow.reconcile_payouts(later())

    # then
    assert retried.outcome is None
    assert [(r.from_state, r.state) for r in results] == [("submitted", "paid")]
    assert len(remote.transfers) == 1
    assert [kind for kind, _ in remote.calls] == ["submit", "check"]
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_lost_answer_leaves_the_payout_submitted_until_the_rail_is_asked(
    payout: Payout, remote: RemoteRail
) -> None:
    # given
    remote.faults = ["lose_answer"]

    # when
    submitted = payout_flow.submit_payout(payout.pk)
    too_soon = payout_flow.reconcile_payouts()
    reconciled = payout_flow.reconcile_payouts(later())

    # then
    assert submitted.state == PayoutState.SUBMITTED
    assert too_soon == []
    assert [r.state for r in reconciled] == [PayoutState.PAID]
    assert len(remote.transfers) == 1


def test_a_call_that_never_arrived_is_sent_again_with_the_same_key(
    payout: Payout, remote: RemoteRail
) -> None:
    # given
    remote.faults = ["down"]
    assert payout_flow.submit_payout(payout.pk).state == PayoutState.SUBMITTED

    # when
    results = payout_flow.reconcile_payouts(later())

    # then
    assert [r.state for r in results] == [PayoutState.PAID]
    assert remote.calls == [
        ("submit", payout.idempotency_key),
        ("check", payout.idempotency_key),
        ("submit", payout.idempotency_key),
    ]
    assert len(remote.transfers) == 1
    assert Payout.objects.get(pk=payout.pk).submit_attempts == 2


def test_a_rail_that_stays_down_leaves_the_payout_for_the_next_pass(
    payout: Payout, remote: RemoteRail, members: list[Party]
) -> None:
    # given
    remote.faults = ["down", "down", "down"]
    payout_flow.submit_payout(payout.pk)

    # when
    remote.check = lambda instruction: (_ for _ in ()).throw(RailUnavailable("503"))  # type: ignore[method-assign]
    results = payout_flow.reconcile_payouts(later())

    # then: never lost, still in transit
    assert [(r.from_state, r.state) for r in results] == [("submitted", "submitted")]
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 40_000}


def test_a_refused_payout_fails_and_its_money_is_payable_again(
    payout: Payout, remote: RemoteRail, members: list[Party]
) -> None:
    # given
    remote.faults = ["refuse"]

    # when
    result = payout_flow.submit_payout(payout.pk)

    # then
    assert result.state == PayoutState.FAILED
    assert Payout.objects.get(pk=payout.pk).failure_reason == "account closed"
    assert balances_of(members[0]) == {"payable": 40_000, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_created_payout_whose_task_was_lost_is_submitted_by_the_reconciliation(
    payout: Payout, remote: RemoteRail
) -> None:
    # when
    results = payout_flow.reconcile_payouts(later())

    # then
    assert [(r.from_state, r.state) for r in results] == [("created", "paid")]
    assert len(remote.transfers) == 1


def test_manual_payouts_wait_for_people_not_for_the_reconciliation(
    safi: Cooperative, members: list[Party], remote: RemoteRail
) -> None:
    # given
    credit_payable(members[1], 1_000)
    method(members[1], Rail.CASH)
    start_payout_run(safi.pk, "MAD", None)

    # when
    results = payout_flow.reconcile_payouts(later())

    # then
    assert results == []


def test_a_payout_sent_to_an_automatic_rail_cannot_be_cancelled(
    payout: Payout, remote: RemoteRail, treasury: dict[str, Actor]
) -> None:
    # given
    remote.faults = ["lose_answer"]
    payout_flow.submit_payout(payout.pk)
    treasurer = treasury["treasurer"]

    # when
    with pytest.raises(ValidationError) as refused:
        payout_flow.cancel_payout(treasurer.viewer, treasurer.user, payout.pk)

    # then
    assert [e.code for e in refused.value.error_dict["id"]] == ["INVALID_STATE"]
    assert state_of(payout) == PayoutState.SUBMITTED


def test_a_payout_whose_rail_stays_silent_is_flagged_for_a_person_once(
    payout: Payout, remote: RemoteRail, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # given a rail that never answers, and attention after 3 attempts (the submission's and
    # two reconciliations')
    settings.SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS = 3
    remote.faults = ["down"]
    payout_flow.submit_payout(payout.pk)
    remote.check = lambda instruction: (_ for _ in ()).throw(RailUnavailable("503"))  # type: ignore[method-assign]

    # when
    with caplog.at_level(logging.ERROR, logger="storefront_plugins.payouts.payout_flow"):
        payout_flow.reconcile_payouts(later())
        after_one = Payout.objects.get(pk=payout.pk)
        payout_flow.reconcile_payouts(later())
        payout_flow.reconcile_payouts(later())

    # then: still in transit (never lost, never paid twice), flagged, logged once
    assert not payout_flow.needs_attention(after_one.state, after_one.submit_attempts)
    reloaded = Payout.objects.get(pk=payout.pk)
    assert (reloaded.state, reloaded.submit_attempts) == (PayoutState.SUBMITTED, 4)
    assert payout_flow.needs_attention(reloaded.state, reloaded.submit_attempts)
    assert runs_progress([reloaded.run])[0].needs_attention == 1
    assert remote.transfers == {}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert payout.idempotency_key in errors[0].getMessage()
