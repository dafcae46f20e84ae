from urllib.parse import urlsplit

import pytest

from storefront_plugins.saleor_app.manifest import WEBHOOK_EVENTS

REQUIRED_FIELDS = {
    "id",
    "version",
    "name",
    "about",
    "author",
    "brand",
    "appUrl",
    "tokenTargetUrl",
    "homepageUrl",
    "supportUrl",
    "dataPrivacyUrl",
    "requiredSaleorVersion",
    "permissions",
    "webhooks",
}


@pytest.fixture
def manifest(client, settings):
    settings.PUBLIC_URL = "https://souk.example.ma"
    response = client.get("/api/manifest")
    assert response.status_code == 200
    return response.json()


def test_manifest_has_every_field_saleor_reads(manifest):
    assert manifest.keys() >= REQUIRED_FIELDS
    assert manifest["id"] == "souk"
    assert manifest["version"] == "0.1.0"
    assert manifest["requiredSaleorVersion"] == ">=3.22"


def test_manifest_asks_for_the_least_permissions_the_suite_needs(manifest):
    assert manifest["permissions"] == [
        "MANAGE_PRODUCTS",
        "MANAGE_ORDERS",
        "MANAGE_PAGES",
        "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
        "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
        "HANDLE_PAYMENTS",
        "MANAGE_TRANSLATIONS",
    ]


def test_manifest_urls_are_absolute_under_the_public_url(manifest):
    urls = [
        manifest["appUrl"],
        manifest["tokenTargetUrl"],
        manifest["homepageUrl"],
        manifest["supportUrl"],
        manifest["dataPrivacyUrl"],
        manifest["brand"]["logo"]["default"],
        *(webhook["targetUrl"] for webhook in manifest["webhooks"]),
    ]
    for url in urls:
        assert url.startswith("https://souk.example.ma/"), url
    assert manifest["tokenTargetUrl"] == "https://souk.example.ma/api/register"


def test_manifest_subscribes_to_the_order_and_product_events(manifest):
    events = [event for webhook in manifest["webhooks"] for event in webhook.get("asyncEvents", [])]
    assert set(events) >= {
        "ORDER_FULLY_PAID",
        "ORDER_REFUNDED",
        "ORDER_FULLY_REFUNDED",
        "ORDER_CANCELLED",
        "PRODUCT_UPDATED",
        "PRODUCT_DELETED",
    }
    assert len(events) == len(set(events)) == len(WEBHOOK_EVENTS)
    assert all(webhook["isActive"] for webhook in manifest["webhooks"])


def test_manifest_answers_saleors_payment_webhooks_synchronously(manifest):
    sync = {
        event: webhook
        for webhook in manifest["webhooks"]
        for event in webhook.get("syncEvents", [])
    }
    assert list(sync) == [
        "PAYMENT_GATEWAY_INITIALIZE_SESSION",
        "TRANSACTION_INITIALIZE_SESSION",
        "TRANSACTION_PROCESS_SESSION",
        "TRANSACTION_CHARGE_REQUESTED",
        "TRANSACTION_REFUND_REQUESTED",
        "TRANSACTION_CANCELATION_REQUESTED",
    ]
    assert sync["TRANSACTION_PROCESS_SESSION"]["targetUrl"] == (
        "https://souk.example.ma/api/webhooks/transaction-process-session"
    )
    assert "on TransactionProcessSession" in sync["TRANSACTION_PROCESS_SESSION"]["query"]


def test_every_url_in_the_manifest_is_served(manifest, client, db):
    for key in ("appUrl", "homepageUrl", "supportUrl", "dataPrivacyUrl"):
        path = urlsplit(manifest[key]).path
        assert client.get(path).status_code == 200, key
    logo = client.get(urlsplit(manifest["brand"]["logo"]["default"]).path)
    assert logo.status_code == 200
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_webhook_target_urls_are_the_app_webhook_endpoints(manifest, client):
    for webhook in manifest["webhooks"]:
        path = urlsplit(webhook["targetUrl"]).path
        # unsigned, so refused, but by the webhook endpoint rather than a 404
        assert client.post(path, data=b"{}", content_type="application/json").status_code == 400


