"""Manifest `extensions` (Dashboard views an app mounts) and the access tokens Saleor
gives a third-party app and its extensions for the signed-in staff user."""

import json

import jwt
import pytest

from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import App, AppExtension
from saleor_sandbox.services.accounts import create_access_token, create_user
from saleor_sandbox.services.manifest import clean_manifest
from tests.sandbox.apps.test_app_installation import install
from tests.sandbox.conftest import make_app

EXTENSIONS = """
query Extensions($filter: AppExtensionFilterInput) {
  appExtensions(first: 10, filter: $filter) {
    totalCount
    edges { node {
      id label url mountName targetName settings identifier
      permissions { code } app { identifier }
    } }
  }
}
"""
EXTENSION_TOKEN = "query One($id: ID!) { appExtension(id: $id) { label accessToken } }"
APP_TOKEN = "query App($id: ID!) { app(id: $id) { accessToken extensions { label } } }"
LISTINGS_EXTENSION = {
    "label": "Annonces des artisans",
    "mount": "product_overview_more_actions",
    "target": "APP_PAGE",
    "url": "/dashboard/listings/",
    "permissions": ["MANAGE_PRODUCTS"],
    "identifier": "listings",
}
POPUP_EXTENSION = {
    "label": "Provenance",
    "mount": "PRODUCT_DETAILS_MORE_ACTIONS",
    "url": "/dashboard/provenance/",
}
WIDGET_EXTENSION = {
    "label": "Artisan",
    "mount": "product_details_widgets",
    "target": "widget",
    "url": "https://souk.example/dashboard/widget/",
    "options": {"widgetTarget": {"method": "POST"}},
}


def decode(token: str, client) -> dict:
    """Verified as an app does it: with the key published at /.well-known/jwks.json."""
    [jwk] = client.get("/.well-known/jwks.json").json()["keys"]
    header = jwt.get_unverified_header(token)
    assert header["kid"] == jwk["kid"]
    key = jwt.PyJWK(jwk).key
    return jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False})


def test_an_installed_apps_extensions_are_stored_and_listed_for_staff(
    gql, fake_app, django_capture_on_commit_callbacks, db
):
    # given
    installer = create_user(
        "installer@souk.example",
        "pw",
        is_staff=True,
        permissions=["MANAGE_APPS", "MANAGE_PRODUCTS"],
    )
    fake_app.manifest["extensions"] = [LISTINGS_EXTENSION, POPUP_EXTENSION, WIDGET_EXTENSION]
    install(gql, create_access_token(installer), fake_app, django_capture_on_commit_callbacks)
    staff = create_user("vendeuse@souk.example", "pw", is_staff=True)

    # when
    body = gql(EXTENSIONS, token=create_access_token(staff))

    # then
    nodes = [edge["node"] for edge in body["data"]["appExtensions"]["edges"]]
    assert [{k: v for k, v in node.items() if k != "id"} for node in nodes] == [
        {
            "label": "Annonces des artisans",
            "url": "/dashboard/listings/",
            "mountName": "PRODUCT_OVERVIEW_MORE_ACTIONS",
            "targetName": "APP_PAGE",
            "settings": {},
            "identifier": "listings",
            "permissions": [{"code": "MANAGE_PRODUCTS"}],
            "app": {"identifier": "souk"},
        },
        {
            "label": "Provenance",
            "url": f"{fake_app.base_url}/app/dashboard/provenance/",  # joined to appUrl
            "mountName": "PRODUCT_DETAILS_MORE_ACTIONS",
            "targetName": "POPUP",
            "settings": {},
            "identifier": None,
            "permissions": [],
            "app": {"identifier": "souk"},
        },
        {
            "label": "Artisan",
            "url": "https://souk.example/dashboard/widget/",
            "mountName": "PRODUCT_DETAILS_WIDGETS",
            "targetName": "WIDGET",
            "settings": {"widgetTarget": {"method": "POST"}},
            "identifier": None,
            "permissions": [],
            "app": {"identifier": "souk"},
        },
    ]
    assert App.objects.get().type == App.Type.THIRDPARTY


def manifest_with(*extensions, permissions=("MANAGE_PRODUCTS",), app_url="https://souk.example/"):
    return {
        "id": "souk",
        "name": "Souk",
        "version": "1.0.0",
        "permissions": list(permissions),
        "appUrl": app_url,
        "extensions": list(extensions),
    }


