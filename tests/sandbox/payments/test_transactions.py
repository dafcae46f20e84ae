import json
from decimal import Decimal

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from hypothesis import given
from hypothesis import strategies as st
from jwt.algorithms import RSAAlgorithm

from saleor_sandbox import keys
from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import Stock, Webhook
from saleor_sandbox.services.checkout_calculations import LinePrice, checkout_totals
from tests.sandbox.checkout.fixtures import ADDRESS_MA, make_shipping, make_variant, variant_id
from tests.sandbox.conftest import make_app

CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { code } }
}
"""
DELIVERY = """
mutation D($id: ID!, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) { errors { code } } }
"""
INITIALIZE = """
mutation Init($id: ID!, $gateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal) {
  transactionInitialize(id: $id, paymentGateway: $gateway, amount: $amount) {
    transaction { pspReference chargedAmount { amount } actions }
    transactionEvent { type message amount { amount } }
    data
    errors { field code message }
  }
}
"""
COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) {
    order { id number status chargeStatus isPaid total { gross { amount } } totalCharged { amount }
            lines { productName quantity unitPrice { gross { amount } } } }
    errors { field code message }
  }
}
"""
SESSION_QUERY = """
subscription { event { ... on TransactionInitializeSession {
  __typename action { amount currency actionType } data idempotencyKey merchantReference
  sourceObject { __typename ... on Checkout { id } }
} } }
"""


def _ready_checkout(gql, channel, price="100", quantity=2):
    variant = make_variant(channel, price=price)
    method = make_shipping(channel, price="30")
    input = {
        "channel": "safi",
        "email": "client@souk.example",
        "lines": [{"variantId": variant_id(variant), "quantity": quantity}],
        "shippingAddress": ADDRESS_MA,
        "billingAddress": ADDRESS_MA,
    }
    checkout_id = gql(CREATE, {"input": input})["data"]["checkoutCreate"]["checkout"]["id"]
    gql(DELIVERY, {"id": checkout_id, "m": to_global_id("ShippingMethod", method.pk)})
    return checkout_id, variant


