from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from storefront_plugins.accounts.models import RefreshToken, User
from storefront_plugins.accounts.tokens import encode_access_token
from tests.app.graphql_client import graphql, post_graphql

SIGN_IN = """
mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
    accessToken refreshToken user { email language } errors { field code message }
  }
}
"""
REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(refreshToken: $token) { accessToken errors { field code message } }
}
"""
SIGN_OUT = """
mutation SignOut($token: String!, $all: Boolean) {
  signOut(refreshToken: $token, allDevices: $all) { errors { field code message } }
}
"""
ME = "{ me { email } }"


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create_user("Itto@Atlas-Tapis.example", "motdepasse-1", language="ar")


def test_sign_in_returns_tokens_that_authenticate(client: Client, user: User) -> None:
    # when
    data = graphql(
        client, SIGN_IN, {"email": "itto@atlas-tapis.example", "password": "motdepasse-1"}
    )
    # then
    payload = data["data"]["signIn"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "itto@atlas-tapis.example", "language": "ar"}
    stored = RefreshToken.objects.get(user=user)
    assert stored.token_hash != payload["refreshToken"]
    assert graphql(client, ME, token=payload["accessToken"])["data"]["me"] == {
        "email": "itto@atlas-tapis.example"
    }


@pytest.mark.parametrize(
    ("email", "password"),
    [("itto@atlas-tapis.example", "wrong"), ("nobody@atlas-tapis.example", "motdepasse-1")],
)
def test_wrong_credentials_answer_one_invalid_credentials_error(
    client: Client, user: User, email: str, password: str
) -> None:
    # when
    data = graphql(client, SIGN_IN, {"email": email, "password": password})
    # then
    assert data["data"]["signIn"] == {
        "accessToken": None,
        "refreshToken": None,
        "user": None,
        "errors": [
            {
                "field": "email",
                "code": "INVALID_CREDENTIALS",
                "message": "Please, enter valid credentials",
            }
        ],
    }


def test_inactive_user_cannot_sign_in(client: Client, user: User) -> None:
    # given
    User.objects.filter(pk=user.pk).update(is_active=False)
    # when
    data = graphql(client, SIGN_IN, {"email": user.email, "password": "motdepasse-1"})
    # then
    assert [e["code"] for e in data["data"]["signIn"]["errors"]] == ["INVALID_CREDENTIALS"]


def test_refresh_token_gives_a_new_access_token(client: Client, user: User) -> None:
    # given
    tokens = graphql(client, SIGN_IN, {"email": user.email, "password": "motdepasse-1"})["data"][
        "signIn"
    ]
    # when
    data = graphql(client, REFRESH, {"token": tokens["refreshToken"]})
    # then
    access_token = data["data"]["refreshToken"]["accessToken"]
    assert graphql(client, ME, token=access_token)["data"]["me"]["email"] == user.email


def test_sign_out_revokes_the_refresh_token(client: Client, user: User) -> None:
    # given
    tokens = graphql(client, SIGN_IN, {"email": user.email, "password": "motdepasse-1"})["data"][
        "signIn"
    ]
    # when
    signed_out = graphql(client, SIGN_OUT, {"token": tokens["refreshToken"]})
    # then
    assert signed_out["data"]["signOut"]["errors"] == []
    refreshed = graphql(client, REFRESH, {"token": tokens["refreshToken"]})["data"]["refreshToken"]
    assert refreshed["accessToken"] is None
    assert [e["code"] for e in refreshed["errors"]] == ["INVALID_TOKEN"]


def test_sign_out_on_all_devices_revokes_access_tokens(client: Client, user: User) -> None:
    # given
    tokens = graphql(client, SIGN_IN, {"email": user.email, "password": "motdepasse-1"})["data"][
        "signIn"
    ]
    # when
    graphql(client, SIGN_OUT, {"token": tokens["refreshToken"], "all": True})
    # then
    response = post_graphql(client, ME, token=tokens["accessToken"])
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"


def test_expired_access_token_is_refused(client: Client, user: User) -> None:
    # given
    token = encode_access_token(user.pk, user.token_version, timezone.now() - timedelta(hours=1))
    # when
    response = post_graphql(client, ME, token=token)
    # then
    assert response.status_code == 401
    assert (
        response.json()["errors"][0]["extensions"]["exception"]["code"] == "ExpiredSignatureError"
    )


def test_anonymous_request_has_no_user(client: Client, db: None) -> None:
    assert graphql(client, ME)["data"]["me"] is None
