"""The stand-in against Stripe itself: every parameter it accepts is one stripe-python's
typed parameter classes declare, and every object it returns has the shape of Stripe's
example object of that resource."""

import re
from typing import Any

import pytest
import requests
import stripe

from stripe_sandbox.resources.accounts import CAPABILITIES
from stripe_sandbox.server import ROUTES
from tests.stripe_sandbox.flows import onboarded_account, paid_intent
from tests.stripe_sandbox.server import API_KEY
from tests.stripe_sandbox.shapes import shape_differences, stripe_example, undeclared_fields

API_ROUTES = [route for route in ROUTES if route.api]


def declared_fields(class_name: str) -> set[str]:
    params_class = getattr(stripe.params, class_name)
    return set(params_class.__required_keys__ | params_class.__optional_keys__)


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_every_accepted_parameter_is_declared_by_stripe_python(route):
    # given
    assert route.stripe_params is not None, "each API route names its stripe.params class"

    # when
    undeclared = route.accepts - declared_fields(route.stripe_params)

    # then
    assert undeclared == set()


def test_requestable_capabilities_are_stripes():
    # when
    undeclared = CAPABILITIES - declared_fields("AccountCreateParamsCapabilities")

    # then
    assert undeclared == set()


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_every_route_refuses_an_unknown_parameter(sandbox, route):
    # given
    path = re.sub(r"\{\w+\}", "x_1", route.pattern)

    # when
    response = requests.request(
        route.method,
        f"{sandbox.url}{path}",
        params={"bogus": "1"} if route.method != "POST" else None,
        data={"bogus": "1"} if route.method == "POST" else None,
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=10,
    )

    # then
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parameter_unknown"
    assert response.json()["error"]["param"] == "bogus"


def raw(client: stripe.StripeClient, obj: stripe.StripeObject) -> dict[str, Any]:
    """The object exactly as the stand-in sent it."""
    assert obj.last_response is not None
    body = obj.last_response.data
    assert isinstance(body, dict)
    return body


RESOURCE_CLASSES: dict[str, type] = {
    "account": stripe.Account,
    "account_link": stripe.AccountLink,
    "balance": stripe.Balance,
    "balance_transaction": stripe.BalanceTransaction,
    "charge": stripe.Charge,
    "event": stripe.Event,
    "payment_intent": stripe.PaymentIntent,
    "refund": stripe.Refund,
    "transfer": stripe.Transfer,
    "transfer_reversal": stripe.TransferReversal,
    "webhook_endpoint": stripe.WebhookEndpoint,
}


def assert_shape(resource: str, ours: dict[str, Any]) -> None:
    """Stripe's example object's keys and value types; below the top level, only fields
    stripe-python's resource class declares (the example stubs some sub-objects)."""
    assert ours["object"] == resource
    assert shape_differences(stripe_example(resource), ours) == []
    assert undeclared_fields(RESOURCE_CLASSES[resource], ours) == []


def test_accounts_and_account_links_have_stripes_shape(sandbox, client):
    # given
    account = client.v1.accounts.create(
        params={"type": "express", "capabilities": {"transfers": {"requested": True}}}
    )
    link = client.v1.account_links.create(
        params={"account": account.id, "type": "account_onboarding"}
    )
    onboarded = onboarded_account(sandbox, client)

    # then
    assert_shape("account", raw(client, account))
    assert_shape("account_link", raw(client, link))
    assert_shape("account", raw(client, onboarded))


def test_payments_and_refunds_have_stripes_shape(client):
    # given
    intent = paid_intent(client, 5_000, transfer_group="order_1")
    charge = client.v1.charges.retrieve(intent.latest_charge)
    refund = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 100})
    transaction = client.v1.balance_transactions.retrieve(charge.balance_transaction)
    needs_action = client.v1.payment_intents.create(
        params={
            "amount": 100,
            "currency": "eur",
            "payment_method": "pm_card_threeDSecure2Required",
            "confirm": True,
            "return_url": "https://shop.souk.example/done",
        }
    )
    with pytest.raises(stripe.CardError):
        client.v1.payment_intents.create(
            params={
                "amount": 100,
                "currency": "eur",
                "payment_method": "pm_card_chargeDeclined",
                "confirm": True,
            }
        )

    # then
    assert_shape("payment_intent", raw(client, intent))
    assert_shape("payment_intent", raw(client, needs_action))
    assert_shape("charge", raw(client, charge))
    assert_shape("refund", raw(client, refund))
    assert_shape("balance_transaction", raw(client, transaction))
    assert_shape("balance", raw(client, client.v1.balance.retrieve()))


def test_transfers_reversals_endpoints_and_events_have_stripes_shape(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    transfer = client.v1.transfers.create(
        params={"amount": 1_000, "currency": "eur", "destination": account.id}
    )
    reversal = client.v1.transfers.reversals.create(transfer.id, params={"amount": 100})
    endpoint = client.v1.webhook_endpoints.create(
        params={"url": "http://127.0.0.1:9/hooks", "enabled_events": ["transfer.created"]}
    )
    platform_event = client.v1.events.list(params={"type": "transfer.created"}).data[0]
    connect_event = client.v1.events.list(params={"type": "account.updated"}).data[0]

    # then
    assert_shape("transfer", raw(client, client.v1.transfers.retrieve(transfer.id)))
    assert_shape("transfer_reversal", raw(client, reversal))
    assert_shape("webhook_endpoint", raw(client, client.v1.webhook_endpoints.retrieve(endpoint.id)))
    assert set(raw(client, endpoint)) == set(stripe_example("webhook_endpoint")) | {"secret"}
    for event, extra in ((platform_event, set()), (connect_event, {"account"})):
        ours = raw(client, client.v1.events.retrieve(event.id))
        example = stripe_example("event")
        assert set(ours) == set(example) | extra
        without_data = {key: value for key, value in ours.items() if key not in ("data", "account")}
        assert shape_differences({**example, "data": None}, {**without_data, "data": None}) == []
        assert set(ours["data"]) <= {"object", "previous_attributes"}
        assert undeclared_fields(stripe.Event, ours) == []
        assert_shape(ours["data"]["object"]["object"], ours["data"]["object"])
