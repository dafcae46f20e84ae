"""A shopper pays through Souk's gateway in the sandbox: Saleor's Transactions API calls the
App's sync webhooks, the App creates PaymentIntents at the Stripe stand-in, the shopper pays
on the stand-in's card form, Stripe's events come back to the App and Saleor hears of them
once; the paid order joins its transfer group and is split in the ledger."""

import json
import time
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
import requests
from django.core.management import call_command

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.payments.models import Payment, ReportedEvent
from storefront_plugins.payouts import services
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.saleor_app.models import WebhookDelivery
from storefront_plugins.stripe_gateway.endpoints import set_up_webhook_endpoints
from storefront_plugins.stripe_gateway.models import StripeEvent, WebhookEndpoint
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.shopper import (
    DECLINED,
    RETURN_URL,
    THREE_D_SECURE,
    VISA,
    buy_with_souk,
    checkout_ready,
    complete,
    first_product,
    initialize_souk_payment,
    pay_on_card_form,
    process_souk_payment,
)
from tests.app.e2e.test_webhooks_from_sandbox import wait_for_delivery
from tests.app.stripe_gateway.conftest import sign

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

TRANSACTION = """
query($id: ID!) {
  transaction(id: $id) {
    pspReference actions
    chargedAmount { amount } authorizedAmount { amount } refundedAmount { amount }
    canceledAmount { amount }
    events { type pspReference amount { amount } message }
    order { id chargeStatus authorizeStatus lines { id quantity } }
  }
}
"""
REQUEST_ACTION = """
mutation($id: ID!, $action: TransactionActionEnum!, $amount: PositiveDecimal) {
  transactionRequestAction(id: $id, actionType: $action, amount: $amount) {
    transaction { pspReference } errors { field code message }
  }
}
"""
GRANT = """
mutation($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    grantedRefund { id } errors { field code message }
  }
}
"""
REFUND_GRANTED = """
mutation($granted: ID!) {
  transactionRequestRefundForGrantedRefund(grantedRefundId: $granted) {
    transaction { refundedAmount { amount } } errors { field code message }
  }
}
"""
SYNC_DELIVERIES = """
query {
  apps(first: 20) { edges { node { identifier webhooks {
    syncEvents { eventType }
    eventDeliveries(first: 20) { edges { node {
      payload attempts(first: 1) { edges { node { requestHeaders } } }
    } } }
  } } } }
}
"""