# Saleor's checks of manifest extensions at installation (saleor/app/manifest_validations.py,
# manifest_schema.py and types.py of 3.22 and 3.23; the Dashboard's own in
# src/extensions/domain/app-extension-manifest*.ts).
WIDGET_MOUNTS = {
    "ORDER_DETAILS_WIDGETS",
    "PRODUCT_DETAILS_WIDGETS",
    "VOUCHER_DETAILS_WIDGETS",
    "DRAFT_ORDER_DETAILS_WIDGETS",
    "GIFT_CARD_DETAILS_WIDGETS",
    "CUSTOMER_DETAILS_WIDGETS",
    "COLLECTION_DETAILS_WIDGETS",
}
NAVIGATION_MOUNTS = {
    "NAVIGATION_CATALOG",
    "NAVIGATION_ORDERS",
    "NAVIGATION_CUSTOMERS",
    "NAVIGATION_DISCOUNTS",
    "NAVIGATION_TRANSLATIONS",
    "NAVIGATION_PAGES",
}
TARGETS = {"POPUP", "APP_PAGE", "NEW_TAB", "WIDGET"}
EXTENSION_IDENTIFIER_MAX_LENGTH = 256


def saleor_extension_errors(manifest):
    """What Saleor (3.22, 3.23) would refuse in the manifest's extensions."""
    errors = []
    identifiers = set()
    for extension in manifest["extensions"]:
        label = extension.get("label")
        if not (isinstance(label, str) and label and extension.get("url") and "mount" in extension):
            errors.append(f"{label}: label, url and mount are required")
            continue
        target = extension.get("target", "POPUP").upper()
        mount = extension["mount"].upper()
        if target not in TARGETS:
            errors.append(f"{label}: unknown target {target}")
        if mount not in WIDGET_MOUNTS | NAVIGATION_MOUNTS and not mount.endswith(
            ("_MORE_ACTIONS", "_OVERVIEW_CREATE", "HOMEPAGE_WIDGETS")
        ):
            errors.append(f"{label}: unknown mount {mount}")
        if target == "WIDGET" and mount not in WIDGET_MOUNTS:
            errors.append(f"{label}: Mount {mount} is not available for WIDGET target.")
        options = extension.get("options", {})
        if options.get("widgetTarget") and target != "WIDGET":
            errors.append(f"{label}: widgetTarget options must be set only on WIDGET target")
        if options.get("newTabTarget") and target != "NEW_TAB":
            errors.append(f"{label}: newTabTarget options must be set only on NEW_TAB target")
        for option in ("widgetTarget", "newTabTarget"):
            if option in options and options[option].get("method") not in {"GET", "POST"}:
                errors.append(f"{label}: {option}.method must be GET or POST")
        url = extension["url"]
        if target == "APP_PAGE" and not url.startswith("/"):
            errors.append(f'{label}: APP_PAGE type of extension must start with "/"')
        if not url.startswith("/") and urlsplit(url).scheme not in {"http", "https"}:
            errors.append(f"{label}: Incorrect value for field: url.")
        if not set(extension.get("permissions", [])) <= set(manifest["permissions"]):
            errors.append(f"{label}: Extension permission must be listed in App's permissions.")
        identifier = (extension.get("identifier") or "").strip()
        if len(identifier) > EXTENSION_IDENTIFIER_MAX_LENGTH or identifier in identifiers:
            errors.append(f"{label}: identifier too long or duplicated")
        identifiers.add(identifier)
    return errors


def test_the_manifest_extensions_pass_saleors_checks(manifest):
    assert saleor_extension_errors(manifest) == []


def test_the_extension_checks_catch_what_saleor_refuses(manifest):
    # given extensions Saleor would refuse
    bad = {
        **manifest,
        "extensions": [
            {**manifest["extensions"][1], "target": "WIDGET"},
            {**manifest["extensions"][0], "permissions": ["MANAGE_APPS"]},
        ],
    }

    # then
    assert saleor_extension_errors(bad) == [
        "Souk payouts: Mount NAVIGATION_ORDERS is not available for WIDGET target.",
        "Souk payouts: newTabTarget options must be set only on NEW_TAB target",
        "Provenance: Extension permission must be listed in App's permissions.",
    ]


def test_staff_see_provenance_on_the_product_page_and_payouts_in_the_navigation(manifest):
    extensions = {extension["identifier"]: extension for extension in manifest["extensions"]}

    assert extensions["souk-product-provenance"] == {
        "identifier": "souk-product-provenance",
        "label": "Provenance",
        "mount": "PRODUCT_DETAILS_WIDGETS",
        "target": "WIDGET",
        "options": {"widgetTarget": {"method": "POST"}},
        "url": "https://souk.example.ma/dashboard/provenance",
        "permissions": ["MANAGE_PRODUCTS"],
    }
    assert extensions["souk-payouts"]["mount"] == "NAVIGATION_ORDERS"
    assert extensions["souk-payouts"]["target"] == "NEW_TAB"
    assert extensions["souk-payouts"]["options"] == {"newTabTarget": {"method": "POST"}}
    assert extensions["souk-payouts"]["url"] == "https://souk.example.ma/dashboard/payouts"
    assert extensions["souk-payouts"]["permissions"] == ["HANDLE_PAYMENTS"]
