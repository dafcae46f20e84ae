import json
import logging

import pytest
from django.db import connection

from storefront_plugins.saleor_app.models import Installation
from tests.app.conftest import register
from tests.app.saleor_endpoints import APP_ID

pytestmark = pytest.mark.django_db


def test_saleor_installs_the_app(client, fake_saleor):
    # when
    response = register(client, fake_saleor.api_url)

    # then
    assert response.status_code == 200
    assert response.json() == {"success": True}
    installation = Installation.objects.get()
    assert installation.saleor_api_url == fake_saleor.api_url
    assert installation.saleor_app_id == APP_ID
    assert installation.auth_token == "app-token-1"
    assert installation.jwks == fake_saleor.jwks()


def test_the_token_is_stored_encrypted_and_read_back_in_clear(client, fake_saleor):
    # when
    register(client, fake_saleor.api_url)

    # then the database holds no clear token, and the App reads the one Saleor gave
    with connection.cursor() as cursor:
        cursor.execute("SELECT auth_token FROM saleor_app_installation")
        [(stored,)] = cursor.fetchall()
    assert "app-token-1" not in stored
    assert stored.startswith("gAAAAA")
    assert Installation.objects.get().auth_token == "app-token-1"


def test_the_token_is_checked_with_saleor_by_asking_for_the_app_id(client, fake_saleor):
    register(client, fake_saleor.api_url)

    [request] = fake_saleor.graphql_requests
    assert request["authorization"] == "Bearer app-token-1"
    assert "app {" in request["body"]["query"]


def test_a_token_saleor_does_not_accept_is_refused(client, fake_saleor):
    response = register(client, fake_saleor.api_url, token="stolen-token")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "TOKEN_REJECTED"
    assert not Installation.objects.exists()


def test_a_saleor_off_the_allowlist_is_refused_without_being_called(client, fake_saleor, settings):
    settings.SALEOR_API_URL_ALLOWLIST = ["https://souk-shop.saleor.cloud/graphql/"]

    response = register(client, fake_saleor.api_url)

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "SALEOR_URL_NOT_ALLOWED"
    assert fake_saleor.api_url in error["message"]
    assert fake_saleor.graphql_requests == []
    assert not Installation.objects.exists()


def test_missing_saleor_api_url_header_is_refused(client, fake_saleor):
    response = client.post(
        "/api/register",
        data=json.dumps({"auth_token": "app-token-1"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MISSING_SALEOR_API_URL"


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[]", b'{"auth_token": ""}', b'{"token": "x"}']
)
def test_a_body_without_a_token_is_refused(client, fake_saleor, body):
    response = client.post(
        "/api/register",
        data=body,
        content_type="application/json",
        headers={"Saleor-Api-Url": fake_saleor.api_url},
    )

    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error": {
            "code": "INVALID_BODY",
            "message": 'The body must be JSON with a non-empty "auth_token".',
        },
    }


def test_an_unreachable_saleor_is_reported(client, settings):
    api_url = "http://127.0.0.1:9/graphql/"  # the discard port: nothing listens
    settings.SALEOR_API_URL_ALLOWLIST = [api_url]

    response = register(client, api_url)

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "SALEOR_UNREACHABLE"


def test_a_saleor_whose_keys_cannot_be_fetched_is_refused(client, fake_saleor):
    fake_saleor.jwks_status = 503

    response = register(client, fake_saleor.api_url)

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "JWKS_UNAVAILABLE"
    assert not Installation.objects.exists()


def test_a_reinstall_replaces_the_token_and_keys_of_the_same_installation(client, fake_saleor):
    # given
    register(client, fake_saleor.api_url)
    first = Installation.objects.get()
    fake_saleor.valid_tokens = {"app-token-2"}
    fake_saleor.rotate_key("key-2")

    # when
    response = register(client, fake_saleor.api_url, token="app-token-2")

    # then
    assert response.status_code == 200
    reinstalled = Installation.objects.get()
    assert reinstalled.pk == first.pk
    assert reinstalled.auth_token == "app-token-2"
    assert [key["kid"] for key in reinstalled.jwks["keys"]] == ["key-2"]


def test_several_saleors_each_get_their_own_installation(client, fake_saleor, settings):
    second_api_url = fake_saleor.api_url.replace("localhost", "127.0.0.1")
    settings.SALEOR_API_URL_ALLOWLIST = [fake_saleor.api_url, second_api_url]

    register(client, fake_saleor.api_url)
    register(client, second_api_url)

    assert set(Installation.objects.values_list("saleor_api_url", flat=True)) == {
        fake_saleor.api_url,
        second_api_url,
    }


def test_the_token_is_never_logged(client, fake_saleor, caplog):
    caplog.set_level(logging.DEBUG)

    register(client, fake_saleor.api_url)
    register(client, fake_saleor.api_url, token="rejected-token")

    assert "app-token-1" not in caplog.text
    assert "rejected-token" not in caplog.text
    assert "app-token-1" not in repr(Installation.objects.get())


def test_registration_only_accepts_post(client):
    assert client.get("/api/register").status_code == 405
