"""What Saleor should show of a listing, and what differs from what it shows (pure: no ORM,
no I/O). The writer reads Saleor once, then sends only the changes these functions find, so
writing a listing Saleor already shows sends no mutation."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.provenance.saleor_sync.decisions import editorjs_paragraphs

SALEOR_LANGUAGES = {"ar": "AR", "en": "EN"}  # French is the product's own language
GRAMS_PER_UNIT = {"G": Decimal(1), "KG": Decimal(1000)}


def editorjs(text: str) -> str | None:
    """Saleor's rich text, as its JSONString scalar takes it: Editor.js JSON, one escaped
    paragraph per blank-line-separated block; None for no text."""
    if not text.strip():
        return None
    return json.dumps(editorjs_paragraphs(text), ensure_ascii=False)


def product_slug(listing_id: int) -> str:
    return f"souk-listing-{listing_id}"


def variant_sku(listing_id: int, variant: Mapping[str, Any] | None) -> str:
    if variant is None:
        return f"SOUK-{listing_id}"
    return str(variant.get("sku") or f"SOUK-{listing_id}-{variant['id']}")


@dataclass(frozen=True)
class WantedVariant:
    """One variant as Saleor should show it; `saleor_id` the one it was written as, if any."""

    sku: str
    name: str | None
    option: str | None  # the value of the option attribute (the size, the colour)
    translations: dict[str, str]  # language code -> name
    price: Decimal | None
    stock: int
    row_id: int | None = None
    saleor_id: str = ""


@dataclass(frozen=True)
class WantedPhoto:
    photo_id: int
    alt: str
    saleor_id: str = ""


@dataclass(frozen=True)
class WantedProduct:
    name: str
    description: str | None
    category_id: str | None
    weight_g: int | None
    artisan_page_ids: list[str]
    translations: dict[str, dict[str, str | None]]  # language code -> name, description
    published: bool
    variants: list[WantedVariant] = field(default_factory=list)
    photos: list[WantedPhoto] = field(default_factory=list)


def wanted_texts(content: Mapping[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """The French name and description, and the Arabic and English translations."""
    title = TranslatedText.from_json(content.get("title"))
    description = TranslatedText.from_json(content.get("description"))
    translations: dict[str, dict[str, str | None]] = {}
    for language, code in SALEOR_LANGUAGES.items():
        name, text = getattr(title, language), getattr(description, language)
        if name or text:
            translations[code] = {"name": name or None, "description": editorjs(text)}
    return (
        title.fr or title.in_language(),
        editorjs(description.fr or description.in_language()),
        translations,
    )


def wanted_variant(
    listing_id: int,
    variant: Mapping[str, Any] | None,
    price: Decimal | None,
    stock: int,
    row_id: int | None = None,
    saleor_id: str = "",
) -> WantedVariant:
    label = TranslatedText.from_json(variant["label"] if variant else {})
    name = label.fr or label.in_language() or None
    return WantedVariant(
        sku=variant_sku(listing_id, variant),
        name=name,
        option=name if variant is not None else None,
        translations={
            code: getattr(label, language)
            for language, code in SALEOR_LANGUAGES.items()
            if variant is not None and getattr(label, language)
        },
        price=price,
        stock=stock,
        row_id=row_id,
        saleor_id=saleor_id,
    )


# What differs


def _json(value: str | None) -> Any:
    try:
        return json.loads(value) if value else None
    except ValueError:
        return value


def _grams(weight: Mapping[str, Any] | None) -> Decimal | None:
    if not weight or weight.get("unit") not in GRAMS_PER_UNIT:
        return None
    grams = Decimal(str(weight["value"])) * GRAMS_PER_UNIT[weight["unit"]]
    return grams.quantize(Decimal(1))


def _references(product: Mapping[str, Any], attribute_id: str) -> list[str]:
    for assigned in product.get("attributes") or []:
        if assigned["attribute"]["id"] == attribute_id:
            return [v["reference"] for v in assigned["values"] if v.get("reference")]
    return []


def product_input(
    wanted: WantedProduct, artisan_attribute_id: str, current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """productCreate/productUpdate's input: every field for a new product, else only those
    that differ from `current`."""
    fields: dict[str, Any] = {}
    if current is None or current.get("name") != wanted.name:
        fields["name"] = wanted.name
    if current is None or _json(current.get("description")) != _json(wanted.description):
        fields["description"] = wanted.description
    if wanted.category_id and (
        current is None or (current.get("category") or {}).get("id") != wanted.category_id
    ):
        fields["category"] = wanted.category_id
    if wanted.weight_g is not None and (
        current is None or _grams(current.get("weight")) != wanted.weight_g
    ):
        fields["weight"] = float(Decimal(wanted.weight_g) / 1000)  # Saleor's default unit: kg
    if current is None or _references(current, artisan_attribute_id) != wanted.artisan_page_ids:
        fields["attributes"] = [{"id": artisan_attribute_id, "references": wanted.artisan_page_ids}]
    return fields


def translation_changes(
    current: Mapping[str, Any] | None, wanted: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The TranslationInput to send, or None when Saleor has this translation already."""
    current = current or {}
    if current.get("name") == wanted.get("name") and _json(current.get("description")) == _json(
        wanted.get("description")
    ):
        return None
    return {key: value for key, value in wanted.items() if key == "name" or value is not None}


