"""Events in the sandbox reach the App verified, and the App's worker handles them."""

import json
import time

import pytest

from storefront_plugins.saleor_app.models import WebhookDelivery

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

FIRST_PRODUCT = """
query { products(channel: "cooperative-safi", first: 1) { edges { node { id name variants { id } } } } }
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $name: String!) { productUpdate(id: $id, input: {name: $name}) { errors { field code message } } }
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


def wait_for_delivery(event: str, timeout: float = 60.0) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.objects.filter(event=event).exclude(status="pending").first()
        if delivery is not None:
            return delivery
        time.sleep(0.2)
    raise AssertionError(f"No {event} delivery was handled within {timeout} s.")


def first_product(sandbox):
    return sandbox.graphql(FIRST_PRODUCT)["data"]["products"]["edges"][0]["node"]


def test_a_product_update_in_the_sandbox_is_handled_by_the_app(
    celery_worker, seeded_sandbox, app_installed_in_sandbox, staff_token
):
    # given
    product = first_product(seeded_sandbox)

    # when a staff member renames it
    body = seeded_sandbox.graphql(
        PRODUCT_UPDATE, {"id": product["id"], "name": "Tajine du potier"}, token=staff_token
    )
    assert body["data"]["productUpdate"]["errors"] == []

    # then the App verified the delivery and its worker handled it
    delivery = wait_for_delivery("PRODUCT_UPDATED")
    assert delivery.status == WebhookDelivery.Status.HANDLED
    payload = json.loads(delivery.body)
    assert payload["product"]["id"] == product["id"]
    assert payload["product"]["name"] == "Tajine du potier"


def test_a_purchase_through_checkout_reaches_the_app_as_order_fully_paid(
    celery_worker, seeded_sandbox, app_installed_in_sandbox
):
    # given a shopper's checkout with a piece, an address and a delivery method
    sandbox = seeded_sandbox
    variant_id = first_product(sandbox)["variants"][0]["id"]
    created = sandbox.graphql(
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": "cooperative-safi",
                "email": "amina@example.ma",
                "lines": [{"variantId": variant_id, "quantity": 1}],
                "shippingAddress": ADDRESS,
                "billingAddress": ADDRESS,
            }
        },
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    checkout = created["checkout"]
    method = sandbox.graphql(
        DELIVERY_METHOD, {"id": checkout["id"], "method": checkout["shippingMethods"][0]["id"]}
    )
    assert method["data"]["checkoutDeliveryMethodUpdate"]["errors"] == []

    # when the shopper pays and completes the checkout
    paid = sandbox.graphql(PAY, {"id": checkout["id"]})["data"]["transactionInitialize"]
    assert paid["errors"] == []
    completed = sandbox.graphql(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert completed["errors"] == []
    order = completed["order"]
    assert order["chargeStatus"] == "FULL"

    # then ORDER_FULLY_PAID arrives at the App, verified, and is handled
    delivery = wait_for_delivery("ORDER_FULLY_PAID")
    assert delivery.status == WebhookDelivery.Status.HANDLED
    payload = json.loads(delivery.body)
    assert payload["order"]["id"] == order["id"]
    assert payload["order"]["number"] == str(order["number"])
    assert payload["order"]["lines"][0]["variant"]["id"] == variant_id
    assert payload["order"]["transactions"][0]["chargedAmount"]["amount"] > 0
