"""The Stripe Connect rail against the project's Stripe stand-in over HTTP: a transfer to the
artisan's connected account with the run's transfer_group and the payout's key as
Idempotency-Key; a worker killed between Stripe's answer and the ledger write, 500s, timeouts
and dropped connections (the stand-in's fault injection) never pay twice and never lose a
payout: the reconciliation asks Stripe and settles it."""

from datetime import datetime, timedelta

import pytest
import requests
from django.utils import timezone

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts import payout_flow
from storefront_plugins.payouts.models import Payout, PayoutState, Rail
from storefront_plugins.payouts.rails.base import OutcomeStatus, PayoutInstruction
from storefront_plugins.payouts.rails.registry import rail_for
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from storefront_plugins.stripe_gateway.client import stripe_client
from storefront_plugins.stripe_gateway.connect import (
    create_or_get_express_account,
    onboarding_link,
    refresh_connected_account,
)
from tests.app.payouts.conftest import balances_of, credit_payable, ledger_sum, method
from tests.stripe_sandbox.flows import available, paid_intent
from tests.stripe_sandbox.server import StripeSandbox

AMOUNT = 12_345  # EUR cents


def later() -> datetime:
    return timezone.now() + timedelta(hours=2)


@pytest.fixture
def onboarded(stripe_api: StripeSandbox, members: list[Party]) -> str:
    """The first member's Express account, onboarded (transfers active); the platform's
    balance funded by a paid PaymentIntent."""
    party = members[0]
    create_or_get_express_account(party, "potier@souk.example", "FR")
    link = onboarding_link(party, "http://127.0.0.1/return", "http://127.0.0.1/refresh")
    requests.post(link.url, allow_redirects=False, timeout=10).raise_for_status()
    state = refresh_connected_account(party)
    assert state is not None
    assert state.can_receive_transfers
    paid_intent(stripe_client(), 100_000, "eur")
    return state.stripe_account_id


@pytest.fixture
def payout(safi: Cooperative, members: list[Party], onboarded: str) -> Payout:
    credit_payable(members[0], AMOUNT, currency="EUR")
    method(members[0], Rail.STRIPE_CONNECT)
    return start_payout_run(safi.pk, "EUR", None).payouts[0]


def transfer_posts(stand_in: StripeSandbox) -> list[tuple[str | None, str | None]]:
    """(Idempotency-Key, fault) of every POST /v1/transfers the stand-in received."""
    return [
        (r["idempotency_key"], r["fault"])
        for r in stand_in.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/transfers")
    ]


def transfers_to(account: str) -> list[dict[str, object]]:
    listed = stripe_client().v1.transfers.list(params={"destination": account, "limit": 100})
    return [t.to_dict() for t in listed.data]


def test_a_payout_is_a_transfer_to_the_connected_account(
    payout: Payout, onboarded: str, members: list[Party]
) -> None:
    # when
    result = payout_flow.submit_payout(payout.pk)

    # then
    assert result.state == PayoutState.PAID
    (transfer,) = transfers_to(onboarded)
    assert (transfer["amount"], transfer["currency"]) == (AMOUNT, "eur")
    assert transfer["transfer_group"] == f"souk-payout-run-{payout.run_id}"
    assert transfer["metadata"]["souk_payout_key"] == payout.idempotency_key  # type: ignore[index]
    assert Payout.objects.get(pk=payout.pk).external_reference == transfer["id"]
    assert available(stripe_client(), "eur", onboarded) == AMOUNT
    assert balances_of(members[0], "EUR") == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_a_worker_killed_after_stripe_answered_is_settled_not_paid_again(
    payout: Payout, onboarded: str, stripe_api: StripeSandbox
) -> None:
    # given: Stripe made the transfer; the worker died before the ledger write
    instruction = payout_flow._begin_submission(payout.pk)
    assert instruction is not None
    rail_for(Rail.STRIPE_CONNECT.value).submit(instruction)

    # when: the task is redelivered, then the reconciliation passes
    payout_flow.submit_payout(payout.pk)
    results = payout_flow.reconcile_payouts(later())

    # then
    assert [(r.from_state, r.state) for r in results] == [("submitted", "paid")]
    assert len(transfers_to(onboarded)) == 1
    assert len(transfer_posts(stripe_api)) == 1


