"""Products: create, update, delete and channel listings (media: catalogue_media). Each
function checks its whole input first, then writes (the caller holds the transaction)."""

import copy
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from saleor_sandbox.errors import MutationError, MutationErrors
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Category,
    Channel,
    Collection,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from saleor_sandbox.services.catalogue_attributes import (
    CleanedAttribute,
    clean_attribute_input,
    save_attribute_values,
)
from saleor_sandbox.services.catalogue_common import (
    apply_metadata,
    check_slug,
    description_plaintext,
    get_node,
    get_nodes,
    unique_slug,
)
from saleor_sandbox.services.catalogue_events import emit

PRODUCT_FIELDS = ("name", "description", "rating", "external_reference")


@dataclass
class CleanedProduct:
    data: dict[str, Any]
    product_type: ProductType
    category: Category | None
    collections: list[Collection] | None
    attributes: list[CleanedAttribute]


def _clean_product_input(
    data: dict[str, Any], product_type: ProductType, instance: Product | None
) -> CleanedProduct:
    creation = instance is None
    exclude: Any = instance.pk if instance else None
    if "slug" in data and data["slug"] is not None:
        check_slug(Product, data["slug"], exclude, "Product")
    if creation and not (data.get("name") or "").strip():
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    if data.get("external_reference") and (
        Product.objects.filter(external_reference=data["external_reference"])
        .exclude(pk=exclude)
        .exists()
    ):
        raise MutationErrors(
            [
                MutationError(
                    "externalReference",
                    "UNIQUE",
                    "Product with this External reference already exists.",
                )
            ]
        )
    category = None
    if data.get("category"):
        category = get_node(data["category"], "Category", Category, "category")
    collections = None
    if data.get("collections") is not None:
        collections = get_nodes(data["collections"], "Collection", Collection, "collections")
    if data.get("weight") is not None and data["weight"] < 0:
        raise MutationErrors(
            [MutationError("weight", "INVALID", "Product can't have negative weight.")]
        )
    attributes: list[CleanedAttribute] = []
    if data.get("attributes"):
        attributes = clean_attribute_input(
            data["attributes"], product_type.product_attributes.all(), creation=creation
        )
    return CleanedProduct(data, product_type, category, collections, attributes)


def _apply(product: Product, cleaned: CleanedProduct) -> None:
    data = cleaned.data
    for name in PRODUCT_FIELDS:
        if name in data:
            setattr(product, name, data[name])
    if "description" in data:
        product.description_plaintext = description_plaintext(data["description"])
    if data.get("slug"):
        product.slug = data["slug"]
    elif not product.slug:
        product.slug = unique_slug(Product, product.name)
    if "category" in data:
        product.category = cleaned.category
    if "weight" in data:
        product.weight_kg = data["weight"]
    seo = data.get("seo") or {}
    if seo.get("title") is not None:
        product.seo_title = seo["title"]
    if seo.get("description") is not None:
        product.seo_description = seo["description"]
    apply_metadata(product, data)
    product.search_vector = " ".join(
        part.lower() for part in (product.name, product.slug, product.description_plaintext) if part
    )


def create_product(data: dict[str, Any], context: Any) -> Product:
    product_type = get_node(data["product_type"], "ProductType", ProductType, "productType")
    cleaned = _clean_product_input(data, product_type, None)
    product = Product(product_type=product_type)
    _apply(product, cleaned)
    product.save()
    if cleaned.collections is not None:
        product.collections.set(cleaned.collections)  # type: ignore[attr-defined]
    save_attribute_values(product, cleaned.attributes)
    emit("PRODUCT_CREATED", product, context)
    return product


def get_product(global_id: str | None, external_reference: str | None) -> Product:
    if global_id is None and external_reference is None:
        raise MutationErrors(
            [
                MutationError(
                    "id", "GRAPHQL_ERROR", "Argument 'id' or 'external_reference' is required."
                )
            ]
        )
    if global_id is not None:
        return get_node(global_id, "Product", Product, "id", Product.objects.select_for_update())
    product = Product.objects.select_for_update().filter(external_reference=external_reference)
    found = product.first()
    if found is None:
        raise MutationErrors(
            [
                MutationError(
                    "externalReference",
                    "NOT_FOUND",
                    f"Couldn't resolve to a node: {external_reference}",
                )
            ]
        )
    return found


