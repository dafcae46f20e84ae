"""A run's automatic payouts reach the real Celery worker once the run is committed
(`transaction.on_commit`), and a worker that cannot learn the outcome leaves the payout
`submitted` for the reconciliation: never lost, never sent twice. A refund after a Stripe
payout queues its transfer reversal for the worker once the refund's posting commits.

The suite's worker talks to the Stripe stand-in; these tests make the stand-in drop the
worker's calls, so the Stripe rail answers "unavailable" there, as in a Stripe outage."""

import time

import pytest
import requests

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow, services
from storefront_plugins.payouts.models import (
    Payout,
    PayoutEvent,
    PayoutState,
    Rail,
    ReversalState,
    TransferReversal,
)
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from storefront_plugins.stripe_gateway.client import stripe_client
from storefront_plugins.stripe_gateway.connect import (
    create_or_get_express_account,
    onboarding_link,
    refresh_connected_account,
)
from tests.app.payouts.conftest import API_URL, balances_of, credit_payable, method
from tests.app.payouts.test_stripe_transfers_per_order import (
    ORDER_A,
    TOTAL,
    later,
    refund_tajine,
    sell,
)
from tests.stripe_sandbox.flows import paid_intent
from tests.stripe_sandbox.server import StripeSandbox

pytestmark = [pytest.mark.django_db(transaction=True)]


def stripe_unreachable(stripe_api: StripeSandbox) -> None:
    """Every call to Stripe's API is dropped from now on (the connection closes)."""
    for verb in ("GET", "POST", "DELETE"):
        stripe_api.inject_fault("/v1/*", "drop", method=verb, count=1_000)


def stripe_reachable(stripe_api: StripeSandbox) -> None:
    stripe_api.control("DELETE", "faults")


def dropped_only(requests_made: list[dict[str, object]]) -> bool:
    return all(request["fault"] == "drop" for request in requests_made)


def wait_for_state(payout_id: int, state: PayoutState, timeout: float = 30) -> Payout:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        payout = Payout.objects.get(pk=payout_id)
        if payout.state == state:
            return payout
        time.sleep(0.2)
    raise AssertionError(f"Payout {payout_id} is not {state} after {timeout} s.")


def test_the_worker_submits_a_committed_runs_payout_and_an_unknown_outcome_keeps_it(
    safi: Cooperative,
    members: list[Party],
    stripe_api: StripeSandbox,
    celery_worker: object,
) -> None:
    # given: an artisan onboarded to Stripe Connect (in this process's settings)
    party = members[0]
    create_or_get_express_account(party, "potier@souk.example", "FR")
    link = onboarding_link(party, "http://127.0.0.1/return", "http://127.0.0.1/refresh")
    requests.post(link.url, allow_redirects=False, timeout=10).raise_for_status()
    assert refresh_connected_account(party) is not None
    credit_payable(party, 5_000, currency="EUR")
    method(party, Rail.STRIPE_CONNECT)

    # when: the run commits while Stripe cannot be reached
    stripe_unreachable(stripe_api)
    payout = start_payout_run(safi.pk, "EUR", None).payouts[0]

    # then: the worker took its task, marked it submitted and, unable to reach Stripe, left
    # it there with its money in transit
    submitted = wait_for_state(payout.pk, PayoutState.SUBMITTED)
    assert submitted.submit_attempts == 1
    time.sleep(1)  # nothing more happens to it
    assert Payout.objects.get(pk=payout.pk).state == PayoutState.SUBMITTED
    assert list(
        PayoutEvent.objects.filter(payout=payout).values_list("from_state", "to_state")
    ) == [("", "created"), ("created", "submitted")]
    assert balances_of(party, "EUR") == {"payable": 0, "payouts_in_transit": 5_000}
    assert dropped_only([r for r in stripe_api.received_requests() if r["path"] == "/v1/transfers"])


def test_a_refund_after_a_stripe_payout_queues_its_reversal_for_the_worker_on_commit(
    safi: Cooperative,
    stripe_potter: Party,
    stripe_api: StripeSandbox,
    celery_worker: object,
) -> None:
    # given: an order paid out by a transfer (the worker, without Stripe, left the payout
    # submitted; the reconciliation, here with Stripe, paid it)
    sell(ORDER_A, paid_intent(stripe_client(), TOTAL, "eur").latest_charge)  # type: ignore[arg-type]
    stripe_unreachable(stripe_api)
    payout = start_payout_run(safi.pk, "EUR", None).payouts[0]
    wait_for_state(payout.pk, PayoutState.SUBMITTED)
    stripe_reachable(stripe_api)
    assert [r.state for r in payout_flow.reconcile_payouts(later())] == [PayoutState.PAID]

    # when: the refund's posting commits while Stripe cannot be reached
    stripe_unreachable(stripe_api)
    services.post_order_refund(
        API_URL,
        parse_order(
            refund_tajine(ORDER_A, amount="630.00", updated_at="2026-11-22T10:00:00+00:00")
        ),
    )

    # then: the worker took the reversal's task after the commit and, unable to reach
    # Stripe, left it pending (to retry) with the debt in the ledger
    (reversal,) = TransferReversal.objects.all()
    deadline = time.monotonic() + 30
    while TransferReversal.objects.get(pk=reversal.pk).attempts == 0:
        assert time.monotonic() < deadline, "the worker never took the reversal"
        time.sleep(0.2)
    assert TransferReversal.objects.get(pk=reversal.pk).state == ReversalState.PENDING
    assert balances_of(stripe_potter, "EUR")["payable"] == -reversal.amount
    assert dropped_only(
        [r for r in stripe_api.received_requests() if r["path"].endswith("/reversals")]
    )
