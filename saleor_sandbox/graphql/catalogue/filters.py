"""Saleor's `filter`, `where` and `sortBy` arguments, applied to querysets."""

from typing import Any

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet

from saleor_sandbox.errors import GraphQLError
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    SelectedAttributeValue,
    Stock,
)
from saleor_sandbox.services.catalogue_common import enum_value


def pks(global_ids: list[str], type_name: str) -> list[Any]:
    return [from_global_id(gid, type_name)[1] for gid in global_ids]


def check_one_filter(kwargs: dict[str, Any]) -> None:
    if kwargs.get("filter") is not None and kwargs.get("where") is not None:
        raise GraphQLError("Only one filtering argument (filter or where) can be specified.")


def metadata_q(items: list[Any], prefix: str = "") -> Q:
    q = Q()
    for item in items:
        if item.get("value") is None:
            q &= Q(**{f"{prefix}metadata__has_key": item["key"]})
        else:
            q &= Q(**{f"{prefix}metadata__contains": {item["key"]: item["value"]}})
    return q


def string_q(field: str, value: Any) -> Q:
    if value.get("eq") is not None:
        return Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": value["one_of"]})
    return Q()


def global_id_q(field: str, value: Any, type_name: str) -> Q:
    if value.get("eq") is not None:
        return Q(**{field: from_global_id(value["eq"], type_name)[1]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": pks(value["one_of"], type_name)})
    return Q()


def _value_q(value: Any) -> Q:
    """Conditions on a SelectedAttributeValue's value."""
    q = Q()
    if value.get("slug"):
        q &= string_q("value__slug", value["slug"])
    if value.get("name"):
        q &= string_q("value__name", value["name"])
    if value.get("boolean") is not None:
        q &= Q(value__boolean=value["boolean"])
    return q


def _reference_conditions(reference: Any) -> list[tuple[str, list[Q]]]:
    """(mode, per-item conditions) for each ContainsFilterInput given."""
    out = []
    fields = (
        ("referenced_ids", None),
        ("page_slugs", "value__reference_page__slug"),
        ("product_slugs", "value__reference_product__slug"),
        ("product_variant_skus", "value__reference_variant__sku"),
    )
    for name, lookup in fields:
        contains = reference.get(name)
        if not contains:
            continue
        for mode in ("contains_any", "contains_all"):
            items = contains.get(mode)
            if not items:
                continue
            conditions = []
            for item in items:
                if lookup is None:
                    type_name, pk = from_global_id(item)
                    field = {
                        "Page": "value__reference_page_id",
                        "Product": "value__reference_product_id",
                        "ProductVariant": "value__reference_variant_id",
                    }.get(type_name)
                    if field is None:
                        conditions.append(Q(pk__in=[]))
                        continue
                    conditions.append(Q(**{field: pk}))
                else:
                    conditions.append(Q(**{lookup: item}))
            out.append((mode, conditions))
    return out


def attribute_filter(queryset: QuerySet[Any], items: list[Any], owner_field: str) -> QuerySet[Any]:
    """Products (or variants, pages) having the given attribute values."""
    for item in items:
        base = SelectedAttributeValue.objects.filter(**{owner_field: OuterRef("pk")})
        if item.get("slug"):
            base = base.filter(attribute__slug=item["slug"])
        if item.get("values"):
            queryset = queryset.filter(Exists(base.filter(value__slug__in=item["values"])))
        if item.get("boolean") is not None:
            queryset = queryset.filter(Exists(base.filter(value__boolean=item["boolean"])))
        value = item.get("value")
        if value:
            queryset = queryset.filter(Exists(base.filter(_value_q(value))))
            if value.get("reference"):
                for mode, conditions in _reference_conditions(value["reference"]):
                    if mode == "contains_any":
                        any_q = Q(pk__in=[])
                        for condition in conditions:
                            any_q |= condition
                        queryset = queryset.filter(Exists(base.filter(any_q)))
                    else:
                        for condition in conditions:
                            queryset = queryset.filter(Exists(base.filter(condition)))
        if not (item.get("values") or item.get("value") or item.get("boolean") is not None):
            queryset = queryset.filter(Exists(base))
    return queryset


def _listing(channel_slug: str | None, **conditions: Any) -> Any:
    listings = ProductChannelListing.objects.filter(product_id=OuterRef("pk"), **conditions)
    if channel_slug:
        listings = listings.filter(channel__slug=channel_slug)
    return Exists(listings)


def _stock_filter(queryset: QuerySet[Any], availability: str) -> QuerySet[Any]:
    in_stock = Stock.objects.filter(
        product_variant__product_id=OuterRef("pk"), quantity__gt=F("quantity_allocated")
    )
    return (
        queryset.filter(Exists(in_stock))
        if availability == "IN_STOCK"
        else queryset.exclude(Exists(in_stock))
    )


def product_filter(queryset: QuerySet[Any], data: Any, channel_slug: str | None) -> QuerySet[Any]:
    channel_slug = data.get("channel") or channel_slug
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=pks(data["ids"], "Product"))
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    if data.get("categories") is not None:
        queryset = queryset.filter(category_id__in=pks(data["categories"], "Category"))
    if data.get("collections") is not None:
        queryset = queryset.filter(
            collections__in=pks(data["collections"], "Collection")
        ).distinct()
    if data.get("product_types") is not None:
        queryset = queryset.filter(product_type_id__in=pks(data["product_types"], "ProductType"))
    if data.get("has_category") is not None:
        queryset = queryset.filter(category__isnull=not data["has_category"])
    if data.get("metadata"):
        queryset = queryset.filter(metadata_q(data["metadata"]))
    if data.get("search"):
        queryset = search_products(queryset, data["search"])
    if data.get("attributes"):
        queryset = attribute_filter(queryset, data["attributes"], "product")
    if data.get("is_published") is not None:
        published = _listing(channel_slug, is_published=True)
        queryset = (
            queryset.filter(published) if data["is_published"] else queryset.exclude(published)
        )
    if data.get("is_visible_in_listing") is not None:
        visible = _listing(channel_slug, visible_in_listings=True)
        queryset = (
            queryset.filter(visible) if data["is_visible_in_listing"] else queryset.exclude(visible)
        )
    if data.get("stock_availability"):
        queryset = _stock_filter(queryset, str(enum_value(data["stock_availability"])))
    price = data.get("price")
    if price and channel_slug:
        prices = ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("pk"), channel__slug=channel_slug
        )
        if price.get("gte") is not None:
            prices = prices.filter(price_amount__gte=price["gte"])
        if price.get("lte") is not None:
            prices = prices.filter(price_amount__lte=price["lte"])
        queryset = queryset.filter(Exists(prices))
    return queryset


