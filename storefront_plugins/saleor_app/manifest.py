"""The App manifest Saleor reads at installation: a pure function of the public URL."""

from collections.abc import Sequence
from typing import Any

from storefront_plugins.saleor_app.documents import saleor_app_documents
from storefront_plugins.saleor_app.events import SyncWebhookEvent, WebhookEvent
from storefront_plugins.saleor_app.handlers import SyncWebhook

# The least the suite needs; each addition comes with the feature that needs it.
PERMISSIONS = [
    "MANAGE_PRODUCTS",
    "MANAGE_ORDERS",
    "MANAGE_PAGES",
    # Provenance write-back (Saleor's marketplace recipe): creating the `artisan` page type
    # (pageTypeCreate) and the product attribute `artisan` that references it
    # (attributeCreate of type PRODUCT_TYPE, productAttributeAssign).
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    # Payments (storefront_plugins.payments): the App is a payment gateway of the
    # Transactions API (sync payment webhooks, transactionEventReport).
    "HANDLE_PAYMENTS",
    # Listings (storefront_plugins.listings): the pieces' Arabic and English names and
    # descriptions (productTranslate, productVariantTranslate).
    "MANAGE_TRANSLATIONS",
]
# 3.22: the Dashboard extensions' WIDGET and NEW_TAB targets with a POST method.
REQUIRED_SALEOR_VERSION = ">=3.22"

WEBHOOK_EVENTS = [
    WebhookEvent.ORDER_FULLY_PAID,
    WebhookEvent.ORDER_REFUNDED,
    WebhookEvent.ORDER_FULLY_REFUNDED,
    WebhookEvent.ORDER_CANCELLED,
    WebhookEvent.ORDER_FULFILLED,
    WebhookEvent.PRODUCT_CREATED,
    WebhookEvent.PRODUCT_UPDATED,
    WebhookEvent.PRODUCT_DELETED,
]


def webhook_path(event: WebhookEvent | SyncWebhookEvent) -> str:
    return f"/api/webhooks/{event.slug}"


def dashboard_extensions(base: str) -> list[dict[str, Any]]:
    """Souk's views where Saleor staff work. Both are posted to with method POST, so the
    Dashboard sends the staff user's token in the form (`accessToken`, `saleorApiUrl`,
    `appId`, and the page's ids such as `productId`): the App verifies it on the first
    request and renders the page on the server, with no App Bridge handshake.

    The Dashboard gives an extension a token with the extension's permissions the user
    holds; the views check the user's own permission in it too (`storefront_plugins.dashboard`).
    """
    return [
        {
            "identifier": "souk-product-provenance",
            "label": "Provenance",
            "mount": "PRODUCT_DETAILS_WIDGETS",
            "target": "WIDGET",
            "options": {"widgetTarget": {"method": "POST"}},
            "url": f"{base}/dashboard/provenance",
            "permissions": ["MANAGE_PRODUCTS"],
        },
        {
            "identifier": "souk-payouts",
            "label": "Souk payouts",
            "mount": "NAVIGATION_ORDERS",
            "target": "NEW_TAB",
            "options": {"newTabTarget": {"method": "POST"}},
            "url": f"{base}/dashboard/payouts",
            "permissions": ["HANDLE_PAYMENTS"],
        },
    ]


def build_manifest(
    public_url: str,
    *,
    app_id: str,
    version: str,
    sync_webhooks: Sequence[SyncWebhook] = (),
) -> dict[str, Any]:
    """`sync_webhooks` are those capabilities registered (`registered_sync_webhooks()`)."""
    base = public_url.rstrip("/")
    return {
        "id": app_id,
        "version": version,
        "name": "Souk",
        "about": (
            "Souk brings artisan provenance, per-artisan payouts and cooperative storefronts "
            "to Saleor, for craft cooperatives and artisans of Morocco and Algeria."
        ),
        "author": "Souk",
        "brand": {"logo": {"default": f"{base}/static/saleor_app/logo.png"}},
        "requiredSaleorVersion": REQUIRED_SALEOR_VERSION,
        "permissions": PERMISSIONS,
        "appUrl": f"{base}/app/",
        "tokenTargetUrl": f"{base}/api/register",
        "homepageUrl": f"{base}/",
        "supportUrl": f"{base}/support/",
        "dataPrivacyUrl": f"{base}/privacy/",
        "webhooks": [
            {
                "name": f"Souk {event.header_value.replace('_', ' ')}",
                "asyncEvents": [event.value],
                "query": saleor_app_documents.get(f"subscriptions/{event.subscription_name}"),
                "targetUrl": f"{base}{webhook_path(event)}",
                "isActive": True,
            }
            for event in WEBHOOK_EVENTS
        ]
        + [
            {
                "name": f"Souk {webhook.event.header_value.replace('_', ' ')}",
                "syncEvents": [webhook.event.value],
                "query": webhook.query,
                "targetUrl": f"{base}{webhook_path(webhook.event)}",
                "isActive": True,
            }
            for webhook in sync_webhooks
        ],
        "extensions": dashboard_extensions(base),
    }
