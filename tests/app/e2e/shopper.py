"""A shopper buying a piece in the sandbox through Saleor's checkout, over HTTP."""

from typing import Any

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


def buy(
    sandbox: SandboxServer, variant_id: str, channel: str = "cooperative-safi"
) -> dict[str, Any]:
    """Checkout, delivery method, payment with the test gateway, completion: the order."""
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
    paid = sandbox.graphql(PAY, {"id": checkout["id"]})["data"]["transactionInitialize"]
    assert paid["errors"] == [], paid
    completed = sandbox.graphql(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert completed["errors"] == [], completed
    order: dict[str, Any] = completed["order"]
    return order