def update_product(product: Product, data: dict[str, Any], context: Any) -> Product:
    cleaned = _clean_product_input(data, product.product_type, product)
    _apply(product, cleaned)
    product.save()
    if cleaned.collections is not None:
        product.collections.set(cleaned.collections)  # type: ignore[attr-defined]
    save_attribute_values(product, cleaned.attributes)
    emit("PRODUCT_UPDATED", product, context)
    return product


def delete_product(product: Product, context: Any) -> Product:
    """Deletes the product and its variants; the PRODUCT_DELETED payload sees the product
    as it was (Saleor builds it before the rows go), and the returned copy keeps its id."""
    snapshot = copy.copy(product)
    emit("PRODUCT_DELETED", snapshot, context)
    product.delete()
    return snapshot


def update_product_channel_listings(
    product: Product, data: dict[str, Any], context: Any
) -> Product:
    updates = data.get("update_channels") or []
    removals = data.get("remove_channels") or []
    update_ids = [item["channel_id"] for item in updates]
    duplicated = sorted(
        {gid for gid in update_ids if update_ids.count(gid) > 1} | (set(update_ids) & set(removals))
    )
    if duplicated:
        raise MutationErrors(
            [
                MutationError(
                    "input",
                    "DUPLICATED_INPUT_ITEM",
                    "Duplicated channel ID.",
                    {"channels": duplicated},
                )
            ]
        )
    dated_but_unavailable = [
        item["channel_id"]
        for item in updates
        if item.get("available_for_purchase_at") and not item.get("is_available_for_purchase")
    ]
    if dated_but_unavailable:
        raise MutationErrors(
            [
                MutationError(
                    "availableForPurchaseDate",
                    "INVALID",
                    "Cannot set available for purchase date when isAvailableForPurchase is false.",
                    {"channels": dated_but_unavailable},
                )
            ]
        )
    channels = get_nodes(update_ids, "Channel", Channel, "updateChannels")
    removed = get_nodes(removals, "Channel", Channel, "removeChannels")
    variant_changes = []
    for item, channel in zip(updates, channels, strict=True):
        added = get_nodes(
            item.get("add_variants") or [], "ProductVariant", ProductVariant, "addVariants"
        )
        dropped = get_nodes(
            item.get("remove_variants") or [], "ProductVariant", ProductVariant, "removeVariants"
        )
        foreign = [v for v in [*added, *dropped] if v.product_id != product.pk]
        if foreign:
            raise MutationErrors(
                [
                    MutationError(
                        "addVariants",
                        "NOT_PRODUCTS_VARIANT",
                        "Variants are not assigned to this product.",
                        {"variants": [to_global_id("ProductVariant", v.pk) for v in foreign]},
                    )
                ]
            )
        variant_changes.append((channel, added, dropped))
    now = timezone.now()
    for item, (channel, added, dropped) in zip(updates, variant_changes, strict=True):
        listing, _created = ProductChannelListing.objects.get_or_create(
            product=product, channel=channel, defaults={"currency": channel.currency_code}
        )
        # As Saleor: publishing without a date publishes now; the purchase date follows
        # isAvailableForPurchase (its date, else now), and is cleared by false.
        if item.get("is_published") is not None:
            listing.is_published = item["is_published"]
        if item.get("published_at") is not None:
            listing.published_at = item["published_at"]
        elif item.get("is_published"):
            listing.published_at = now
        if item.get("visible_in_listings") is not None:
            listing.visible_in_listings = item["visible_in_listings"]
        available = item.get("is_available_for_purchase")
        if available is not None:
            listing.available_for_purchase_at = (
                (item.get("available_for_purchase_at") or now) if available else None
            )
        listing.save()
        for variant in added:
            ProductVariantChannelListing.objects.get_or_create(
                variant=variant, channel=channel, defaults={"currency": channel.currency_code}
            )
        ProductVariantChannelListing.objects.filter(variant__in=dropped, channel=channel).delete()
    for channel in removed:
        ProductChannelListing.objects.filter(product=product, channel=channel).delete()
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel=channel
        ).delete()
    emit("PRODUCT_UPDATED", product, context)
    return product
