"""The Dashboard's token for an App extension: Saleor's RS256 JWT, checked against the key
set the installation's Saleor publishes (fetched again once when Saleor rotates its key)."""

import pytest

from storefront_plugins.saleor_app.dashboard_tokens import (
    DashboardTokenError,
    authenticate_dashboard_token,
    verify_dashboard_token,
)
from storefront_plugins.saleor_app.error_codes import DashboardTokenErrorCode
from tests.app.saleor_endpoints import APP_ID, SigningKey, dashboard_token_for

API_URL = "https://shop.example.ma/graphql/"
KEY = SigningKey.generate("key-1")
JWKS = {"keys": [KEY.public_jwk()]}


def verify(token, jwks=JWKS):
    return verify_dashboard_token(token, jwks, saleor_api_url=API_URL, app_id=APP_ID)


def error_code(token, jwks=JWKS):
    with pytest.raises(DashboardTokenError) as caught:
        verify(token, jwks)
    return caught.value.code


def test_a_token_of_this_saleor_for_this_app_names_the_staff_user():
    # given
    token = dashboard_token_for(API_URL, KEY, permissions=("MANAGE_PRODUCTS", "MANAGE_ORDERS"))

    # when
    claims = verify(token)

    # then
    assert claims.email == "amina@cooperative.example"
    assert claims.user_id == "VXNlcjoxMg=="
    assert claims.permissions == {"MANAGE_PRODUCTS", "MANAGE_ORDERS"}
    assert claims.app_id == APP_ID


# Made when the test runs: a token lives five minutes, and a whole suite takes longer.
REFUSED_TOKENS = {
    "missing": (lambda: "", DashboardTokenErrorCode.MISSING_TOKEN),
    "garbage": (lambda: "not-a-jwt", DashboardTokenErrorCode.INVALID_TOKEN),
    "expired": (
        lambda: dashboard_token_for(API_URL, KEY, expires_in=-120),
        DashboardTokenErrorCode.EXPIRED_TOKEN,
    ),
    "other-saleor": (
        lambda: dashboard_token_for("https://other.example/graphql/", KEY),
        DashboardTokenErrorCode.INVALID_TOKEN,
    ),
    "other-app": (
        lambda: dashboard_token_for(API_URL, KEY, app_id="QXBwOjk5"),
        DashboardTokenErrorCode.WRONG_APP,
    ),
    "user-token": (
        lambda: dashboard_token_for(API_URL, KEY, type="access"),
        DashboardTokenErrorCode.INVALID_TOKEN,
    ),
    "forged": (
        lambda: dashboard_token_for(API_URL, SigningKey.generate("key-1")),
        DashboardTokenErrorCode.INVALID_TOKEN,
    ),
    "unknown-key": (
        lambda: dashboard_token_for(API_URL, SigningKey.generate("key-2")),
        DashboardTokenErrorCode.INVALID_TOKEN,
    ),
}


@pytest.mark.parametrize("case", REFUSED_TOKENS)
def test_tokens_that_do_not_prove_a_staff_user_of_this_app_are_refused(case):
    make_token, code = REFUSED_TOKENS[case]

    assert error_code(make_token()) == code


def test_an_hs256_token_is_refused_whatever_its_key():
    import jwt

    secret = "a-shared-secret-long-enough-for-hs256"
    token = jwt.encode({"iss": API_URL, "app": APP_ID}, secret, headers={"kid": "key-1"})

    assert error_code(token) == DashboardTokenErrorCode.INVALID_TOKEN


def test_a_token_expired_within_the_clock_leeway_passes():
    assert verify(dashboard_token_for(API_URL, KEY, expires_in=-10)).email


@pytest.mark.django_db
def test_an_installed_saleors_token_is_authenticated(installation, fake_saleor):
    # when
    user = authenticate_dashboard_token(fake_saleor.dashboard_token(), fake_saleor.api_url)

    # then
    assert user.installation == installation
    assert user.has_permission("MANAGE_PRODUCTS")
    assert not user.has_permission("HANDLE_PAYMENTS")


@pytest.mark.django_db
def test_a_saleor_that_has_not_installed_souk_is_refused(installation, fake_saleor):
    token = dashboard_token_for("https://stranger.example/graphql/", fake_saleor.current_key)

    with pytest.raises(DashboardTokenError) as caught:
        authenticate_dashboard_token(token, "https://stranger.example/graphql/")

    assert caught.value.code == DashboardTokenErrorCode.UNKNOWN_SALEOR


@pytest.mark.django_db
def test_the_posted_saleor_must_be_the_tokens_issuer(installation, fake_saleor):
    with pytest.raises(DashboardTokenError) as caught:
        authenticate_dashboard_token(
            fake_saleor.dashboard_token(), "https://stranger.example/graphql/"
        )

    assert caught.value.code == DashboardTokenErrorCode.INVALID_TOKEN


@pytest.mark.django_db
def test_a_rotated_key_is_fetched_once_then_refetches_are_rate_limited(
    installation, fake_saleor, settings
):
    # given Saleor rotated its key after the installation
    settings.SALEOR_JWKS_REFETCH_INTERVAL = 0
    new_key = fake_saleor.rotate_key("key-2")
    fetched = fake_saleor.jwks_requests

    # when
    user = authenticate_dashboard_token(fake_saleor.dashboard_token(key=new_key), None)

    # then
    assert user.installation == installation
    assert fake_saleor.jwks_requests == fetched + 1
    installation.refresh_from_db()
    assert [key["kid"] for key in installation.jwks["keys"]] == ["key-2"]

    # and an unknown key right after is refused without fetching again
    settings.SALEOR_JWKS_REFETCH_INTERVAL = 3600
    with pytest.raises(DashboardTokenError):
        authenticate_dashboard_token(
            fake_saleor.dashboard_token(key=SigningKey.generate("key-3")), None
        )
    assert fake_saleor.jwks_requests == fetched + 1
