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
    assert manifest["requiredSaleorVersion"] == ">=3.20"


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
