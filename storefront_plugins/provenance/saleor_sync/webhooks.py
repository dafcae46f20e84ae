"""Keeping both sides in sync: Saleor's product events, registered from `ready()`."""

import logging

from storefront_plugins.provenance.saleor_sync import providers
from storefront_plugins.provenance.saleor_sync.decisions import product_needs_sync
from storefront_plugins.provenance.saleor_sync.services import artisan_page_ids
from storefront_plugins.provenance.saleor_sync.tasks import enqueue_product_sync
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage, webhook_handler
from storefront_plugins.saleor_app.models import Installation

logger = logging.getLogger(__name__)


def repair_product_provenance(message: WebhookMessage) -> None:
    """PRODUCT_UPDATED: queue a sync when Saleor's product differs from what the App writes.

    An edit in the Dashboard that removed the artisan is repaired; the App's own writes
    come back identical and queue nothing, which ends the loop.
    """
    product = message.payload.get("product")
    if not isinstance(product, dict) or not product.get("id"):
        return
    summary = providers.provenance_summary_for(message.saleor_api_url, product["id"])
    if summary is None:
        return
    installation = Installation.objects.get(pk=message.installation_id)
    page_ids, _missing = artisan_page_ids(installation, list(summary.artisan_slugs))
    if product_needs_sync(product, summary, page_ids):
        logger.info("Saleor's product %s drifted from its provenance; repairing.", product["id"])
        enqueue_product_sync(message.installation_id, product["id"])


def forget_deleted_product(message: WebhookMessage) -> None:
    """PRODUCT_DELETED: the provenance data marks the product as removed from Saleor."""
    product = message.payload.get("product")
    if not isinstance(product, dict) or not product.get("id"):
        return
    if providers.summary_provider.product_deleted is None:
        logger.info("Product %s deleted in Saleor; no provenance data to mark.", product["id"])
        return
    providers.summary_provider.product_deleted(message.saleor_api_url, product["id"])


def register_webhook_handlers() -> None:
    webhook_handler(WebhookEvent.PRODUCT_UPDATED)(repair_product_provenance)
    webhook_handler(WebhookEvent.PRODUCT_DELETED)(forget_deleted_product)