def test_the_test_gateway_charges_at_once_and_the_checkout_completes_paid(gql, channel):
    # given
    checkout_id, variant = _ready_checkout(gql, channel)

    # when
    paid = gql(INITIALIZE, {"id": checkout_id, "gateway": {"id": "saleor.io.dummy-payment-app"}})
    completed = gql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    again = gql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    init = paid["data"]["transactionInitialize"]
    assert init["errors"] == []
    assert init["transaction"]["chargedAmount"] == {"amount": 230.0}
    assert init["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert completed["errors"] == []
    order = completed["order"]
    assert (order["status"], order["chargeStatus"], order["isPaid"]) == (
        "UNFULFILLED",
        "FULL",
        True,
    )
    assert order["total"]["gross"]["amount"] == 230.0
    assert order["totalCharged"]["amount"] == 230.0
    assert order["lines"] == [
        {"productName": "Tajine", "quantity": 2, "unitPrice": {"gross": {"amount": 100.0}}}
    ]
    assert again["order"]["id"] == order["id"]
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 2


def test_a_failed_payment_leaves_the_checkout_unpaid(gql, channel):
    # given
    checkout_id, _variant = _ready_checkout(gql, channel)
    failing = {"id": "saleor.io.dummy-payment-app", "data": {"event": {"type": "CHARGE_FAILURE"}}}

    # when
    paid = gql(INITIALIZE, {"id": checkout_id, "gateway": failing})["data"]["transactionInitialize"]
    completed = gql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert paid["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert paid["transaction"]["chargedAmount"] == {"amount": 0.0}
    assert [(e["field"], e["code"]) for e in completed["errors"]] == [
        ("id", "CHECKOUT_NOT_FULLY_PAID")
    ]


def test_an_unpaid_checkout_completes_when_the_channel_allows_unpaid_orders(gql, channel):
    # given
    channel.allow_unpaid_orders = True
    channel.save()
    checkout_id, _variant = _ready_checkout(gql, channel)

    # when
    completed = gql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert completed["errors"] == []
    assert (completed["order"]["status"], completed["order"]["chargeStatus"]) == (
        "UNCONFIRMED",
        "NONE",
    )


def test_a_payment_app_gets_a_signed_session_call_and_its_answer_is_recorded(
    gql, channel, httpserver
):
    # given
    app, _token = make_app(["HANDLE_PAYMENTS"], name="Souk Pay")
    Webhook.objects.create(
        app=app,
        name="init",
        target_url=httpserver.url_for("/init"),
        subscription_query=SESSION_QUERY,
        sync_events=["TRANSACTION_INITIALIZE_SESSION"],
    )
    httpserver.expect_request("/init", method="POST").respond_with_json(
        {
            "result": "CHARGE_SUCCESS",
            "pspReference": "psp-1",
            "amount": 230,
            "data": {"url": "https://psp"},
        }
    )
    checkout_id, _variant = _ready_checkout(gql, channel)

    # when
    paid = gql(
        INITIALIZE, {"id": checkout_id, "gateway": {"id": "souk pay", "data": {"card": "x"}}}
    )

    # then
    init = paid["data"]["transactionInitialize"]
    assert init["errors"] == []
    assert init["transaction"]["pspReference"] == "psp-1"
    assert init["transaction"]["chargedAmount"] == {"amount": 230.0}
    assert init["data"] == {"url": "https://psp"}
    request, _response = httpserver.log[0]
    assert request.headers["Saleor-Event"] == "transaction_initialize_session"
    body = request.get_data()
    key = RSAAlgorithm.from_jwk(json.dumps(keys.jwks()["keys"][0]))
    assert isinstance(key, RSAPublicKey)
    jwt.api_jws.decode_complete(
        request.headers["Saleor-Signature"], key, algorithms=["RS256"], detached_payload=body
    )
    payload = json.loads(body)
    assert payload["action"] == {"amount": 230.0, "currency": "MAD", "actionType": "CHARGE"}
    assert payload["data"] == {"card": "x"}
    assert payload["sourceObject"] == {"__typename": "Checkout", "id": checkout_id}


def test_an_invalid_app_answer_is_recorded_as_a_failure(gql, channel, httpserver):
    # given
    app, _token = make_app(["HANDLE_PAYMENTS"], name="Souk Pay")
    Webhook.objects.create(
        app=app,
        name="init",
        target_url=httpserver.url_for("/init"),
        subscription_query=SESSION_QUERY,
        sync_events=["TRANSACTION_INITIALIZE_SESSION"],
    )
    httpserver.expect_request("/init").respond_with_json({"result": "CHARGE_SUCCESS"})
    checkout_id, _variant = _ready_checkout(gql, channel)

    # when
    paid = gql(INITIALIZE, {"id": checkout_id, "gateway": {"id": "souk pay"}})

    # then
    event = paid["data"]["transactionInitialize"]["transactionEvent"]
    assert event["type"] == "CHARGE_FAILURE"
    assert (
        event["message"]
        == "Missing value for field: pspReference. Input: {'result': 'CHARGE_SUCCESS'}."
    )


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=50)
        ),
        max_size=10,
    ),
    st.integers(min_value=0, max_value=10**5),
)
def test_checkout_totals_are_exact_sums_in_minor_units(lines, shipping_minor):
    # given
    prices = [LinePrice(Decimal(minor) / 100, quantity) for minor, quantity in lines]

    # when
    totals = checkout_totals(prices, Decimal(shipping_minor) / 100, "MAD")

    # then
    expected_minor = sum(minor * quantity for minor, quantity in lines) + shipping_minor
    assert totals.total * 100 == expected_minor
    assert totals.total == totals.subtotal + totals.shipping
    assert totals.subtotal == sum(totals.line_totals, Decimal(0))