def product_where(queryset: QuerySet[Any], data: Any, channel_slug: str | None) -> QuerySet[Any]:
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=pks(data["ids"], "Product"))
    if data.get("name"):
        queryset = queryset.filter(string_q("name", data["name"]))
    if data.get("slug"):
        queryset = queryset.filter(string_q("slug", data["slug"]))
    if data.get("product_type"):
        queryset = queryset.filter(
            global_id_q("product_type_id", data["product_type"], "ProductType")
        )
    if data.get("category"):
        queryset = queryset.filter(global_id_q("category_id", data["category"], "Category"))
    if data.get("collection"):
        queryset = queryset.filter(
            global_id_q("collections__id", data["collection"], "Collection")
        ).distinct()
    rest = {
        k: data.get(k)
        for k in (
            "metadata",
            "attributes",
            "is_published",
            "is_visible_in_listing",
            "has_category",
            "stock_availability",
        )
    }
    queryset = product_filter(queryset, rest, channel_slug)
    for sub in data.get("AND") or []:
        queryset = product_where(queryset, sub, channel_slug)
    if data.get("OR"):
        model = queryset.model
        any_q = Q(pk__in=[])
        for sub in data["OR"]:
            any_q |= Q(pk__in=product_where(model.objects.all(), sub, channel_slug).values("pk"))
        queryset = queryset.filter(any_q)
    return queryset


def search_products(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    skus = ProductVariant.objects.filter(product_id=OuterRef("pk"), sku__icontains=text)
    return queryset.filter(
        Q(name__icontains=text)
        | Q(slug__icontains=text)
        | Q(description_plaintext__icontains=text)
        | Exists(skus)
    )


def sort_products(queryset: QuerySet[Any], sort_by: Any, channel_slug: str | None) -> QuerySet[Any]:
    if not sort_by:
        return queryset.order_by("slug", "pk")
    field = str(enum_value(sort_by.get("field") or "NAME"))
    descending = str(enum_value(sort_by["direction"])) == "DESC"
    channel_slug = sort_by.get("channel") or channel_slug
    keys: list[Any]
    if field in {"PRICE", "MINIMAL_PRICE"}:
        if not channel_slug:
            raise GraphQLError("Sorting by PRICE requires the channel argument.")
        queryset = queryset.annotate(
            sort_price=Min(
                "variants__channel_listings__price_amount",
                filter=Q(variants__channel_listings__channel__slug=channel_slug),
            )
        )
        keys = ["sort_price"]
    elif field in {"PUBLISHED", "PUBLICATION_DATE", "PUBLISHED_AT"}:
        queryset = queryset.annotate(
            sort_published=Min(
                "channel_listings__published_at",
                filter=Q(channel_listings__channel__slug=channel_slug),
            )
        )
        keys = ["sort_published"]
    else:
        keys = {
            "NAME": ["name", "slug"],
            "RANK": ["name", "slug"],
            "TYPE": ["product_type__name", "name"],
            "RATING": ["rating"],
            "CREATED_AT": ["created"],
            "DATE": ["updated_at"],
            "LAST_MODIFIED": ["updated_at"],
            "LAST_MODIFIED_AT": ["updated_at"],
        }[field]
    order = [
        (F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True))
        for key in keys
    ]
    order.append(F("pk").desc() if descending else F("pk").asc())
    return queryset.order_by(*order)


def simple_sort(queryset: QuerySet[Any], sort_by: Any, fields: dict[str, str]) -> QuerySet[Any]:
    if not sort_by:
        return queryset
    key = fields.get(str(enum_value(sort_by["field"])), "pk")
    prefix = "-" if str(enum_value(sort_by["direction"])) == "DESC" else ""
    return queryset.order_by(f"{prefix}{key}", f"{prefix}pk")


def simple_filter(
    queryset: QuerySet[Any], data: Any, type_name: str, search_fields: tuple[str, ...]
) -> QuerySet[Any]:
    if not data:
        return queryset
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=pks(data["ids"], type_name))
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    if data.get("metadata"):
        queryset = queryset.filter(metadata_q(data["metadata"]))
    if data.get("search"):
        q = Q(pk__in=[])
        for name in search_fields:
            q |= Q(**{f"{name}__icontains": data["search"]})
        queryset = queryset.filter(q)
    return queryset