def channel_listing_change(
    current: Mapping[str, Any] | None, channel_id: str, published: bool
) -> dict[str, Any] | None:
    """productChannelListingUpdate's item for the channel, or None when it is as wanted.
    Publishing without a date publishes now (and keeps the first publication date after)."""
    wanted = {
        "isPublished": published,
        "visibleInListings": published,
        "isAvailableForPurchase": published,
    }
    listing = next(
        (
            c
            for c in (current or {}).get("channelListings") or []
            if c["channel"]["id"] == channel_id
        ),
        None,
    )
    if listing is not None and all(listing.get(key) == value for key, value in wanted.items()):
        return None
    return {"channelId": channel_id, **wanted}


def _option(variant: Mapping[str, Any], option_id: str) -> str | None:
    for assigned in variant.get("attributes") or []:
        if assigned["attribute"]["id"] == option_id and assigned["values"]:
            return str(assigned["values"][0]["name"])
    return None


def variant_input(
    wanted: WantedVariant, option_id: str, current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """productVariantCreate/Update's fields that differ from `current` (all for a new one)."""
    fields: dict[str, Any] = {}
    if current is None or current.get("sku") != wanted.sku:
        fields["sku"] = wanted.sku
    if current is None or (current.get("name") or None) != wanted.name:
        fields["name"] = wanted.name
    if wanted.option is not None and (
        current is None or _option(current, option_id) != wanted.option
    ):
        fields["attributes"] = [{"id": option_id, "dropdown": {"value": wanted.option}}]
    return fields


def stock_change(current: Mapping[str, Any], warehouse_id: str, quantity: int) -> bool:
    stocks = {s["warehouse"]["id"]: s["quantity"] for s in current.get("stocks") or []}
    return stocks.get(warehouse_id) != quantity


def price_change(
    current: Mapping[str, Any] | None, channel_id: str, price: Decimal | None, currency: str
) -> bool:
    if price is None:
        return False
    for listing in (current or {}).get("channelListings") or []:
        if listing["channel"]["id"] == channel_id and listing.get("price"):
            amount = Decimal(str(listing["price"]["amount"]))
            return amount != price or listing["price"]["currency"] != currency
    return True


def match_variants(
    wanted: Sequence[WantedVariant], current: Sequence[Mapping[str, Any]]
) -> tuple[list[Mapping[str, Any] | None], list[str]]:
    """Saleor's variant for each wanted one (the one it was written as, else the one with its
    SKU; None for a new one), and the ids of Saleor's variants no wanted one is."""
    by_id = {v["id"]: v for v in current}
    by_sku = {v["sku"]: v for v in current if v.get("sku")}
    matched: list[Mapping[str, Any] | None] = []
    taken: set[str] = set()
    for variant in wanted:
        found = by_id.get(variant.saleor_id) or by_sku.get(variant.sku)
        if found is not None and found["id"] in taken:
            found = None
        if found is not None:
            taken.add(found["id"])
        matched.append(found)
    return matched, [v["id"] for v in current if v["id"] not in taken]
