"""Product variants: create, update, delete, prices per channel and stock."""

import copy
from typing import Any

from saleor_sandbox.errors import MutationError, MutationErrors
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    Warehouse,
)
from saleor_sandbox.services.catalogue_attributes import (
    clean_attribute_input,
    save_attribute_values,
)
from saleor_sandbox.services.catalogue_common import apply_metadata, get_node, get_nodes
from saleor_sandbox.services.catalogue_events import emit
from saleor_sandbox.services.catalogue_stock import set_stock_quantities

VARIANT_FIELDS = ("name", "track_inventory", "quantity_limit_per_customer", "external_reference")


def get_variant(
    global_id: str | None, sku: str | None = None, external_reference: str | None = None
) -> ProductVariant:
    locked = ProductVariant.objects.select_for_update().select_related("product")
    if global_id is not None:
        return get_node(global_id, "ProductVariant", ProductVariant, "id", locked)
    if sku is not None:
        found = locked.filter(sku=sku).first()
        field, key = "sku", sku
    elif external_reference is not None:
        found = locked.filter(external_reference=external_reference).first()
        field, key = "externalReference", external_reference
    else:
        raise MutationErrors(
            [
                MutationError(
                    "id", "GRAPHQL_ERROR", "At least one of arguments is required: 'id', 'sku'."
                )
            ]
        )
    if found is None:
        raise MutationErrors(
            [MutationError(field, "NOT_FOUND", f"Couldn't resolve to a node: {key}")]
        )
    return found


def _check_unique(data: dict[str, Any], exclude: Any) -> None:
    if (
        data.get("sku")
        and ProductVariant.objects.filter(sku=data["sku"]).exclude(pk=exclude).exists()
    ):
        raise MutationErrors(
            [MutationError("sku", "UNIQUE", "Product variant with this SKU already exists.")]
        )
    reference = data.get("external_reference")
    if (
        reference
        and ProductVariant.objects.filter(external_reference=reference).exclude(pk=exclude).exists()
    ):
        raise MutationErrors(
            [
                MutationError(
                    "externalReference",
                    "UNIQUE",
                    "Product variant with this External reference already exists.",
                )
            ]
        )
    if (
        data.get("quantity_limit_per_customer") is not None
        and data["quantity_limit_per_customer"] < 1
    ):
        raise MutationErrors(
            [
                MutationError(
                    "quantityLimitPerCustomer",
                    "INVALID",
                    "Product variant can't have quantity_limit_per_customer lower than 1.",
                )
            ]
        )
    if data.get("weight") is not None and data["weight"] < 0:
        raise MutationErrors(
            [MutationError("weight", "INVALID", "Product variant can't have negative weight.")]
        )


def _clean_stocks(stocks: list[dict[str, Any]], field: str = "stocks") -> dict[int, int]:
    ids = [item["warehouse"] for item in stocks]
    duplicated = sorted({gid for gid in ids if ids.count(gid) > 1})
    if duplicated:
        raise MutationErrors([MutationError("warehouse", "UNIQUE", "Duplicated warehouse ID.")])
    warehouses = get_nodes(ids, "Warehouse", Warehouse, field)
    quantities = {}
    for item, warehouse in zip(stocks, warehouses, strict=True):
        if item["quantity"] < 0:
            raise MutationErrors(
                [MutationError("quantity", "INVALID", "Quantity can't be negative.")]
            )
        quantities[warehouse.pk] = item["quantity"]
    return quantities


def _apply(variant: ProductVariant, data: dict[str, Any]) -> None:
    for name in VARIANT_FIELDS:
        if name in data and data[name] is not None:
            setattr(variant, name, data[name])
    if "sku" in data:
        variant.sku = data["sku"] or None
    if "weight" in data:
        variant.weight_kg = data["weight"]
    apply_metadata(variant, data)


