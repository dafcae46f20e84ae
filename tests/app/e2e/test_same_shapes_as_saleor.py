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

COMPARE_API_URL = os.environ.get("SALEOR_COMPARE_API_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not COMPARE_API_URL, reason="no real Saleor to compare with (SALEOR_COMPARE_API_URL)"
    ),
    pytest.mark.django_db(transaction=True),
]

TOKEN_CREATE = "mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) { token errors { field code } } }"

# (name, document, variables, as staff?)
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


@pytest.fixture(scope="module")
def tokens(sandbox):
    sandbox.manage("sandbox_seed")
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
    ours = _ask(sandbox.api_url, document, variables, tokens["sandbox"] if as_staff else None)
    theirs = _ask(COMPARE_API_URL, document, variables, tokens["saleor"] if as_staff else None)

    assert ours["status"] == theirs["status"]
    assert shape_differences(shape(ours["body"]), shape(theirs["body"])) == []
