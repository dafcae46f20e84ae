"""Metadata changes on catalogue objects emit what Saleor 3.23 emits by default
(`useLegacyUpdateWebhookEmission` is true on a fresh 3.23 install): PRODUCT_UPDATED then
PRODUCT_METADATA_UPDATED for a product, PRODUCT_VARIANT_UPDATED for a variant, nothing
for a page (Saleor has no page entry in its metadata extra actions)."""

from typing import Any

from saleor_sandbox.graphql.core.metadata import metadata_change_listeners
from saleor_sandbox.models import Product, ProductVariant
from saleor_sandbox.services.catalogue_events import emit

USE_LEGACY_UPDATE_WEBHOOK_EMISSION = True


def on_metadata_change(info: Any, instance: Any, _private: bool) -> None:
    if isinstance(instance, Product):
        if USE_LEGACY_UPDATE_WEBHOOK_EMISSION:
            emit("PRODUCT_UPDATED", instance, info.context)
        emit("PRODUCT_METADATA_UPDATED", instance, info.context)
    elif isinstance(instance, ProductVariant) and USE_LEGACY_UPDATE_WEBHOOK_EMISSION:
        # PRODUCT_VARIANT_METADATA_UPDATED is not among the sandbox's events yet.
        emit("PRODUCT_VARIANT_UPDATED", instance, info.context)


if on_metadata_change not in metadata_change_listeners:
    metadata_change_listeners.append(on_metadata_change)
