"""The same documents return the same shapes from the sandbox and from a real Saleor.

Runs only where a real Saleor runs beside the project: set SALEOR_COMPARE_API_URL (e.g.
http://127.0.0.1:9000/graphql/) and a staff user's SALEOR_COMPARE_EMAIL and
SALEOR_COMPARE_PASSWORD. The sandbox is seeded; the real Saleor has its own data, so
values differ while keys, kinds and error codes must not.
"""

import os

import pytest
import requests

from tests.app.e2e.shapes import shape, shape_differences
from tests.app.e2e.shopper import buy, first_product

COMPARE_API_URL = os.environ.get("SALEOR_COMPARE_API_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not COMPARE_API_URL, reason="no real Saleor to compare with (SALEOR_COMPARE_API_URL)"
    ),
    pytest.mark.django_db(transaction=True),
]

TOKEN_CREATE = "mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) { token errors { field code } } }"

PRODUCTS = """
query Products($channel: String!) {
  products(channel: $channel, first: 3) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name slug created updatedAt description
      category { id slug name } productType { id slug name }
      thumbnail { url alt } media { url alt type }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
      attributes { attribute { slug inputType entityType } values { name slug reference } }
      variants { id name sku pricing { price { gross { amount currency } } } }
      metadata { key value }
    } }
  }
}
"""
CHECKOUT_WITH_UNKNOWN_VARIANT = """
mutation Create($channel: String!) {
  checkoutCreate(input: {channel: $channel, email: "amina@example.ma", lines: [{variantId: "UHJvZHVjdFZhcmlhbnQ6OTk5OTk5", quantity: 1}]}) {
    checkout { id }
    errors { field code message variants }
  }
}
"""

# The App reads orders through this fragment in its webhooks; a query shows its shape.
ORDERS_AS_THE_APP_SEES_THEM = """
query { orders(first: 2) { edges { node { ...OrderPayload } } } }
"""


def _app_fragments() -> str:
    from storefront_plugins.saleor_app.documents import saleor_app_documents

    document = saleor_app_documents.get("subscriptions/order_fully_paid")
    return document[document.index("fragment ") :]


# (name, document, variables, as staff?); a variable "$channel" is each side's channel
DOCUMENTS = [
    (
        "shop as staff",
        "{ shop { version schemaVersion domain { host sslEnabled url } } }",
        {},
        True,
    ),
    ("shop anonymously", "{ shop { version } }", {}, False),
    (
        "channels",
        "{ channels { id slug name currencyCode isActive defaultCountry { code country } orderSettings { allowUnpaidOrders markAsPaidStrategy automaticallyConfirmAllNewOrders } checkoutSettings { useLegacyErrorFlow automaticallyCompleteFullyPaidCheckouts } paymentSettings { defaultTransactionFlowStrategy } } }",
        {},
        True,
    ),
    ("channels anonymously", "{ channels { slug } }", {}, False),
    ("me", "{ me { email isStaff userPermissions { code name } } }", {}, True),
    ("invalid id", "query($id: ID!) { channel(id: $id) { slug } }", {"id": "bm90LWFuLWlk"}, True),
    (
        "wrong credentials",
        TOKEN_CREATE,
        {"email": "nobody@example.com", "password": "wrong"},
        False,
    ),
    ("apps pagination without first", "{ apps { edges { node { id } } } }", {}, True),
    ("products in a channel", PRODUCTS, {"channel": "$channel"}, False),
    ("products as staff", PRODUCTS, {"channel": "$channel"}, True),
    ("products without a channel", "{ products(first: 1) { edges { node { id } } } }", {}, False),
    (
        "too many products",
        '{ products(first: 101, channel: "x") { edges { node { id } } } }',
        {},
        False,
    ),
    (
        "checkout with an unknown variant",
        CHECKOUT_WITH_UNKNOWN_VARIANT,
        {"channel": "$channel"},
        False,
    ),
    ("orders anonymously", "{ orders(first: 1) { edges { node { id } } } }", {}, False),
    (
        "app installations",
        "{ appsInstallations { id status message appName manifestUrl } }",
        {},
        True,
    ),
]


def _token(api_url: str, email: str, password: str) -> str:
    response = requests.post(
        api_url,
        json={"query": TOKEN_CREATE, "variables": {"email": email, "password": password}},
        timeout=30,
    )
    token: str = response.json()["data"]["tokenCreate"]["token"]
    return token


def _ask(api_url: str, document: str, variables: dict, token: str | None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.post(
        api_url, json={"query": document, "variables": variables}, headers=headers, timeout=30
    )
    return {"status": response.status_code, "body": response.json()}


CHANNELS = {
    "sandbox": "cooperative-safi",
    "saleor": os.environ.get("SALEOR_COMPARE_CHANNEL", "default-channel"),
}


def _variables(variables: dict, side: str) -> dict:
    return {
        key: CHANNELS[side] if value == "$channel" else value for key, value in variables.items()
    }


@pytest.fixture(scope="module")
def tokens(sandbox):
    sandbox.manage("sandbox_seed")
    buy(sandbox, first_product(sandbox)["variants"][0]["id"])  # so that there are orders
    return {
        "sandbox": _token(sandbox.api_url, "admin@souk.example", "admin"),
        "saleor": _token(
            COMPARE_API_URL,
            os.environ["SALEOR_COMPARE_EMAIL"],
            os.environ["SALEOR_COMPARE_PASSWORD"],
        ),
    }


@pytest.mark.parametrize(
    ("name", "document", "variables", "as_staff"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS]
)
def test_same_document_same_shape(sandbox, tokens, name, document, variables, as_staff):
    ours = _ask(
        sandbox.api_url,
        document,
        _variables(variables, "sandbox"),
        tokens["sandbox"] if as_staff else None,
    )
    theirs = _ask(
        COMPARE_API_URL,
        document,
        _variables(variables, "saleor"),
        tokens["saleor"] if as_staff else None,
    )

    assert ours["status"] == theirs["status"]
    assert shape_differences(shape(ours["body"]), shape(theirs["body"])) == []


def test_orders_have_the_shape_the_app_reads_in_its_webhooks(sandbox, tokens):
    document = ORDERS_AS_THE_APP_SEES_THEM + _app_fragments()

    ours = _ask(sandbox.api_url, document, {}, tokens["sandbox"])
    theirs = _ask(COMPARE_API_URL, document, {}, tokens["saleor"])

    assert "errors" not in theirs["body"], theirs
    assert ours["body"]["data"]["orders"]["edges"], "the sandbox has an order to compare"
    assert theirs["body"]["data"]["orders"]["edges"], "the real Saleor has an order to compare"
    assert shape_differences(shape(ours["body"]), shape(theirs["body"])) == []