def wait_for(condition: Any, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Timed out waiting for {what}.")


def worker_is_idle() -> bool:
    return not (
        StripeEvent.objects.filter(status="pending").exists()
        or WebhookDelivery.objects.filter(status="pending").exists()
    )


@pytest.fixture
def souk_gateway(celery_worker, stripe_api, seeded_sandbox, app_installed_in_sandbox, live_server):
    """The App installed in the sandbox as its payment app, Stripe's events sent to it.

    Afterwards it waits for the worker to handle what Stripe and Saleor still sent, so that
    the test database is not emptied under a handler's transaction."""
    set_up_webhook_endpoints(live_server.url)
    yield seeded_sandbox
    for _ in range(2):  # idle twice in a row: nothing was on its way
        wait_for(worker_is_idle, "the worker to handle what is left")
        time.sleep(0.5)


@pytest.fixture
def variant_id(souk_gateway) -> str:
    variant: str = first_product(souk_gateway)["variants"][0]["id"]
    return variant


CHANNEL_FLOW = """
mutation($id: ID!, $flow: TransactionFlowStrategyEnum!) {
  channelUpdate(id: $id, input: {paymentSettings: {defaultTransactionFlowStrategy: $flow}}) {
    channel { paymentSettings { defaultTransactionFlowStrategy } } errors { field code message }
  }
}
"""


@pytest.fixture
def authorizing_channel(souk_gateway, staff_token):
    """cooperative-safi authorizes payments (captured later) for one test, as its staff may
    set it (a storefront cannot choose the flow: that needs HANDLE_PAYMENTS)."""
    channel = souk_gateway.graphql(
        'query { channel(slug: "cooperative-safi") { id } }', token=staff_token
    )["data"]["channel"]["id"]

    def set_flow(flow: str) -> None:
        updated = souk_gateway.graphql(
            CHANNEL_FLOW, {"id": channel, "flow": flow}, token=staff_token
        )["data"]["channelUpdate"]
        assert updated["errors"] == [], updated

    set_flow("AUTHORIZATION")
    yield
    set_flow("CHARGE")


def transaction_of(sandbox, transaction_id: str, token: str) -> dict[str, Any]:
    found: dict[str, Any] = sandbox.graphql(TRANSACTION, {"id": transaction_id}, token=token)[
        "data"
    ]["transaction"]
    return found


def event_types(transaction: dict[str, Any]) -> list[str]:
    return [event["type"] for event in transaction["events"]]


def intent(stripe_api, intent_id: str) -> Any:
    return stripe_api.client().v1.payment_intents.retrieve(intent_id)


def test_a_card_payment_pays_the_order_which_joins_its_transfer_group_and_the_ledger(
    souk_gateway, variant_id, stripe_api, staff_token
):
    # given the directory and the provenance of the sandbox's products in the App
    sandbox = souk_gateway
    load_directory_file(DIRECTORY)
    call_command("load_provenance", "--saleor-api-url", sandbox.api_url, stdout=StringIO())
    product = first_product(sandbox)
    contributions = list(
        ProductProvenance.objects.get(saleor_product_id=product["id"]).contributions.all()
    )
    checkout = checkout_ready(sandbox, variant_id)

    # when the storefront starts a payment with Souk's gateway
    initialized = initialize_souk_payment(sandbox, checkout["id"])

    # then Saleor waits for the shopper, with what the storefront needs to collect the card
    data = initialized["data"]
    assert initialized["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert set(data) == {"paymentIntent", "clientSecret", "publishableKey", "cardFormUrl"}
    assert data["cardFormUrl"].startswith(f"{stripe_api.url}/card_form/{data['paymentIntent']}?")
    created = intent(stripe_api, data["paymentIntent"])
    transaction_id = initialized["transaction"]["id"]
    total = Decimal(str(checkout["totalPrice"]["gross"]["amount"]))
    assert (created.amount, created.currency, created.capture_method) == (
        int(total * 100),
        "mad",
        "automatic",
    )
    assert created.metadata.to_dict() == {
        "saleor_transaction_id": transaction_id,
        "saleor_checkout_id": checkout["id"],
        "saleor_channel": "cooperative-safi",
    }

    # when the shopper pays on the card form, comes back, and the storefront completes
    paid = pay_on_card_form(data["cardFormUrl"], VISA)
    processed = process_souk_payment(sandbox, transaction_id)
    order = complete(sandbox, checkout["id"])

    # then Stripe's return parameters come back, and Saleor has the charge, once
    assert paid.redirect_status == "succeeded"
    assert paid.return_url.startswith(f"{RETURN_URL}&payment_intent={data['paymentIntent']}&")
    assert processed["transactionEvent"] == {
        "type": "CHARGE_SUCCESS",
        "message": "",
        "pspReference": data["paymentIntent"],
    }
    assert order["chargeStatus"] == "FULL"
    wait_for(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded", status="handled"
        ).exists(),
        "payment_intent.succeeded",
    )
    transaction = transaction_of(sandbox, transaction_id, staff_token)
    assert Decimal(str(transaction["chargedAmount"]["amount"])) == total
    assert {
        (e["pspReference"], Decimal(str(e["amount"]["amount"])))
        for e in transaction["events"]
        if e["type"] == "CHARGE_SUCCESS"
    } == {(data["paymentIntent"], total)}
    assert (transaction["pspReference"], transaction["actions"]) == (
        data["paymentIntent"],
        ["REFUND"],
    )

    # and the paid order groups the PaymentIntent with payouts' transfers, and is split
    paid_delivery = wait_for_delivery("ORDER_FULLY_PAID", mentioning=order["id"])
    assert paid_delivery.status == WebhookDelivery.Status.HANDLED, paid_delivery.last_error
    wait_for(  # a task after the delivery's transaction: Stripe is never called inside it
        lambda: (
            Payment.objects.get(saleor_transaction_id=transaction_id).transfer_group == order["id"]
        ),
        "the PaymentIntent grouped with the order",
    )
    assert intent(stripe_api, data["paymentIntent"]).transfer_group == order["id"]
    for contribution in contributions:
        assert sum(b.held for b in services.artisan_balances(contribution.artisan_id)) > 0


def test_a_declined_card_fails_the_payment_and_the_shopper_pays_again(
    souk_gateway, variant_id, stripe_api, staff_token
):
    # given
    sandbox = souk_gateway
    checkout = checkout_ready(sandbox, variant_id)
    first = initialize_souk_payment(sandbox, checkout["id"])

    # when the card is declined
    declined = pay_on_card_form(first["data"]["cardFormUrl"], DECLINED)
    failed = process_souk_payment(sandbox, first["transaction"]["id"])

    # then Saleor records why, and the checkout cannot be completed
    assert declined.redirect_status == "failed"
    assert failed["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert failed["transactionEvent"]["message"] == "Your card was declined. (generic_decline)"
    refused = sandbox.graphql(
        "mutation($id: ID!) { checkoutComplete(id: $id) { order { id } errors { code } } }",
        {"id": checkout["id"]},
    )["data"]["checkoutComplete"]
    assert refused["order"] is None

    # when the shopper tries again with another card
    second = initialize_souk_payment(sandbox, checkout["id"])
    pay_on_card_form(second["data"]["cardFormUrl"], VISA)
    charged = process_souk_payment(sandbox, second["transaction"]["id"])

    # then a new PaymentIntent pays the order
    assert second["data"]["paymentIntent"] != first["data"]["paymentIntent"]
    assert charged["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert complete(sandbox, checkout["id"])["chargeStatus"] == "FULL"


@pytest.mark.parametrize(
    ("answer", "redirect_status", "saleor_event", "intent_status"),
    [
        ("complete", "succeeded", "CHARGE_SUCCESS", "succeeded"),
        ("fail", "failed", "CHARGE_FAILURE", "requires_payment_method"),
    ],
)
def test_three_d_secure_on_the_challenge_page_decides_the_payment(
    souk_gateway, variant_id, stripe_api, answer, redirect_status, saleor_event, intent_status
):
    # given
    sandbox = souk_gateway
    checkout = checkout_ready(sandbox, variant_id)
    initialized = initialize_souk_payment(sandbox, checkout["id"])

    # when the card asks for 3-D Secure and the shopper completes or fails it
    result = pay_on_card_form(
        initialized["data"]["cardFormUrl"], THREE_D_SECURE, three_d_secure=answer
    )
    processed = process_souk_payment(sandbox, initialized["transaction"]["id"])

    # then
    assert result.redirect_status == redirect_status
    assert processed["transactionEvent"]["type"] == saleor_event
    assert intent(stripe_api, initialized["data"]["paymentIntent"]).status == intent_status


def test_an_authorization_is_captured_when_staff_charge_the_order(
    souk_gateway, authorizing_channel, variant_id, stripe_api, staff_token
):
    # given an order paid by an authorization
    sandbox = souk_gateway
    checkout = checkout_ready(sandbox, variant_id)
    initialized = initialize_souk_payment(sandbox, checkout["id"])
    pay_on_card_form(initialized["data"]["cardFormUrl"], VISA)
    authorized = process_souk_payment(sandbox, initialized["transaction"]["id"])
    order = complete(sandbox, checkout["id"])
    intent_id = initialized["data"]["paymentIntent"]
    assert authorized["transactionEvent"]["type"] == "AUTHORIZATION_SUCCESS"
    assert sorted(authorized["transaction"]["actions"]) == ["CANCEL", "CHARGE"]
    assert intent(stripe_api, intent_id).status == "requires_capture"
    assert order["chargeStatus"] == "NONE"

    # when staff charge it in Saleor
    charged = sandbox.graphql(
        REQUEST_ACTION,
        {"id": initialized["transaction"]["id"], "action": "CHARGE"},
        token=staff_token,
    )["data"]["transactionRequestAction"]

    # then Stripe captures it and Saleor has the order paid
    assert charged["errors"] == []
    assert intent(stripe_api, intent_id).status == "succeeded"
    transaction = transaction_of(sandbox, initialized["transaction"]["id"], staff_token)
    assert transaction["order"]["chargeStatus"] == "FULL"
    assert transaction["authorizedAmount"]["amount"] == 0
    captures = [r for r in stripe_api.received_requests() if r["path"].endswith("/capture")]
    assert len(captures) == 1
    assert captures[0]["idempotency_key"].startswith("souk-")


def test_an_authorization_cancelled_by_staff_is_released_at_stripe(
    souk_gateway, authorizing_channel, variant_id, stripe_api, staff_token
):
    # given
    sandbox = souk_gateway
    checkout = checkout_ready(sandbox, variant_id)
    initialized = initialize_souk_payment(sandbox, checkout["id"])
    pay_on_card_form(initialized["data"]["cardFormUrl"], VISA)
    process_souk_payment(sandbox, initialized["transaction"]["id"])
    complete(sandbox, checkout["id"])

    # when
    cancelled = sandbox.graphql(
        REQUEST_ACTION,
        {"id": initialized["transaction"]["id"], "action": "CANCEL"},
        token=staff_token,
    )["data"]["transactionRequestAction"]

    # then
    assert cancelled["errors"] == []
    assert intent(stripe_api, initialized["data"]["paymentIntent"]).status == "canceled"
    transaction = transaction_of(sandbox, initialized["transaction"]["id"], staff_token)
    assert "CANCEL_SUCCESS" in event_types(transaction)
    assert (transaction["authorizedAmount"]["amount"], transaction["actions"]) == (0, [])


def test_a_refund_granted_in_saleor_is_refunded_at_stripe_and_reversed_in_the_ledger(
    souk_gateway, variant_id, stripe_api, staff_token
):
    # given a paid order split in the ledger
    sandbox = souk_gateway
    load_directory_file(DIRECTORY)
    call_command("load_provenance", "--saleor-api-url", sandbox.api_url, stdout=StringIO())
    product = first_product(sandbox)
    contributions = list(
        ProductProvenance.objects.get(saleor_product_id=product["id"]).contributions.all()
    )
    order, transaction_id = buy_with_souk(sandbox, variant_id)
    wait_for_delivery("ORDER_FULLY_PAID", mentioning=order["id"])
    details = transaction_of(sandbox, transaction_id, staff_token)
    line = details["order"]["lines"][0]

    # when staff grant a refund of the line and refund it through Souk
    grant = sandbox.graphql(
        GRANT,
        {
            "id": order["id"],
            "input": {
                "lines": [{"id": line["id"], "quantity": line["quantity"]}],
                "transactionId": transaction_id,
            },
        },
        token=staff_token,
    )["data"]["orderGrantRefundCreate"]
    refunded = sandbox.graphql(
        REFUND_GRANTED, {"granted": grant["grantedRefund"]["id"]}, token=staff_token
    )["data"]["transactionRequestRefundForGrantedRefund"]

    # then Stripe refunds it, once, and Saleor and the ledger know
    assert (grant["errors"], refunded["errors"]) == ([], [])
    intent_id = details["pspReference"]
    [refund] = (
        stripe_api.client()
        .v1.charges.retrieve(intent(stripe_api, intent_id).latest_charge)
        .refunds.data
    )
    assert refund.metadata.to_dict() == {
        "saleor_transaction_id": transaction_id,
        "saleor_granted_refund_id": grant["grantedRefund"]["id"],
    }
    assert (
        Decimal(str(refunded["transaction"]["refundedAmount"]["amount"]))
        == Decimal(refund.amount) / 100
    )
    reversed_ = wait_for_delivery("ORDER_REFUNDED", mentioning=order["id"])
    assert reversed_.status == WebhookDelivery.Status.HANDLED, reversed_.last_error
    wait_for(
        lambda: all(
            sum(b.held for b in services.artisan_balances(c.artisan_id)) == 0 for c in contributions
        ),
        "the artisans' shares reversed",
    )
    wait_for(
        lambda: StripeEvent.objects.filter(type="charge.refunded", status="handled").exists(),
        "charge.refunded",
    )
    transaction = transaction_of(sandbox, transaction_id, staff_token)
    assert {
        (e["pspReference"], Decimal(str(e["amount"]["amount"])))
        for e in transaction["events"]
        if e["type"] == "REFUND_SUCCESS"
    } == {(refund.id, Decimal(refund.amount) / 100)}
    assert Decimal(str(transaction["refundedAmount"]["amount"])) == Decimal(refund.amount) / 100


def _sync_delivery(sandbox, staff_token: str, event_type: str) -> tuple[bytes, dict[str, str]]:
    """The body and headers Saleor sent for the App's last `event_type` sync webhook."""
    apps = sandbox.graphql(SYNC_DELIVERIES, token=staff_token)["data"]["apps"]["edges"]
    for app in apps:
        for webhook in app["node"]["webhooks"] or []:
            if {"eventType": event_type} in webhook["syncEvents"]:
                delivery = webhook["eventDeliveries"]["edges"][0]["node"]
                attempt = delivery["attempts"]["edges"][0]["node"]
                return delivery["payload"].encode(), json.loads(attempt["requestHeaders"])
    raise AssertionError(f"No {event_type} delivery.")


def test_a_redelivered_sync_webhook_does_not_charge_twice(
    souk_gateway, variant_id, stripe_api, staff_token, live_server
):
    # given a payment started and paid
    sandbox = souk_gateway
    checkout = checkout_ready(sandbox, variant_id)
    initialized = initialize_souk_payment(sandbox, checkout["id"])
    pay_on_card_form(initialized["data"]["cardFormUrl"], VISA)
    body, headers = _sync_delivery(sandbox, staff_token, "TRANSACTION_INITIALIZE_SESSION")

    # when the same signed TRANSACTION_INITIALIZE_SESSION reaches the App again
    again = requests.post(
        f"{live_server.url}/api/webhooks/transaction-initialize-session",
        data=body,
        headers=headers,
        timeout=10,
    )

    # then it answers with the same, paid PaymentIntent: no second one
    assert again.status_code == 200, again.text
    answer = again.json()
    assert answer["pspReference"] == initialized["data"]["paymentIntent"]
    assert answer["result"] == "CHARGE_SUCCESS"
    creations = [
        r
        for r in stripe_api.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/payment_intents")
    ]
    assert len(creations) == 1
    assert Payment.objects.count() == 1


def test_a_redelivered_stripe_event_is_reported_to_saleor_once(
    souk_gateway, variant_id, stripe_api, staff_token, live_server
):
    # given a payment whose payment_intent.succeeded the App handled
    sandbox = souk_gateway
    _order, transaction_id = buy_with_souk(sandbox, variant_id)
    wait_for(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded", status="handled"
        ).exists(),
        "payment_intent.succeeded",
    )
    event = StripeEvent.objects.get(type="payment_intent.succeeded")
    reported = ReportedEvent.objects.count()
    events_before = event_types(transaction_of(sandbox, transaction_id, staff_token))

    # when Stripe delivers it again
    secret = WebhookEndpoint.objects.get(scope="platform").secret
    again = requests.post(
        f"{live_server.url}/api/stripe/webhooks",
        data=event.body.encode(),
        headers={
            "Stripe-Signature": sign(event.body.encode(), secret),
            "Content-Type": "application/json",
        },
        timeout=10,
    )

    # then it is acknowledged and not reported again
    assert again.status_code == 200, again.text
    assert StripeEvent.objects.filter(type="payment_intent.succeeded").count() == 1
    assert ReportedEvent.objects.count() == reported
    wait_for(worker_is_idle, "the worker to be idle")
    assert event_types(transaction_of(sandbox, transaction_id, staff_token)) == events_before


def test_a_refund_that_fails_later_at_stripe_is_no_longer_counted_in_saleor(
    souk_gateway, variant_id, stripe_api, staff_token
):
    # given a paid order refunded in part by staff through Souk
    sandbox = souk_gateway
    _order, transaction_id = buy_with_souk(sandbox, variant_id)
    refunded = sandbox.graphql(
        REQUEST_ACTION,
        {"id": transaction_id, "action": "REFUND", "amount": 10},
        token=staff_token,
    )["data"]["transactionRequestAction"]
    assert refunded["errors"] == []
    refund = next(
        e
        for e in transaction_of(sandbox, transaction_id, staff_token)["events"]
        if e["type"] == "REFUND_SUCCESS"
    )
    assert refund["pspReference"].startswith("re_")

    # when the card's bank refuses the refund later
    stripe_api.control("POST", f"refunds/{refund['pspReference']}/fail")

    # then Stripe's refund.failed reaches Saleor, which no longer counts the refund
    wait_for(
        lambda: StripeEvent.objects.filter(type="refund.failed", status="handled").exists(),
        "refund.failed",
    )
    transaction = transaction_of(sandbox, transaction_id, staff_token)
    failure = [e for e in transaction["events"] if e["type"] == "REFUND_FAILURE"]
    assert [(e["pspReference"], e["amount"]["amount"]) for e in failure] == [
        (refund["pspReference"], 10)
    ]
    assert failure[0]["message"] == "The refund failed (expired_or_canceled_card)."
    assert transaction["refundedAmount"]["amount"] == 0


GATEWAY_INITIALIZE = """
mutation($id: ID!) {
  paymentGatewayInitialize(id: $id, paymentGateways: [{id: "souk"}]) {
    gatewayConfigs { id data errors { field code message } }
    errors { field code message }
  }
}
"""


def test_the_storefront_gets_the_publishable_key_from_souks_gateway(
    souk_gateway, variant_id, settings
):
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_souk_e2e"
    checkout = checkout_ready(souk_gateway, variant_id)

    initialized = souk_gateway.graphql(GATEWAY_INITIALIZE, {"id": checkout["id"]})["data"][
        "paymentGatewayInitialize"
    ]

    assert initialized["errors"] == []
    assert initialized["gatewayConfigs"] == [
        {"id": "souk", "data": {"publishableKey": "pk_test_souk_e2e"}, "errors": []}
    ]


def test_a_refund_requested_by_staff_reaches_stripe_and_reverses_the_ledger(
    souk_gateway, variant_id, stripe_api, staff_token
):
    # given a paid order split in the ledger
    sandbox = souk_gateway
    load_directory_file(DIRECTORY)
    call_command("load_provenance", "--saleor-api-url", sandbox.api_url, stdout=StringIO())
    product = first_product(sandbox)
    contributions = list(
        ProductProvenance.objects.get(saleor_product_id=product["id"]).contributions.all()
    )
    order, transaction_id = buy_with_souk(sandbox, variant_id)
    wait_for_delivery("ORDER_FULLY_PAID", mentioning=order["id"])
    charged = transaction_of(sandbox, transaction_id, staff_token)["chargedAmount"]["amount"]

    # when staff refund the whole transaction in Saleor
    refunded = sandbox.graphql(
        REQUEST_ACTION, {"id": transaction_id, "action": "REFUND"}, token=staff_token
    )["data"]["transactionRequestAction"]

    # then Stripe refunds the charge and the ledger reverses every share
    assert refunded["errors"] == []
    intent_id = transaction_of(sandbox, transaction_id, staff_token)["pspReference"]
    charge = stripe_api.client().v1.charges.retrieve(intent(stripe_api, intent_id).latest_charge)
    assert (charge.refunded, Decimal(charge.amount_refunded) / 100) == (
        True,
        Decimal(str(charged)),
    )
    delivery = wait_for_delivery("ORDER_FULLY_REFUNDED", mentioning=order["id"])
    assert delivery.status == WebhookDelivery.Status.HANDLED, delivery.last_error
    wait_for(
        lambda: all(
            sum(b.held for b in services.artisan_balances(c.artisan_id)) == 0 for c in contributions
        ),
        "the artisans' shares reversed",
    )