@pytest.mark.parametrize(
    ("kind", "after_effect", "posts"),
    [
        ("error", False, 2),  # a 500: nothing done, sent again with the same key
        ("drop", False, 2),  # connection closed before Stripe acted
        ("drop", True, 1),  # Stripe made the transfer, the answer was lost: found by check
        ("timeout", True, 1),  # answered after the client gave up: found by check
    ],
)
def test_stripe_faults_leave_the_payout_submitted_and_the_reconciliation_pays_it_once(
    payout: Payout,
    onboarded: str,
    stripe_api: StripeSandbox,
    settings: object,
    kind: str,
    after_effect: bool,
    posts: int,
) -> None:
    # given
    settings.STRIPE_REQUEST_TIMEOUT = 1.0  # type: ignore[attr-defined]
    stripe_api.inject_fault("/v1/transfers", kind, seconds=3, after_effect=after_effect)

    # when
    submitted = payout_flow.submit_payout(payout.pk)
    reconciled = payout_flow.reconcile_payouts(later())

    # then
    assert submitted.state == PayoutState.SUBMITTED
    assert [r.state for r in reconciled] == [PayoutState.PAID]
    assert len(transfers_to(onboarded)) == 1
    assert available(stripe_client(), "eur", onboarded) == AMOUNT
    sent = transfer_posts(stripe_api)
    assert len(sent) == posts
    assert {key for key, _ in sent} == {payout.idempotency_key}
    assert sent[0][1] == kind


def test_a_party_without_an_onboarded_account_is_skipped_and_keeps_its_money(
    safi: Cooperative, members: list[Party], onboarded: str, stripe_api: StripeSandbox
) -> None:
    # given: both chose Stripe Connect; the second never finished onboarding
    create_or_get_express_account(members[1], "brodeuse@souk.example", "FR")
    for party in members[:2]:
        credit_payable(party, AMOUNT, currency="EUR")
        method(party, Rail.STRIPE_CONNECT)

    # when
    result = start_payout_run(safi.pk, "EUR", None)

    # then
    assert [p.party_id for p in result.payouts] == [members[0].id]
    assert result.skipped == (members[1],)
    assert balances_of(members[1], "EUR") == {"payable": AMOUNT, "payouts_in_transit": 0}


def test_the_rail_refuses_a_party_whose_account_cannot_receive_transfers(
    safi: Cooperative, members: list[Party], stripe_api: StripeSandbox
) -> None:
    # given: an account whose onboarding is not finished (or was deactivated since the run)
    create_or_get_express_account(members[1], "brodeuse@souk.example", "FR")
    instruction = PayoutInstruction(
        payout_id=1,
        run_id=1,
        party=members[1],
        currency="EUR",
        amount=AMOUNT,
        idempotency_key="souk-payout-1-artisan-1",
        transfer_group="souk-payout-run-1",
        holder_name="",
        rib="",
        wallet_number="",
    )

    # when
    outcome = rail_for(Rail.STRIPE_CONNECT.value).submit(instruction)

    # then
    assert (outcome.status, outcome.message) == (
        OutcomeStatus.FAILED,
        "No Stripe account able to receive transfers.",
    )
    assert transfer_posts(stripe_api) == []


def test_a_transfer_stripe_refuses_fails_the_payout_and_the_money_is_payable_again(
    safi: Cooperative, members: list[Party], onboarded: str, stripe_api: StripeSandbox
) -> None:
    # given: more than the platform's Stripe balance (100,000 cents)
    credit_payable(members[0], 150_000, currency="EUR")
    method(members[0], Rail.STRIPE_CONNECT)
    payout = start_payout_run(safi.pk, "EUR", None).payouts[0]

    # when
    result = payout_flow.submit_payout(payout.pk)

    # then
    assert result.state == PayoutState.FAILED
    assert transfers_to(onboarded) == []
    assert balances_of(members[0], "EUR") == {"payable": 150_000, "payouts_in_transit": 0}
    assert ledger_sum() == 0
