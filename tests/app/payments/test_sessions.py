"""The App's answers to Saleor's payment webhooks, signed as Saleor signs them, against the
Stripe stand-in: failures Saleor must record, and requests sent twice."""

import json
from decimal import Decimal
from typing import Any

import pytest
import stripe

from storefront_plugins.payments.models import Payment
from tests.app.saleor_app.test_webhooks import deliver

pytestmark = pytest.mark.django_db

TRANSACTION_ID = "VHJhbnNhY3Rpb25JdGVtOjdlZjQ="
CHECKOUT_ID = "Q2hlY2tvdXQ6MTIz"


def transaction(*requests: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "id": TRANSACTION_ID,
        "pspReference": "",
        "events": [
            {
                "id": event_id,
                "type": kind,
                "createdAt": "2026-11-23T10:00:00+00:00",
                "pspReference": "",
                "amount": {"amount": float(amount), "currency": "MAD"},
            }
            for event_id, kind, amount in requests
        ],
    }


def session_body(amount: str = "250.00", currency: str = "MAD", data: Any = None, **extra) -> bytes:
    return json.dumps(
        {
            "issuedAt": "2026-11-23T10:00:00+00:00",
            "version": "3.23.0",
            "transaction": transaction(),
            "sourceObject": {
                "__typename": "Checkout",
                "id": CHECKOUT_ID,
                "channel": {"slug": "cooperative-safi"},
            },
            "action": {"amount": float(amount), "currency": currency, "actionType": "CHARGE"},
            "data": {"returnUrl": "https://safi.souk.example/return"} if data is None else data,
            "merchantReference": TRANSACTION_ID,
            "idempotencyKey": "k1",
            **extra,
        }
    ).encode()


def send(client, saleor, event: str, body: bytes) -> dict[str, Any]:
    response = deliver(
        client, saleor, body, url=f"/api/webhooks/{event.replace('_', '-')}", event=event
    )
    assert response.status_code == 200, response.content
    answer: dict[str, Any] = response.json()
    return answer


def action_body(kind: str, amount: str, *requests: tuple[str, str, str]) -> bytes:
    return json.dumps(
        {
            "transaction": transaction(*requests),
            "action": {"amount": float(amount), "currency": "MAD", "actionType": kind},
            "grantedRefund": None,
        }
    ).encode()


@pytest.fixture
def paid(client, installation, fake_saleor, stripe_api) -> str:
    """A transaction whose PaymentIntent is paid by Visa: its id."""
    answer = send(client, fake_saleor, "transaction_initialize_session", session_body())
    stripe_api.client().v1.payment_intents.confirm(
        answer["pspReference"], params={"payment_method": "pm_card_visa"}
    )
    return str(answer["pspReference"])


def test_the_gateway_gives_storefronts_the_publishable_key(
    client, installation, fake_saleor, settings
):
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_souk"

    answer = send(client, fake_saleor, "payment_gateway_initialize_session", b'{"amount": 10}')

    assert answer == {"data": {"publishableKey": "pk_test_souk"}}


def test_initializing_creates_a_payment_intent_in_minor_units_and_waits_for_the_shopper(
    client, installation, fake_saleor, stripe_api
):
    answer = send(client, fake_saleor, "transaction_initialize_session", session_body("250.5"))

    intent = stripe_api.client().v1.payment_intents.retrieve(answer["pspReference"])
    assert (intent.amount, intent.currency, intent.capture_method) == (25_050, "mad", "automatic")
    assert answer["result"] == "CHARGE_ACTION_REQUIRED"
    assert Decimal(answer["amount"]) == Decimal("250.50")
    assert answer["data"]["clientSecret"] == intent.client_secret
    payment = Payment.objects.get()
    assert (payment.payment_intent_id, payment.amount, payment.source_id) == (
        intent.id,
        25_050,
        CHECKOUT_ID,
    )


def test_no_card_form_when_the_app_talks_to_stripe_itself(
    client, installation, fake_saleor, stripe_api, settings
):
    from storefront_plugins.payments.intents import talks_to_stand_in

    settings.STRIPE_API_BASE = "https://api.stripe.com"
    assert not talks_to_stand_in()
    settings.STRIPE_API_BASE = stripe_api.url
    assert talks_to_stand_in()


