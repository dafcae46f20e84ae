"""Two workers at the same moment: one run per cooperative and currency, one rail call per
payout, whatever the interleaving (row locks and unique constraints, real PostgreSQL)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow
from storefront_plugins.payouts.models import Payout, PayoutRun, Rail
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from tests.app.payouts.conftest import balances_of, credit_payable, ledger_sum, method
from tests.app.payouts.remote_rail import RemoteRail

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(action: Callable[[], Any], times: int = 2) -> list[Any]:
    start = threading.Barrier(times)
    outcomes: list[Any] = []

    def work() -> None:
        try:
            start.wait()
            try:
                outcomes.append(action())
            except ValidationError as error:
                outcomes.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(times)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


def test_two_runs_started_at_once_make_one(safi: Cooperative, members: list[Party]) -> None:
    # given
    credit_payable(members[0], 10_000)
    method(members[0], Rail.CASH)

    # when
    outcomes = at_once(lambda: start_payout_run(safi.pk, "MAD", None))

    # then
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1
    assert [e.code for e in refused[0].error_dict["cooperative"]] == ["RUN_ALREADY_OPEN"]
    assert PayoutRun.objects.count() == 1
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 10_000}
    assert ledger_sum() == 0


def test_a_payout_submitted_by_two_workers_at_once_is_sent_once(
    safi: Cooperative, members: list[Party], remote: RemoteRail
) -> None:
    # given: a created payout on the automatic rail that no task was queued for (the run is
    # committed here, and the suite's real Celery worker would take a queued submission)
    credit_payable(members[0], 10_000)
    method(members[0], Rail.CASH)
    payout = start_payout_run(safi.pk, "MAD", None).payouts[0]
    Payout.objects.filter(pk=payout.pk).update(rail=Rail.STRIPE_CONNECT)

    # when
    outcomes = at_once(lambda: payout_flow.submit_payout(payout.pk), times=3)

    # then
    assert sorted(o.outcome is not None for o in outcomes) == [False, False, True]
    assert remote.calls == [("submit", payout.idempotency_key)]
    assert balances_of(members[0]) == {"payable": 0, "payouts_in_transit": 0}
