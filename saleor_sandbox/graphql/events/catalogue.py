"""Catalogue events (ProductCreated, ProductUpdated, ...), resolved from the EventRoot
whose `subject` is the product, variant or page the event is about."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.context import in_channel
from saleor_sandbox.graphql.catalogue.types import Category, Page, Product, ProductVariant
from saleor_sandbox.graphql.events.schema import Event


class _ProductEvent:
    product = graphene.Field(Product, channel=graphene.String())
    category = graphene.Field(Category)

    @staticmethod
    def resolve_product(root: Any, _info: Any, channel: str | None = None) -> Any:
        return in_channel(root.subject, channel)

    @staticmethod
    def resolve_category(root: Any, _info: Any) -> Any:
        return root.subject.category


class _VariantEvent:
    product_variant = graphene.Field(ProductVariant, channel=graphene.String())

    @staticmethod
    def resolve_product_variant(root: Any, _info: Any, channel: str | None = None) -> Any:
        return in_channel(root.subject, channel)


class _PageEvent:
    page = graphene.Field(Page)

    @staticmethod
    def resolve_page(root: Any, _info: Any) -> Any:
        return root.subject


def _event(name: str, base: type, description: str) -> type[graphene.ObjectType]:
    meta = type("Meta", (), {"interfaces": (Event,), "description": description})
    return type(name, (base, graphene.ObjectType), {"Meta": meta})


ProductCreated = _event("ProductCreated", _ProductEvent, "Event sent when new product is created.")
ProductUpdated = _event("ProductUpdated", _ProductEvent, "Event sent when product is updated.")
ProductDeleted = _event("ProductDeleted", _ProductEvent, "Event sent when product is deleted.")
ProductMetadataUpdated = _event(
    "ProductMetadataUpdated", _ProductEvent, "Event sent when product metadata is updated."
)
ProductVariantCreated = _event(
    "ProductVariantCreated", _VariantEvent, "Event sent when new product variant is created."
)
ProductVariantUpdated = _event(
    "ProductVariantUpdated", _VariantEvent, "Event sent when product variant is updated."
)
ProductVariantDeleted = _event(
    "ProductVariantDeleted", _VariantEvent, "Event sent when product variant is deleted."
)
PageCreated = _event("PageCreated", _PageEvent, "Event sent when new page is created.")
PageUpdated = _event("PageUpdated", _PageEvent, "Event sent when page is updated.")
PageDeleted = _event("PageDeleted", _PageEvent, "Event sent when page is deleted.")

CATALOGUE_EVENT_TYPES: list[type[graphene.ObjectType]] = [
    ProductCreated,
    ProductUpdated,
    ProductDeleted,
    ProductMetadataUpdated,
    ProductVariantCreated,
    ProductVariantUpdated,
    ProductVariantDeleted,
    PageCreated,
    PageUpdated,
    PageDeleted,
]
