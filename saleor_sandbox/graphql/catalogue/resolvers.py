"""Query resolvers shared by the root queries and nested connections: visibility,
filters, sorting, and the prefetches that keep list queries at a fixed query count."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from saleor_sandbox.graphql.catalogue.context import all_in_channel, in_channel, requested_fields
from saleor_sandbox.graphql.catalogue.filters import (
    check_one_filter,
    product_filter,
    product_where,
    search_products,
    sort_products,
)
from saleor_sandbox.graphql.core.connection import paginate
from saleor_sandbox.models import Collection, Product, ProductVariant
from saleor_sandbox.services.catalogue_common import enum_value
from saleor_sandbox.services.catalogue_visibility import (
    channel_scope,
    listed_products,
    visible_products,
    visible_variants,
)

ATTRIBUTE_FIELDS = {"attributes", "attribute"}
VARIANT_FIELDS = {"variants", "defaultVariant", "pricing", "isAvailable"}


def variant_prefetches(names: set[str], prefix: str = "") -> list[Any]:
    lookups: list[Any] = [f"{prefix}channel_listings__channel"]
    if names & {"quantityAvailable", "stocks", "isAvailable"}:
        lookups.append(f"{prefix}stocks__warehouse")
    if names & ATTRIBUTE_FIELDS:
        lookups += [
            f"{prefix}attribute_values__value__attribute",
            f"{prefix}attribute_values__attribute",
        ]
    if "media" in names:
        lookups.append(f"{prefix}media")
    if "translation" in names:
        lookups.append(f"{prefix}translations")
    return lookups


def with_product_prefetches(queryset: QuerySet[Product], names: set[str]) -> QuerySet[Product]:
    queryset = queryset.select_related("product_type", "category")
    lookups: list[Any] = ["channel_listings__channel"]
    if names & VARIANT_FIELDS:
        lookups.append("variants")
        lookups += variant_prefetches(names, "variants__")
    if names & ATTRIBUTE_FIELDS:
        lookups += [
            "product_type__product_attributes",
            "product_type__variant_attributes",
            "attribute_values__value__attribute",
            "attribute_values__attribute",
        ]
    if names & {"media", "thumbnail"}:
        lookups.append("media")
    if "collections" in names:
        lookups.append(Prefetch("collections", Collection.objects.prefetch_related("channels")))
    if "translation" in names:
        lookups.append("translations")
        if "category" in names:
            lookups.append("category__translations")
    return queryset.prefetch_related(*lookups)


def with_variant_prefetches(
    queryset: QuerySet[ProductVariant], names: set[str]
) -> QuerySet[ProductVariant]:
    queryset = queryset.select_related("product__product_type", "product__category")
    lookups = variant_prefetches(names)
    lookups.append("product__channel_listings__channel")
    if names & ATTRIBUTE_FIELDS:
        lookups.append("product__product_type__variant_attributes")
    if "translation" in names and "product" in names:
        lookups.append("product__translations")
    return queryset.prefetch_related(*lookups)


def resolve_products(
    info: Any,
    field_name: str,
    restriction: dict[str, Any] | None = None,
    *,
    channel: str | None = None,
    filter: Any = None,
    where: Any = None,
    sort_by: Any = None,
    search: str | None = None,
    **pagination: Any,
) -> Any:
    check_one_filter({"filter": filter, "where": where})
    scope = channel_scope(info.context, channel)
    products = listed_products(scope)
    if restriction:
        products = products.filter(**restriction)
    if search:
        products = search_products(products, search)
    if filter:
        products = product_filter(products, filter, scope.slug)
    if where:
        products = product_where(products, where, scope.slug)
    products = sort_products(products, sort_by, scope.slug)
    products = with_product_prefetches(products, requested_fields(info))
    connection = paginate(
        products, _connection("ProductCountableConnection"), field_name, **pagination
    )
    for edge in connection.edges:
        in_channel(edge.node, scope.slug)
    return connection


def resolve_product(
    info: Any,
    channel: str | None,
    lookup: dict[str, Any],
) -> Product | None:
    scope = channel_scope(info.context, channel)
    products = with_product_prefetches(visible_products(scope), requested_fields(info))
    return in_channel(products.filter(**lookup).first(), scope.slug)


def resolve_variants(
    info: Any,
    *,
    ids: list[str] | None = None,
    channel: str | None = None,
    filter: Any = None,
    where: Any = None,
    search: str | None = None,
    sort_by: Any = None,
    **pagination: Any,
) -> Any:
    from saleor_sandbox.graphql.catalogue.filters import attribute_filter, metadata_q, pks, string_q

    check_one_filter({"filter": filter, "where": where})
    scope = channel_scope(info.context, channel)
    variants = visible_variants(scope)
    if ids:
        variants = variants.filter(pk__in=pks(ids, "ProductVariant"))
    if search:
        variants = variants.filter(product__in=search_products(Product.objects.all(), search))
    for data in (filter, where):
        if not data:
            continue
        if data.get("ids") is not None:
            variants = variants.filter(pk__in=pks(data["ids"], "ProductVariant"))
        if data.get("metadata"):
            variants = variants.filter(metadata_q(data["metadata"]))
        sku = data.get("sku")
        if isinstance(sku, list):
            variants = variants.filter(sku__in=sku)
        elif sku:
            variants = variants.filter(string_q("sku", sku))
        if data.get("attributes"):
            variants = attribute_filter(variants, data["attributes"], "variant")
        if data.get("search"):
            variants = variants.filter(
                product__in=search_products(Product.objects.all(), data["search"])
            )
    if sort_by:
        prefix = "-" if str(enum_value(sort_by["direction"])) == "DESC" else ""
        variants = variants.order_by(f"{prefix}updated_at", f"{prefix}pk")
    else:
        variants = variants.order_by("pk")
    variants = with_variant_prefetches(variants, requested_fields(info))
    connection = paginate(
        variants, _connection("ProductVariantCountableConnection"), "productVariants", **pagination
    )
    for edge in connection.edges:
        in_channel(edge.node, scope.slug)
    return connection


def resolve_variant(info: Any, channel: str | None, lookup: dict[str, Any]) -> Any:
    scope = channel_scope(info.context, channel)
    variants = visible_variants(scope)
    variants = with_variant_prefetches(variants, requested_fields(info))
    return in_channel(variants.filter(**lookup).first(), scope.slug)


def _connection(name: str) -> Any:
    from saleor_sandbox.graphql.catalogue import types

    return getattr(types, name)


def in_channel_all(items: list[Any], slug: str | None) -> list[Any]:
    return all_in_channel(items, slug)
