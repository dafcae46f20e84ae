import pytest

from saleor_sandbox import keys

TOKEN_CREATE = """
mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken
    user { email isStaff userPermissions { code name } }
    errors { field code message }
  }
}
"""
TOKEN_REFRESH = """
mutation Refresh($refreshToken: String) {
  tokenRefresh(refreshToken: $refreshToken) { token user { email } errors { field code message } }
}
"""
ME = "query { me { email isStaff } }"


def test_staff_signs_in_and_reads_themselves(gql, staff_user):
    # when
    signed_in = gql(TOKEN_CREATE, {"email": "staff@souk.example", "password": "password"})

    # then
    payload = signed_in["data"]["tokenCreate"]
    assert payload["errors"] == []
    assert payload["user"]["userPermissions"] == [
        {"code": "MANAGE_ORDERS", "name": "Manage orders."},
        {"code": "MANAGE_PRODUCTS", "name": "Manage products."},
    ]
    assert gql(ME, token=payload["token"])["data"]["me"] == {
        "email": "staff@souk.example",
        "isStaff": True,
    }


@pytest.mark.parametrize(
    ("email", "password"), [("staff@souk.example", "wrong"), ("nobody@souk.example", "password")]
)
def test_wrong_credentials_are_refused_alike(gql, staff_user, email, password):
    payload = gql(TOKEN_CREATE, {"email": email, "password": password})["data"]["tokenCreate"]

    assert payload["token"] is None
    assert payload["errors"] == [
        {
            "field": "email",
            "code": "INVALID_CREDENTIALS",
            "message": "Please, enter valid credentials",
        }
    ]


def test_a_refresh_token_gives_a_new_access_token(gql, staff_user):
    refresh = gql(TOKEN_CREATE, {"email": "staff@souk.example", "password": "password"})["data"][
        "tokenCreate"
    ]["refreshToken"]

    payload = gql(TOKEN_REFRESH, {"refreshToken": refresh})["data"]["tokenRefresh"]

    assert payload["errors"] == []
    assert keys.decode_jwt(payload["token"])["type"] == "access"


def test_an_access_token_is_not_a_refresh_token(gql, staff_token):
    payload = gql(TOKEN_REFRESH, {"refreshToken": staff_token})["data"]["tokenRefresh"]

    assert payload["errors"] == [
        {"field": "refreshToken", "code": "JWT_INVALID_TOKEN", "message": "Invalid token"}
    ]


def test_an_expired_access_token_is_anonymous(gql, staff_user, settings):
    settings.JWT_ACCESS_TTL = -10
    from saleor_sandbox.services.accounts import create_access_token

    expired = create_access_token(staff_user)

    assert gql(ME, token=expired)["data"]["me"] is None


def test_a_forged_token_is_anonymous(gql, staff_user):
    assert gql(ME, token="garbage.token.value")["data"]["me"] is None


def test_shop_version_needs_staff_or_an_app(gql, staff_token):
    anonymous = gql("{ shop { version } }")
    assert anonymous["data"] is None
    assert anonymous["errors"][0]["message"] == (
        "To access this path, you need one of the following permissions: AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP"
    )
    assert anonymous["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}

    assert gql("{ shop { version schemaVersion } }", token=staff_token)["data"]["shop"] == {
        "version": "3.23.28",
        "schemaVersion": "3.23",
    }


def test_jwks_publishes_the_signing_key(client, db):
    jwks = client.get("/.well-known/jwks.json").json()

    [key] = jwks["keys"]
    assert key["kid"] == keys.key_id()
    assert {key["kty"], key["alg"], key["use"]} == {"RSA", "RS256", "sig"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ me { emailx } }", "Cannot query field 'emailx' on type 'User'. Did you mean 'email'?"),
        ("{ me { ", "Syntax Error: Expected Name, found <EOF>."),
    ],
)
def test_invalid_documents_answer_400(gql, query, message):
    body = gql(query, status=400)

    assert body["errors"][0]["message"] == message
    assert "data" not in body