def test_stripe_down_fails_the_session_with_a_reason_and_a_retry_makes_one_intent(
    client, installation, fake_saleor, stripe_api
):
    # given Stripe answers 500 once
    stripe_api.inject_fault("/v1/payment_intents", "error")

    # when Saleor initializes, and the shopper tries the same transaction again
    failed = send(client, fake_saleor, "transaction_initialize_session", session_body())
    retried = send(client, fake_saleor, "transaction_initialize_session", session_body())

    # then the first is a failure Saleor records, the second the one PaymentIntent
    assert failed["result"] == "CHARGE_FAILURE"
    assert "pspReference" not in failed
    assert failed["message"]
    assert retried["result"] == "CHARGE_ACTION_REQUIRED"
    keys = {
        r["idempotency_key"]
        for r in stripe_api.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/payment_intents")
    }
    assert keys == {f"souk-{TRANSACTION_ID}-intent"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (session_body(data={"returnUrl": "/return"}), "returnUrl must be an absolute http(s) URL."),
        (
            session_body(currency="XYZ"),
            "Cannot pay 250.0 XYZ: The currency 'XYZ' is not one payouts know.",
        ),
        (session_body(amount="0"), "There is nothing to pay."),
    ],
)
def test_a_session_that_cannot_be_paid_fails_without_calling_stripe(
    client, installation, fake_saleor, stripe_api, body, message
):
    answer = send(client, fake_saleor, "transaction_initialize_session", body)

    assert (answer["result"], answer["message"]) == ("CHARGE_FAILURE", message)
    assert stripe_api.received_requests() == []


def test_processing_a_transaction_souk_does_not_know_fails(client, installation, fake_saleor):
    answer = send(client, fake_saleor, "transaction_process_session", session_body())

    assert (answer["result"], answer["message"]) == (
        "CHARGE_FAILURE",
        "Souk has no payment for this transaction.",
    )


def test_a_declined_payment_tells_the_storefront_why(client, installation, fake_saleor, stripe_api):
    created = send(client, fake_saleor, "transaction_initialize_session", session_body())
    with pytest.raises(stripe.CardError, match="insufficient funds"):
        stripe_api.client().v1.payment_intents.confirm(
            created["pspReference"],
            params={"payment_method": "pm_card_chargeDeclinedInsufficientFunds"},
        )

    answer = send(client, fake_saleor, "transaction_process_session", session_body())

    assert answer["result"] == "CHARGE_FAILURE"
    assert answer["data"]["paymentError"] == {
        "code": "card_declined",
        "declineCode": "insufficient_funds",
        "message": "Your card has insufficient funds.",
    }


def test_a_refund_request_sent_twice_refunds_once_and_a_new_request_again(
    client, installation, fake_saleor, stripe_api, paid
):
    # when Saleor's refund request ev1 arrives twice, then a second request ev2
    first = send(
        client,
        fake_saleor,
        "transaction_refund_requested",
        action_body("REFUND", "100", ("ev1", "REFUND_REQUEST", "100")),
    )
    again = send(
        client,
        fake_saleor,
        "transaction_refund_requested",
        action_body("REFUND", "100", ("ev1", "REFUND_REQUEST", "100")),
    )
    second = send(
        client,
        fake_saleor,
        "transaction_refund_requested",
        action_body(
            "REFUND", "100", ("ev1", "REFUND_REQUEST", "100"), ("ev2", "REFUND_REQUEST", "100")
        ),
    )

    # then
    assert first == again
    assert (first["result"], Decimal(first["amount"])) == ("REFUND_SUCCESS", Decimal(100))
    assert second["pspReference"] != first["pspReference"]
    charge = stripe_api.client().v1.charges.retrieve(
        stripe_api.client().v1.payment_intents.retrieve(paid).latest_charge
    )
    assert charge.amount_refunded == 20_000


def test_capturing_a_paid_intent_fails_and_says_so(
    client, installation, fake_saleor, stripe_api, paid
):
    answer = send(
        client,
        fake_saleor,
        "transaction_charge_requested",
        action_body("CHARGE", "250", ("ev1", "CHARGE_REQUEST", "250")),
    )

    assert (answer["result"], answer["pspReference"]) == ("CHARGE_FAILURE", paid)
    assert "status of succeeded" in answer["message"]


def test_cancelling_an_unpaid_intent_cancels_it_at_stripe(
    client, installation, fake_saleor, stripe_api
):
    created = send(client, fake_saleor, "transaction_initialize_session", session_body())

    answer = send(
        client,
        fake_saleor,
        "transaction_cancelation_requested",
        action_body("CANCEL", "250", ("ev1", "CANCEL_REQUEST", "250")),
    )

    assert (answer["result"], answer["pspReference"], answer["actions"]) == (
        "CANCEL_SUCCESS",
        created["pspReference"],
        [],
    )
    intent = stripe_api.client().v1.payment_intents.retrieve(created["pspReference"])
    assert intent.status == "canceled"