@pytest.mark.parametrize(
    ("extension", "app_url", "code", "message"),
    [
        (
            {**LISTINGS_EXTENSION, "permissions": ["MANAGE_ORDERS"]},
            "https://souk.example/",
            "OUT_OF_SCOPE_PERMISSION",
            "Extension permission must be listed in App's permissions.",
        ),
        (
            {**LISTINGS_EXTENSION, "permissions": ["MANAGE_ARTISANS"]},
            "https://souk.example/",
            "INVALID_PERMISSION",
            "Given permissions don't exist.",
        ),
        (
            {**LISTINGS_EXTENSION, "permissions": ["MANAGE_APPS"]},
            "https://souk.example/",
            "OUT_OF_SCOPE_PERMISSION",
            "MANAGE_APPS permission cannot be granted to an app.",
        ),
        (
            LISTINGS_EXTENSION,
            "",  # a relative URL needs the manifest's appUrl
            "INVALID_URL_FORMAT",
            "Incorrect value for field: url.",
        ),
        (
            {**WIDGET_EXTENSION, "url": "not a url"},
            "https://souk.example/",
            "INVALID_URL_FORMAT",
            "Incorrect value for field: url.",
        ),
        (
            {"label": "Sans point de montage", "url": "/x/"},
            "https://souk.example/",
            "INVALID",
            "Field required",
        ),
    ],
)
def test_manifest_extensions_are_validated_as_saleor_does(extension, app_url, code, message):
    # when
    cleaned, errors = clean_manifest(manifest_with(extension, app_url=app_url), "3.23.28")

    # then
    assert cleaned is None
    assert [(e.field, e.code, e.message) for e in errors] == [("extensions", code, message)]


def test_extension_identifiers_are_unique_per_manifest():
    # when
    _cleaned, errors = clean_manifest(
        manifest_with(LISTINGS_EXTENSION, {**POPUP_EXTENSION, "identifier": "listings"}),
        "3.23.28",
    )

    # then
    assert [e.code for e in errors] == ["DUPLICATED_EXTENSION_IDENTIFIER"]


@pytest.fixture
def souk_app(db):
    app, _token = make_app(["MANAGE_PRODUCTS", "MANAGE_ORDERS"], name="Souk")
    App.objects.filter(pk=app.pk).update(type=App.Type.THIRDPARTY, app_url="https://souk.example/")
    app.refresh_from_db()
    return app


@pytest.fixture
def listings_extension(souk_app):
    return AppExtension.objects.create(
        app=souk_app,
        label="Annonces",
        url="/dashboard/listings/",
        mount="product_overview_more_actions",
        target="app_page",
        permissions=["MANAGE_PRODUCTS"],
    )


@pytest.fixture
def product_manager(db):
    return create_user(
        "vendeuse@souk.example",
        "pw",
        is_staff=True,
        permissions=["MANAGE_PRODUCTS", "MANAGE_PAGES"],
    )


def test_a_staff_user_gets_the_apps_token_with_the_permissions_both_hold(
    gql, client, souk_app, product_manager
):
    # given
    product_manager.permissions = [*product_manager.permissions, "MANAGE_APPS"]
    product_manager.save()

    # when
    body = gql(
        APP_TOKEN,
        {"id": to_global_id("App", souk_app.pk)},
        token=create_access_token(product_manager),
    )

    # then
    claims = decode(body["data"]["app"]["accessToken"], client)
    assert claims["type"] == "thirdparty"
    assert claims["app"] == to_global_id("App", souk_app.pk)
    assert claims["email"] == "vendeuse@souk.example"
    assert claims["user_id"] == to_global_id("User", product_manager.pk)
    assert claims["permissions"] == ["MANAGE_PRODUCTS"]  # the app's, that the user holds
    assert claims["user_permissions"] == ["MANAGE_APPS", "MANAGE_PAGES", "MANAGE_PRODUCTS"]
    assert claims["iss"] == "http://127.0.0.1:8001/graphql/"
    assert claims["owner"] == "saleor"
    assert claims["exp"] - claims["iat"] == 300
    assert claims["token"] == product_manager.jwt_token_key
    assert claims["is_staff"] is True


def staff_with_apps() -> str:
    return create_access_token(
        create_user("admin-apps@souk.example", "pw", is_staff=True, permissions=["MANAGE_APPS"])
    )


