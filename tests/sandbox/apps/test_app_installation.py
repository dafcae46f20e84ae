"""Installing an app from its manifest URL, as Saleor does it."""

import json

import pytest
from werkzeug import Response

from saleor_sandbox.models import App, AppInstallation
from saleor_sandbox.services.accounts import create_access_token, create_user

APP_INSTALL = """
mutation Install($input: AppInstallInput!) {
  appInstall(input: $input) {
    appInstallation { id status message appName manifestUrl }
    errors { field code message permissions }
  }
}
"""
INSTALLATIONS = "{ appsInstallations { status message appName } }"
APP = "{ app { id identifier name isActive permissions { code } webhooks { name targetUrl isActive asyncEvents { eventType } } } }"


@pytest.fixture
def installer_token(db):
    user = create_user(
        "installer@souk.example",
        "pw",
        is_staff=True,
        permissions=["MANAGE_APPS", "MANAGE_PRODUCTS", "MANAGE_ORDERS"],
    )
    return create_access_token(user)


def install(
    gql, token, fake_app, django_capture_on_commit_callbacks, permissions=("MANAGE_PRODUCTS",)
):
    with django_capture_on_commit_callbacks(execute=True):
        return gql(
            APP_INSTALL,
            {
                "input": {
                    "appName": "Souk",
                    "manifestUrl": fake_app.manifest_url,
                    "permissions": list(permissions),
                }
            },
            token=token,
        )["data"]["appInstall"]


def test_an_app_is_installed_from_its_manifest(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks
):
    # when
    payload = install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    # then the installation was accepted, and has since succeeded
    assert payload["errors"] == []
    assert payload["appInstallation"]["status"] == "PENDING"
    assert gql(INSTALLATIONS, token=installer_token)["data"]["appsInstallations"] == []

    # and the app got its token, with Saleor's headers
    [registration] = fake_app.registrations
    assert registration["headers"]["Saleor-Api-Url"] == "http://127.0.0.1:8001/graphql/"
    assert registration["headers"]["Saleor-Domain"] == "127.0.0.1:8001"
    assert registration["headers"]["Saleor-Schema-Version"] == "3.23"
    assert registration["headers"]["User-Agent"] == "Saleor/3.23"
    token = registration["body"]["auth_token"]
    assert len(token) == 30

    # and with that token the app sees itself, its webhooks and the granted permissions
    app = gql(APP, token=token)["data"]["app"]
    assert app["identifier"] == "souk"
    assert app["isActive"] is True
    assert app["permissions"] == [{"code": "MANAGE_PRODUCTS"}]
    assert app["webhooks"] == [
        {
            "name": "Souk product updated",
            "targetUrl": f"{fake_app.base_url}/api/webhooks/product-updated",
            "isActive": True,
            "asyncEvents": [{"eventType": "PRODUCT_UPDATED"}],
        }
    ]


def test_the_manifest_is_fetched_with_the_schema_version_header(
    gql, installer_token, fake_app, httpserver, django_capture_on_commit_callbacks
):
    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    manifest_request = next(
        request for request, _ in httpserver.log if request.path == "/api/manifest"
    )
    assert manifest_request.headers["Saleor-Schema-Version"] == "3.23"


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            Response(
                json.dumps({"error": {"message": "This Saleor is not allowed"}}),
                status=403,
                content_type="application/json",
            ),
            "This Saleor is not allowed",
        ),
        (
            Response("oops", status=500),
            "App internal error (500). Try later or contact with app support.",
        ),
    ],
)
def test_an_app_that_refuses_its_token_is_not_installed(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks, response, message
):
    fake_app.register_response = response

    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    assert gql(INSTALLATIONS, token=installer_token)["data"]["appsInstallations"] == [
        {"status": "FAILED", "message": message, "appName": "Souk"}
    ]
    assert not App.objects.exists()


def test_an_unreachable_token_target_fails_the_installation(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks
):
    fake_app.manifest["tokenTargetUrl"] = (
        "http://127.0.0.1:19/api/register"  # nothing listens there
    )

    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    [failed] = AppInstallation.objects.all()
    assert (failed.status, failed.message) == (
        "failed",
        "Failed to connect to app. Try later or contact with app support.",
    )
    assert not App.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tokenTargetUrl": "/api/register"}, "tokenTargetUrl: ['Invalid target url.']"),
        (
            {"requiredSaleorVersion": "^3.24"},
            "requiredSaleorVersion: ['Saleor version 3.23.28 is not supported by the app.']",
        ),
        (
            {"requiredSaleorVersion": ">=3.20,<4"},
            "requiredSaleorVersion: ['Incorrect value for required Saleor version.']",
        ),
        (
            {"brand": {"logo": {"default": "https://souk.example/logo.jpg"}}},
            "brand: ['Invalid file type for field: logo.default.']",
        ),
        (
            {
                "webhooks": [
                    {
                        "name": "x",
                        "targetUrl": "ftp://souk.example/x",
                        "query": "subscription { event { issuedAt } }",
                    }
                ]
            },
            "webhooks: ['Invalid target url.']",
        ),
        (
            {
                "webhooks": [
                    {
                        "name": "x",
                        "targetUrl": "https://souk.example/x",
                        "asyncEvents": ["product_updated"],
                        "query": "subscription { event { issuedAt } }",
                    }
                ]
            },
            "webhooks: ['Invalid asynchronous event.']",
        ),
    ],
)
def test_an_invalid_manifest_fails_with_saleors_message(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks, changes, message
):
    fake_app.manifest.update(changes)

    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    assert AppInstallation.objects.get().message == message
    assert fake_app.registrations == []


def test_granted_permissions_are_the_installers_not_the_manifests(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks
):
    install(
        gql,
        installer_token,
        fake_app,
        django_capture_on_commit_callbacks,
        permissions=("MANAGE_ORDERS",),
    )

    assert App.objects.get().permissions == ["MANAGE_ORDERS"]


def test_an_installer_cannot_grant_a_permission_they_lack(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks
):
    payload = install(
        gql,
        installer_token,
        fake_app,
        django_capture_on_commit_callbacks,
        permissions=("MANAGE_PAGES",),
    )

    assert payload["errors"] == [
        {
            "field": "permissions",
            "code": "OUT_OF_SCOPE_PERMISSION",
            "message": "You can't add permission that you don't have.",
            "permissions": ["MANAGE_PAGES"],
        }
    ]
    assert not AppInstallation.objects.exists()


def test_only_staff_with_manage_apps_install_apps(gql, staff_token, fake_app):
    body = gql(
        APP_INSTALL,
        {"input": {"appName": "Souk", "manifestUrl": fake_app.manifest_url}},
        token=staff_token,
    )

    assert (
        body["errors"][0]["message"]
        == "To access this path, you need one of the following permissions: MANAGE_APPS"
    )


def test_the_same_app_cannot_be_installed_twice(
    gql, installer_token, fake_app, django_capture_on_commit_callbacks
):
    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)
    install(gql, installer_token, fake_app, django_capture_on_commit_callbacks)

    assert App.objects.count() == 1
    assert AppInstallation.objects.get(status="failed").message == (
        "identifier: ['App with the same identifier is already installed: Souk']"
    )


def test_another_apps_id_needs_manage_apps(gql, app_and_token):
    from saleor_sandbox.graphql.core.nodes import to_global_id
    from tests.sandbox.conftest import make_app

    _app, token = app_and_token
    other, _ = make_app([], name="Other")

    body = gql(
        "query($id: ID) { app(id: $id) { name } }",
        {"id": to_global_id("App", other.pk)},
        token=token,
    )

    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
