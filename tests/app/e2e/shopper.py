"""A shopper buying a piece in the sandbox through Saleor's checkout, over HTTP: with
Saleor's test gateway (`buy`) or with Souk's (`checkout_ready`, `pay_with_souk`, ...), as a
storefront does it: transactionInitialize, the card form, transactionProcess, checkoutComplete."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from tests.app.e2e.sandbox_server import SandboxServer

FIRST_PRODUCT = """
query { products(channel: "cooperative-safi", first: 1) { edges { node { id name variants { id } } } } }
"""
ADDRESS = {
    "firstName": "Amina",
    "lastName": "El Idrissi",
    "streetAddress1": "12 rue Sidi Bouzid",
    "city": "Safi",
    "postalCode": "46000",
    "country": "MA",
}
CHECKOUT_CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id shippingMethods { id name } totalPrice { gross { amount currency } } }
    errors { field code message }
  }
}
"""
DELIVERY_METHOD = """
mutation($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { totalPrice { gross { amount currency } } } errors { field code message }
  }
}
"""
PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id, paymentGateway: {id: "saleor.io.dummy-payment-app"}) {
    transaction { id } transactionEvent { type } errors { field code message }
  }
}
"""
COMPLETE = """
mutation($id: ID!) { checkoutComplete(id: $id) { order { id number chargeStatus } errors { field code message } } }
"""


def first_product(sandbox: SandboxServer) -> dict[str, Any]:
    node: dict[str, Any] = sandbox.graphql(FIRST_PRODUCT)["data"]["products"]["edges"][0]["node"]
    return node


def checkout_ready(
    sandbox: SandboxServer, variant_id: str, channel: str = "cooperative-safi"
) -> dict[str, Any]:
    """A checkout of one piece with addresses and a delivery method: ready to pay."""
    created = sandbox.graphql(
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": channel,
                "email": "amina@example.ma",
                "lines": [{"variantId": variant_id, "quantity": 1}],
                "shippingAddress": ADDRESS,
                "billingAddress": ADDRESS,
            }
        },
    )["data"]["checkoutCreate"]
    assert created["errors"] == [], created
    checkout = created["checkout"]
    method_id = checkout["shippingMethods"][0]["id"]
    method = sandbox.graphql(DELIVERY_METHOD, {"id": checkout["id"], "method": method_id})
    assert method["data"]["checkoutDeliveryMethodUpdate"]["errors"] == [], method
    ready: dict[str, Any] = checkout
    return ready


def complete(sandbox: SandboxServer, checkout_id: str) -> dict[str, Any]:
    completed = sandbox.graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert completed["errors"] == [], completed
    order: dict[str, Any] = completed["order"]
    return order


def buy(
    sandbox: SandboxServer, variant_id: str, channel: str = "cooperative-safi"
) -> dict[str, Any]:
    """Checkout, delivery method, payment with the test gateway, completion: the order."""
    checkout = checkout_ready(sandbox, variant_id, channel)
    paid = sandbox.graphql(PAY, {"id": checkout["id"]})["data"]["transactionInitialize"]
    assert paid["errors"] == [], paid
    return complete(sandbox, checkout["id"])


# Paying with Souk's gateway (the Stripe stand-in's card form)

SOUK_INITIALIZE = """
mutation($id: ID!, $data: JSON, $action: TransactionFlowStrategyEnum) {
  transactionInitialize(id: $id, action: $action, paymentGateway: {id: "souk", data: $data}) {
    transaction { id pspReference actions }
    transactionEvent { type message pspReference }
    data
    errors { field code message }
  }
}
"""
SOUK_PROCESS = """
mutation($id: ID!) {
  transactionProcess(id: $id) {
    transaction { id chargedAmount { amount } authorizedAmount { amount } actions }
    transactionEvent { type message pspReference }
    data
    errors { field code message }
  }
}
"""
RETURN_URL = "https://safi.souk.example/fr/checkout/payment-return?checkout=1"
VISA = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"
THREE_D_SECURE = "4000 0027 6000 3184"


@dataclass(frozen=True)
class CardFormResult:
    redirect_status: str  # Stripe's return parameter: succeeded or failed
    payment_intent: str
    return_url: str


def initialize_souk_payment(
    sandbox: SandboxServer,
    checkout_id: str,
    action: str | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """transactionInitialize with Souk's gateway; an `action` other than the channel's
    default flow needs HANDLE_PAYMENTS (a staff `token`), as in Saleor."""
    answer = sandbox.graphql(
        SOUK_INITIALIZE,
        {"id": checkout_id, "data": {"returnUrl": RETURN_URL}, "action": action},
        token=token,
    )
    assert "errors" not in answer, answer
    initialized = answer["data"]["transactionInitialize"]
    assert initialized["errors"] == [], initialized
    result: dict[str, Any] = initialized
    return result


def pay_on_card_form(
    card_form_url: str, number: str, *, three_d_secure: str = "complete"
) -> CardFormResult:
    """Fill in the stand-in's card form as a shopper would, and follow it to return_url
    (`three_d_secure`: "complete" or "fail" on the challenge page)."""
    form = urlsplit(card_form_url)
    query = {key: values[0] for key, values in parse_qs(form.query).items()}
    page = requests.get(card_form_url, timeout=10)
    assert page.status_code == 200, page.text
    submitted = requests.post(
        f"{form.scheme}://{form.netloc}{form.path}",
        data={**query, "number": number, "expiry": "12 / 34", "cvc": "123", "name": "Amina"},
        allow_redirects=False,
        timeout=10,
    )
    assert submitted.status_code == 303, submitted.text
    location = submitted.headers["Location"]
    if "/3ds/" in location:
        challenge = requests.get(location, timeout=10)
        assert challenge.status_code == 200, challenge.text
        challenge_page = location.split("?")[0]
        answered = requests.post(
            f"{challenge_page}/{three_d_secure}", allow_redirects=False, timeout=10
        )
        assert answered.status_code == 303, answered.text
        location = answered.headers["Location"]
    back = urlsplit(location)
    params = {key: values[0] for key, values in parse_qs(back.query).items()}
    return CardFormResult(
        redirect_status=params["redirect_status"],
        payment_intent=params["payment_intent"],
        return_url=location,
    )


def process_souk_payment(sandbox: SandboxServer, transaction_id: str) -> dict[str, Any]:
    processed = sandbox.graphql(SOUK_PROCESS, {"id": transaction_id})["data"]["transactionProcess"]
    assert processed["errors"] == [], processed
    result: dict[str, Any] = processed
    return result


def buy_with_souk(
    sandbox: SandboxServer, variant_id: str, channel: str = "cooperative-safi"
) -> tuple[dict[str, Any], str]:
    """The whole purchase with a Visa card through Souk's gateway: the order and its
    transaction's id."""
    checkout = checkout_ready(sandbox, variant_id, channel)
    initialized = initialize_souk_payment(sandbox, checkout["id"])
    transaction_id = initialized["transaction"]["id"]
    paid = pay_on_card_form(initialized["data"]["cardFormUrl"], VISA)
    assert paid.redirect_status == "succeeded", paid
    processed = process_souk_payment(sandbox, transaction_id)
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS", processed
    return complete(sandbox, checkout["id"]), transaction_id