def test_no_app_token_for_local_apps_other_apps_or_apps_that_manage_apps(gql, souk_app):
    # given
    local, _ = make_app(["MANAGE_PRODUCTS"], name="Local")
    managing, _ = make_app(["MANAGE_APPS"], name="Installer")
    App.objects.filter(pk=managing.pk).update(type=App.Type.THIRDPARTY)
    admin = staff_with_apps()
    _app, app_token = make_app(["MANAGE_APPS"], name="Caller")

    # when
    for_local = gql(APP_TOKEN, {"id": to_global_id("App", local.pk)}, token=admin)
    for_an_app = gql(APP_TOKEN, {"id": to_global_id("App", souk_app.pk)}, token=app_token)
    refused = gql(APP_TOKEN, {"id": to_global_id("App", managing.pk)}, token=admin)

    # then
    assert for_local["data"]["app"]["accessToken"] is None
    assert for_an_app["data"]["app"]["accessToken"] is None
    assert refused["errors"][0]["message"] == (
        "App must not have MANAGE_APPS permission, please remove it first."
    )


def test_an_extension_token_is_given_to_users_holding_its_permissions(
    gql, client, listings_extension, product_manager
):
    # given
    outsider = create_user(
        "compta@souk.example", "pw", is_staff=True, permissions=["MANAGE_ORDERS"]
    )
    extension_id = to_global_id("AppExtension", listings_extension.pk)

    # when
    allowed = gql(EXTENSION_TOKEN, {"id": extension_id}, token=create_access_token(product_manager))
    refused = gql(EXTENSION_TOKEN, {"id": extension_id}, token=create_access_token(outsider))

    # then
    claims = decode(allowed["data"]["appExtension"]["accessToken"], client)
    assert claims["app_extension"] == extension_id
    assert claims["app"] == to_global_id("App", listings_extension.app_id)
    assert claims["permissions"] == ["MANAGE_PRODUCTS"]
    assert refused["data"]["appExtension"] == {"label": "Annonces", "accessToken": None}


def test_an_app_token_acts_with_its_own_permissions_only(gql, listings_extension, product_manager):
    # given a token for an extension that holds MANAGE_PRODUCTS only
    user_token = create_access_token(product_manager)
    extension_id = to_global_id("AppExtension", listings_extension.pk)
    body = gql(EXTENSION_TOKEN, {"id": extension_id}, token=user_token)
    token = body["data"]["appExtension"]["accessToken"]
    page_create = """
    mutation { pageCreate(input: {pageType: "UGFnZVR5cGU6MA==", title: "Atelier"}) {
      errors { code } } }
    """

    # when
    as_extension = gql(page_create, token=token)
    as_user = gql(page_create, token=user_token)

    # then the extension's token lacks the user's MANAGE_PAGES
    assert as_extension["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert as_user["data"]["pageCreate"]["errors"] == [{"code": "NOT_FOUND"}]


def test_extensions_are_filtered_by_mount_and_target_and_need_staff_or_app(
    gql, listings_extension, product_manager
):
    # given
    AppExtension.objects.create(
        app=listings_extension.app,
        label="Widget",
        url="https://souk.example/w/",
        mount="order_details_widgets",
        target="widget",
    )
    token = create_access_token(product_manager)

    # when
    by_mount = gql(
        EXTENSIONS, {"filter": {"mountName": ["Product_Overview_More_Actions"]}}, token=token
    )
    by_target = gql(EXTENSIONS, {"filter": {"targetName": "widget"}}, token=token)
    anonymous = gql(EXTENSIONS)

    # then
    assert [e["node"]["label"] for e in by_mount["data"]["appExtensions"]["edges"]] == ["Annonces"]
    assert [e["node"]["label"] for e in by_target["data"]["appExtensions"]["edges"]] == ["Widget"]
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_an_app_reads_its_own_extensions_app_but_not_anothers(gql, listings_extension):
    # given
    _other, other_token = make_app(["MANAGE_PRODUCTS"], name="Autre")
    query = "{ appExtensions(first: 5) { edges { node { label app { name } } } } }"

    # when
    body = gql(query, token=other_token)

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert json.dumps(body["errors"][0]["path"]) == '["appExtensions", "edges", 0, "node", "app"]'
