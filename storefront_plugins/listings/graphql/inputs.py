from typing import Any

import graphene

from storefront_plugins.artisans.graphql.types import CraftEnum, MaterialEnum
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.translations import (
    TranslatedStringInput,
    translated_text_from_input,
)
from storefront_plugins.listings.content import VariantInput


class ListingVariantInput(graphene.InputObjectType):
    id = graphene.ID(description="Omit for a new variant.")
    label = TranslatedStringInput(required=True)
    sku = graphene.String()
    price = graphene.Decimal()
    stock = graphene.Int()


class ListingInput(graphene.InputObjectType):
    title = TranslatedStringInput()
    description = TranslatedStringInput()
    saleor_category_id = graphene.ID()
    craft = CraftEnum()
    materials = graphene.List(graphene.NonNull(MaterialEnum))
    length_cm = graphene.Decimal()
    width_cm = graphene.Decimal()
    height_cm = graphene.Decimal()
    weight_g = graphene.Int()
    price = graphene.Decimal()
    stock = graphene.Int()
    variants = graphene.List(
        graphene.NonNull(ListingVariantInput),
        description="Every size or colour, in order; those left out are removed.",
    )


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def listing_changes(data: Any) -> dict[str, Any]:
    """The service's `changes` from a ListingInput: only the fields sent."""
    changes: dict[str, Any] = {}
    for name, value in dict(data).items():
        if name == "variants":
            continue
        if name in ("title", "description"):
            changes[name] = translated_text_from_input(value or {})
        elif name == "materials":
            changes[name] = [_plain(m) for m in value or []]
        elif name == "craft":
            changes[name] = _plain(value) or ""
        elif name == "saleor_category_id":
            changes[name] = value or ""
        else:
            changes[name] = value
    return changes


def listing_variants(data: Any) -> list[VariantInput] | None:
    variants = dict(data).get("variants")
    if variants is None:
        return None
    return [
        VariantInput(
            id=pk_from_global_id(v["id"], "ListingVariant") if v.get("id") else None,
            label=translated_text_from_input(v["label"]),
            sku=v.get("sku") or "",
            price=v.get("price"),
            stock=v.get("stock") or 0,
        )
        for v in variants
    ]