def create_variant(data: dict[str, Any], context: Any) -> ProductVariant:
    product = get_node(data["product"], "Product", Product, "product")
    if not product.product_type.has_variants and product.variants.exists():
        raise MutationErrors(
            [
                MutationError(
                    "attributes",
                    "ATTRIBUTE_VARIANTS_DISABLED",
                    "Product type has variants disabled.",
                )
            ]
        )
    _check_unique(data, None)
    attributes = clean_attribute_input(
        data.get("attributes") or [],
        product.product_type.variant_attributes.all(),
        creation=True,
    )
    quantities = _clean_stocks(data.get("stocks") or [])
    variant = ProductVariant(product=product, sort_order=product.variants.count())
    _apply(variant, data)
    variant.save()
    save_attribute_values(variant, attributes)
    set_stock_quantities(variant, quantities)
    emit("PRODUCT_VARIANT_CREATED", variant, context)
    return variant


def update_variant(variant: ProductVariant, data: dict[str, Any], context: Any) -> ProductVariant:
    _check_unique(data, variant.pk)
    attributes = []
    if data.get("attributes"):
        attributes = clean_attribute_input(
            data["attributes"],
            variant.product.product_type.variant_attributes.all(),
            creation=False,
        )
    _apply(variant, data)
    variant.save()
    save_attribute_values(variant, attributes)
    emit("PRODUCT_VARIANT_UPDATED", variant, context)
    return variant


def delete_variant(variant: ProductVariant, context: Any) -> ProductVariant:
    snapshot = copy.copy(variant)
    emit("PRODUCT_VARIANT_DELETED", snapshot, context)
    variant.delete()
    return snapshot


def update_variant_channel_listings(
    variant: ProductVariant, items: list[dict[str, Any]], context: Any
) -> ProductVariant:
    ids = [item["channel_id"] for item in items]
    duplicated = sorted({gid for gid in ids if ids.count(gid) > 1})
    if duplicated:
        raise MutationErrors(
            [
                MutationError(
                    "channelId",
                    "DUPLICATED_INPUT_ITEM",
                    "Duplicated channel ID.",
                    {"channels": duplicated},
                )
            ]
        )
    channels = get_nodes(ids, "Channel", Channel, "channelId")
    listed = set(
        ProductChannelListing.objects.filter(product_id=variant.product_id).values_list(
            "channel_id", flat=True
        )
    )
    not_listed = [
        gid for gid, channel in zip(ids, channels, strict=True) if channel.pk not in listed
    ]
    if not_listed:
        raise MutationErrors(
            [
                MutationError(
                    "channelId",
                    "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
                    "Product not available in channels.",
                    {"channels": not_listed},
                )
            ]
        )
    for field in ("price", "cost_price", "prior_price"):
        invalid = [
            gid
            for gid, item in zip(ids, items, strict=True)
            if field in item and item[field] is None
        ]
        if field == "price" and invalid:
            raise MutationErrors(
                [
                    MutationError(
                        "price",
                        "INVALID",
                        "Product price cannot be lower than 0.",
                        {"channels": invalid},
                    )
                ]
            )
    for item, channel in zip(items, channels, strict=True):
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=channel,
            defaults={
                "currency": channel.currency_code,
                "price_amount": item["price"],
                "cost_price_amount": item.get("cost_price"),
                "prior_price_amount": item.get("prior_price"),
            },
        )
    emit("PRODUCT_VARIANT_UPDATED", variant, context)
    return variant


def update_variant_stocks(variant: ProductVariant, stocks: list[dict[str, Any]]) -> ProductVariant:
    quantities = _clean_stocks(stocks, "warehouse")
    set_stock_quantities(variant, quantities)
    return variant


def create_variant_stocks(variant: ProductVariant, stocks: list[dict[str, Any]]) -> ProductVariant:
    """productVariantStocksCreate: new stocks only; a warehouse the variant is already
    stocked in is a UNIQUE error at its index, as Saleor reports it."""
    quantities = _clean_stocks(stocks, "warehouse")
    existing = set(
        variant.stocks.filter(warehouse_id__in=quantities).values_list("warehouse_id", flat=True)
    )
    if existing:  # the quantities keep the input's order (duplicates were refused)
        raise MutationErrors(
            [
                MutationError(
                    "warehouse",
                    "UNIQUE",
                    "Stock for this warehouse already exists for this product variant.",
                    {"index": index},
                )
                for index, warehouse_id in enumerate(quantities)
                if warehouse_id in existing
            ]
        )
    set_stock_quantities(variant, quantities)
    return variant


def variant_global_id(variant: ProductVariant) -> str:
    return to_global_id("ProductVariant", variant.pk)
