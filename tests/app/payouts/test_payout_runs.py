"""Payout runs: who is paid how much (the PAYABLE balance net of debts, at least the
schedule's minimum, with a payout method), one open run per cooperative and currency, one
scheduled run per period; the ledger moves the money to PAYOUTS_IN_TRANSIT in the run's
transaction and conserves it."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import tasks
from storefront_plugins.payouts.models import (
    Frequency,
    Payout,
    PayoutEvent,
    PayoutRun,
    PayoutSchedule,
    PayoutState,
    Rail,
)
from storefront_plugins.payouts.payout_flow import transition_to
from storefront_plugins.payouts.rails.registry import replace_rail, restore_rail, unregister_rail
from storefront_plugins.payouts.runs import (
    run_progress,
    start_payout_run,
    start_scheduled_payout_runs,
)
from storefront_plugins.payouts.schedules import due_period
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.payouts.conftest import balances_of, credit_payable, ledger_sum, method
from tests.app.payouts.remote_rail import RemoteRail


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]  # type: ignore[misc]


@pytest.fixture
def coop(safi: Cooperative) -> Party:
    return Party(PartyKind.COOPERATIVE, safi.pk)


def test_a_run_pays_each_party_its_payable_balance_and_moves_it_in_transit(
    safi: Cooperative, coop: Party, members: list[Party]
) -> None:
    # given
    credit_payable(members[0], 12_000)
    credit_payable(members[1], 4_550)
    credit_payable(coop, 3_000)
    for party in (members[0], members[1], coop):
        method(party, Rail.BANK_TRANSFER)

    # when
    result = start_payout_run(safi.pk, "MAD", None)

    # then
    paid = {(p.party_kind, p.party_id): p.amount for p in result.payouts}
    assert paid == {
        ("artisan", members[0].id): 12_000,
        ("artisan", members[1].id): 4_550,
        ("cooperative", safi.pk): 3_000,
    }
    assert all(p.state == PayoutState.CREATED for p in result.payouts)
    assert (result.run.payout_count, result.run.total_amount) == (3, 19_550)
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 12_000}
    assert balances_of(coop) == {"payable": 0, "payouts_in_transit": 3_000}
    assert PayoutEvent.objects.filter(to_state=PayoutState.CREATED).count() == 3
    assert len({p.idempotency_key for p in result.payouts}) == 3
    assert ledger_sum() == 0


def test_only_balances_at_least_the_minimum_are_paid(
    safi: Cooperative, members: list[Party]
) -> None:
    # given: a minimum of 100.00 MAD
    PayoutSchedule.objects.create(
        cooperative_id=safi.pk, frequency=Frequency.MANUAL, minimums={"MAD": 10_000}
    )
    credit_payable(members[0], 10_000)
    credit_payable(members[1], 9_999)
    method(members[0], Rail.CASH)
    method(members[1], Rail.CASH)

    # when
    result = start_payout_run(safi.pk, "MAD", None)

    # then
    assert [(p.party_id, p.amount) for p in result.payouts] == [(members[0].id, 10_000)]
    assert balances_of(members[1]) == {"payable": 9_999, "payouts_in_transit": 0}


def test_a_debt_is_netted_from_the_next_payout(safi: Cooperative, members: list[Party]) -> None:
    # given: paid 1000, then a refund of 300 of that sale reversed from PAYABLE (-300)
    artisan = members[2]
    method(artisan, Rail.CASH)
    credit_payable(artisan, 1_000)
    first = start_payout_run(safi.pk, "MAD", None).payouts[0]
    transition_to(first.pk, PayoutState.SUBMITTED)
    transition_to(first.pk, PayoutState.PAID)
    credit_payable(artisan, -300)
    assert balances_of(artisan)["payable"] == -300

    # when: a debt alone pays nothing; a later sale of 1000 pays 700
    with pytest.raises(ValidationError) as nothing:
        start_payout_run(safi.pk, "MAD", None)
    credit_payable(artisan, 1_000)
    second = start_payout_run(safi.pk, "MAD", None)

    # then
    assert codes(nothing.value) == ["NOTHING_TO_PAY"]
    assert [p.amount for p in second.payouts] == [700]
    assert balances_of(artisan) == {"payable": 0, "payouts_in_transit": 700}
    assert ledger_sum() == 0


def test_a_second_run_is_refused_while_one_is_open(safi: Cooperative, members: list[Party]) -> None:
    # given
    credit_payable(members[0], 5_000)
    method(members[0], Rail.CASH)
    first = start_payout_run(safi.pk, "MAD", None)
    credit_payable(members[1], 5_000)
    method(members[1], Rail.CASH)

    # when
    with pytest.raises(ValidationError) as refused:
        start_payout_run(safi.pk, "MAD", None)

    # then: refused, and nothing of the second party moved
    assert codes(refused.value) == ["RUN_ALREADY_OPEN"]
    assert PayoutRun.objects.count() == 1
    assert balances_of(members[1])["payable"] == 5_000

    # and once the first run is done, the next one is accepted
    transition_to(first.payouts[0].pk, PayoutState.CANCELLED)
    second = start_payout_run(safi.pk, "MAD", None)
    assert {p.party_id for p in second.payouts} == {members[0].id, members[1].id}


def test_another_currency_has_its_own_run(safi: Cooperative, members: list[Party]) -> None:
    # given
    method(members[0], Rail.CASH)
    credit_payable(members[0], 5_000)
    credit_payable(members[0], 2_000, currency="EUR")
    start_payout_run(safi.pk, "MAD", None)

    # when
    result = start_payout_run(safi.pk, "EUR", None)

    # then
    assert [(p.currency, p.amount) for p in result.payouts] == [("EUR", 2_000)]


def test_parties_without_a_payout_method_are_skipped_and_counted(
    safi: Cooperative, members: list[Party]
) -> None:
    # given: one with cash, one without a method, one on a rail not available
    credit_payable(members[0], 5_000)
    credit_payable(members[1], 6_000)
    credit_payable(members[2], 7_000)
    method(members[0], Rail.CASH)
    method(members[2], Rail.STRIPE_CONNECT)
    unavailable = replace_rail(RemoteRail())
    unregister_rail(Rail.STRIPE_CONNECT.value)

    # when
    result = start_payout_run(safi.pk, "MAD", None)

    restore_rail(Rail.STRIPE_CONNECT.value, unavailable)

    # then
    assert [p.party_id for p in result.payouts] == [members[0].id]
    assert set(result.skipped) == {members[1], members[2]}
    assert result.run.skipped_count == 2
    assert balances_of(members[1])["payable"] == 6_000


def test_an_unknown_currency_is_refused(safi: Cooperative) -> None:
    # when
    with pytest.raises(ValidationError) as refused:
        start_payout_run(safi.pk, "XYZ", None)

    # then
    assert codes(refused.value) == ["UNKNOWN_CURRENCY"]


@pytest.mark.parametrize(
    ("frequency", "weekday", "day", "today", "period"),
    [
        (Frequency.WEEKLY, 0, None, date(2026, 11, 23), "2026-W48"),  # a Monday
        (Frequency.WEEKLY, 2, None, date(2026, 11, 23), None),  # Wednesday's not yet
        (Frequency.WEEKLY, 2, None, date(2026, 11, 29), "2026-W48"),  # Sunday, same week
        (Frequency.WEEKLY, 0, None, date(2027, 1, 1), "2026-W53"),  # ISO week of 1 Jan
        (Frequency.MONTHLY, None, 5, date(2026, 11, 4), None),
        (Frequency.MONTHLY, None, 5, date(2026, 11, 5), "2026-11"),
        (Frequency.MONTHLY, None, 5, date(2026, 11, 30), "2026-11"),
        (Frequency.MANUAL, None, None, date(2026, 11, 23), None),
    ],
)
def test_the_period_due(
    frequency: Frequency, weekday: int | None, day: int | None, today: date, period: str | None
) -> None:
    # then
    assert due_period(frequency, weekday, day, today) == period


def test_scheduled_runs_start_once_per_period(safi: Cooperative, members: list[Party]) -> None:
    # given: weekly on Mondays; Monday 23 November 2026
    PayoutSchedule.objects.create(cooperative_id=safi.pk, frequency=Frequency.WEEKLY, weekday=0)
    credit_payable(members[0], 5_000)
    method(members[0], Rail.CASH)
    monday = datetime(2026, 11, 23, 9, tzinfo=UTC)

    # when: the beat fires twice that day, and again after more sales the same week
    first = start_scheduled_payout_runs(monday)
    second = start_scheduled_payout_runs(monday.replace(hour=10))
    credit_payable(members[1], 3_000)
    method(members[1], Rail.CASH)
    third = start_scheduled_payout_runs(datetime(2026, 11, 25, 9, tzinfo=UTC))

    # then: one run for week 48
    assert [(r.period, r.created) for r in first] == [("2026-W48", True)]
    assert [(r.period, r.created) for r in second] == [("2026-W48", False)]
    assert [(r.period, r.run_id) for r in third] == [("2026-W48", first[0].run_id)]
    assert PayoutRun.objects.count() == 1
    assert Payout.objects.count() == 1


def test_a_scheduled_run_with_nothing_to_pay_is_kept_closed(
    safi: Cooperative, members: list[Party]
) -> None:
    # given: a debt only
    PayoutSchedule.objects.create(
        cooperative_id=safi.pk, frequency=Frequency.MONTHLY, day_of_month=1
    )
    credit_payable(members[0], -500)

    # when
    results = start_scheduled_payout_runs(datetime(2026, 12, 1, 6, tzinfo=UTC))

    # then
    run = PayoutRun.objects.get()
    assert [(r.period, r.created) for r in results] == [("2026-12", True)]
    assert (run.state, run.payout_count, run.period) == ("closed", 0, "2026-12")


def test_progress_is_counted_from_the_payouts(safi: Cooperative, members: list[Party]) -> None:
    # given
    for party, amount in zip(members, (1_000, 2_000, 3_000), strict=True):
        credit_payable(party, amount)
        method(party, Rail.CASH)
    payouts = start_payout_run(safi.pk, "MAD", None).payouts
    transition_to(payouts[0].pk, PayoutState.SUBMITTED)
    transition_to(payouts[0].pk, PayoutState.PAID)
    transition_to(payouts[1].pk, PayoutState.FAILED)

    # when
    progress = run_progress(PayoutRun.objects.get())

    # then
    assert progress.count_by_state == {
        PayoutState.CREATED: 1,
        PayoutState.SUBMITTED: 0,
        PayoutState.PAID: 1,
        PayoutState.FAILED: 1,
        PayoutState.CANCELLED: 0,
    }
    assert progress.amount_by_state[PayoutState.PAID] == 1_000
    assert (progress.done, progress.payout_count, progress.total_amount) == (2, 3, 6_000)


def test_a_run_queues_its_automatic_payouts_once_committed(
    safi: Cooperative,
    members: list[Party],
    remote: RemoteRail,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given: one payout on an automatic rail, one in cash
    credit_payable(members[0], 1_000)
    credit_payable(members[1], 1_000)
    method(members[0], Rail.STRIPE_CONNECT)
    method(members[1], Rail.CASH)

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start_payout_run(safi.pk, "MAD", None)

    # then: one callback, queuing the automatic one only; nothing sent before the commit
    assert len(callbacks) == 1
    assert remote.calls == []


def test_the_beat_task_starts_the_runs_due(safi: Cooperative, members: list[Party]) -> None:
    # given: monthly on the 1st, which has passed this month
    PayoutSchedule.objects.create(
        cooperative_id=safi.pk, frequency=Frequency.MONTHLY, day_of_month=1
    )
    credit_payable(members[0], 1_000)
    method(members[0], Rail.CASH)

    # when
    started = tasks.start_scheduled_payout_runs()
    again = tasks.start_scheduled_payout_runs()

    # then
    assert (started, again) == (1, 0)
    assert PayoutRun.objects.get().period == timezone.localdate().strftime("%Y-%m")


def test_a_run_still_open_delays_the_scheduled_one_to_a_later_beat_of_its_period(
    safi: Cooperative, members: list[Party]
) -> None:
    # given: a run started by hand is still open on Monday
    PayoutSchedule.objects.create(cooperative_id=safi.pk, frequency=Frequency.WEEKLY, weekday=0)
    credit_payable(members[0], 5_000)
    method(members[0], Rail.CASH)
    by_hand = start_payout_run(safi.pk, "MAD", None).payouts[0]
    credit_payable(members[0], 2_000)

    # when: Monday's beat, then Tuesday's once the open run is done
    monday = start_scheduled_payout_runs(datetime(2026, 11, 23, 9, tzinfo=UTC))
    transition_to(by_hand.pk, PayoutState.SUBMITTED)
    transition_to(by_hand.pk, PayoutState.PAID)
    tuesday = start_scheduled_payout_runs(datetime(2026, 11, 24, 9, tzinfo=UTC))

    # then
    assert [(r.period, r.run_id, r.created) for r in monday] == [("2026-W48", None, False)]
    assert [(r.period, r.created) for r in tuesday] == [("2026-W48", True)]
    assert PayoutRun.objects.get(period="2026-W48").total_amount == 2_000
