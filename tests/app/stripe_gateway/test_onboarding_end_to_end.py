"""Onboarding end to end: the App creates the account and its link, the artisan submits
Stripe's hosted page, Stripe's signed account.updated reaches the App over HTTP and the
real Celery worker marks the account able to receive transfers."""

import time

import pytest
import requests

from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.stripe_gateway.connect import (
    connected_account_for,
    create_or_get_express_account,
    onboarding_link,
)
from storefront_plugins.stripe_gateway.endpoints import set_up_webhook_endpoints
from storefront_plugins.stripe_gateway.models import StripeEvent

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

COOPERATIVE = Party(PartyKind.COOPERATIVE, 12)


def wait_until_handled(event_type: str, timeout: float = 30.0) -> StripeEvent:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = StripeEvent.objects.filter(type=event_type).first()
        if event is not None and event.status != StripeEvent.Status.PENDING:
            return event
        time.sleep(0.1)
    raise AssertionError(f"No {event_type} handled in {timeout} s.")


def test_completing_stripes_onboarding_page_activates_transfers(
    stripe_api, live_server, celery_worker
):
    # given the App's endpoints registered, an account and its onboarding link
    set_up_webhook_endpoints(live_server.url)
    account = create_or_get_express_account(COOPERATIVE, "export@coop-safi.example", "FR")
    link = onboarding_link(
        COOPERATIVE, f"{live_server.url}/payouts/stripe/return", f"{live_server.url}/refresh"
    )
    page = requests.get(link.url, timeout=10)

    # when the manager submits the hosted form, as a browser would
    submitted = requests.post(link.url, allow_redirects=False, timeout=10)

    # then Stripe sends them back, and its signed event reaches the App and is handled
    assert page.status_code == 200
    assert "<form method='post'" in page.text
    assert (submitted.status_code, submitted.headers["Location"]) == (
        303,
        f"{live_server.url}/payouts/stripe/return",
    )
    (delivery,) = stripe_api.wait_for_deliveries(1)
    assert (delivery["type"], delivery["status"], delivery["succeeded"]) == (
        "account.updated",
        200,
        True,
    )
    event = wait_until_handled("account.updated")
    assert (event.status, event.account) == (StripeEvent.Status.HANDLED, account.stripe_account_id)
    state = connected_account_for(COOPERATIVE)
    assert state is not None
    assert (state.status, state.can_receive_transfers, state.details_submitted) == (
        "active",
        True,
        True,
    )
    assert (state.charges_enabled, state.payouts_enabled, state.requirements_due) == (
        True,
        True,
        (),
    )
