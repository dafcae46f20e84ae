"""Saleor converges to a listing: its product, variants, translations, channel listing,
prices, stock and photos, written with the App's token.

`write_listing` is the outbox's writer for kind "listing": idempotent (the product is found
by its slug `souk-listing-<id>`, variants by SKU, so a write interrupted after Saleor
answered is completed, not duplicated), and it raises the saleor_app exceptions for the
outbox to retry. Content comes from the listing's `approved_content`; price and stock from
its live fields. A listing never approved is not written.
"""

import json
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone

from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings.content import approved_ids
from storefront_plugins.listings.models import Listing, ListingPhoto, ListingStatus, ListingVariant
from storefront_plugins.provenance.saleor_sync.decisions import editorjs_paragraphs
from storefront_plugins.provenance.saleor_sync.services import (
    artisan_page_ids,
    ensure_artisan_schema,
)
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.documents import DocumentLibrary
from storefront_plugins.saleor_app.exceptions import SaleorError

LISTING_WRITE_KIND = "listing"
PRODUCT_TYPE_SLUG = "souk-piece"
PRODUCT_TYPE_NAME = "Pièce artisanale"
OPTION_ATTRIBUTE_SLUG = "souk-option"
OPTION_ATTRIBUTE_NAME = "Option"
SALEOR_LANGUAGES = {"ar": "AR", "en": "EN"}  # French is the product's own language

listing_documents = DocumentLibrary(Path(__file__).resolve().parent / "saleor_graphql")


class ListingNotWritable(SaleorError):
    """Saleor cannot take the listing as it is (no such channel, another currency)."""


def product_slug(listing_id: int) -> str:
    return f"souk-listing-{listing_id}"


def variant_sku(listing_id: int, variant: dict[str, Any] | None) -> str:
    if variant is None:
        return f"SOUK-{listing_id}"
    return str(variant.get("sku") or f"SOUK-{listing_id}-{variant['id']}")


def editorjs(text: str) -> str | None:
    """Saleor's rich text, as its JSONString scalar takes it: Editor.js JSON, one escaped
    paragraph per blank-line-separated block; None for no text."""
    if not text.strip():
        return None
    return json.dumps(editorjs_paragraphs(text), ensure_ascii=False)


def _run(client: SaleorClient, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    return client.execute(listing_documents.get(name), variables)


def _schema(client: SaleorClient, listing: Listing) -> dict[str, Any]:
    """The product type and option attribute (created when missing), and the channel."""
    slugs = {
        "productTypeSlug": PRODUCT_TYPE_SLUG,
        "optionSlug": OPTION_ATTRIBUTE_SLUG,
        "channelSlug": listing.cooperative.saleor_channel_slug,
    }
    data = _run(client, "queries/listing_schema", slugs)
    channel = data.get("channel")
    if not channel:
        raise ListingNotWritable(f"Saleor has no channel {slugs['channelSlug']!r}.")
    if channel["currencyCode"] != listing.currency:
        raise ListingNotWritable(
            f"The channel sells in {channel['currencyCode']}, the listing in {listing.currency}."
        )
    if not channel["warehouses"]:
        raise ListingNotWritable(f"The channel {channel['slug']!r} has no warehouse.")
    option = data.get("attribute")
    if option is None:
        option = _run(
            client,
            "mutations/attribute_create",
            {
                "input": {
                    "name": OPTION_ATTRIBUTE_NAME,
                    "slug": OPTION_ATTRIBUTE_SLUG,
                    "type": "PRODUCT_TYPE",
                    "inputType": "DROPDOWN",
                    "valueRequired": False,
                }
            },
        )["attributeCreate"]["attribute"]
    assert listing.installation is not None
    artisan_schema = ensure_artisan_schema(listing.installation, client=client)
    edges = (data.get("productTypes") or {}).get("edges") or []
    if edges:
        product_type_id = edges[0]["node"]["id"]
    else:
        product_type_id = _run(
            client,
            "mutations/product_type_create",
            {
                "input": {
                    "name": PRODUCT_TYPE_NAME,
                    "slug": PRODUCT_TYPE_SLUG,
                    "hasVariants": True,
                    "isShippingRequired": True,
                    "productAttributes": [artisan_schema.attribute_id],
                    "variantAttributes": [option["id"]],
                }
            },
        )["productTypeCreate"]["productType"]["id"]
    page_ids, _missing = artisan_page_ids(
        listing.installation,
        [listing.artisan.slug],
        client=client,
        schema=artisan_schema,
        create_missing=True,
    )
    return {
        "product_type_id": product_type_id,
        "option_id": option["id"],
        "artisan_attribute_id": artisan_schema.attribute_id,
        "artisan_page_ids": page_ids,
        "channel_id": channel["id"],
        "warehouse_id": channel["warehouses"][0]["id"],
    }


def product_input(content: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """productCreate/productUpdate's input from the approved content (pure)."""
    title = TranslatedText.from_json(content.get("title"))
    description = TranslatedText.from_json(content.get("description"))
    result: dict[str, Any] = {
        "name": title.fr or title.in_language(),
        "description": editorjs(description.fr or description.in_language()),
        "attributes": [
            {"id": schema["artisan_attribute_id"], "references": schema["artisan_page_ids"]}
        ],
    }
    if content.get("saleor_category_id"):
        result["category"] = content["saleor_category_id"]
    if content.get("weight_g") is not None:
        result["weight"] = float(content["weight_g"]) / 1000  # Saleor's default unit: kg
    return result


def write_listing(client: SaleorClient, key: str) -> None:
    listing = (
        Listing.objects.select_related("artisan", "cooperative", "installation")
        .filter(pk=int(key))
        .first()
    )
    if listing is None or listing.approved_content is None:
        return
    content: dict[str, Any] = listing.approved_content
    schema = _schema(client, listing)
    product = _write_product(client, listing, content, schema)
    published = listing.is_published and listing.status != ListingStatus.ARCHIVED
    _run(
        client,
        "mutations/channel_listing_update",
        {
            "id": product["id"],
            "input": {
                "updateChannels": [
                    {
                        "channelId": schema["channel_id"],
                        "isPublished": published,
                        "visibleInListings": published,
                        "isAvailableForPurchase": published,
                        **({"publishedAt": timezone.now().isoformat()} if published else {}),
                    }
                ]
            },
        },
    )
    _write_variants(client, listing, content, schema, product)
    _write_photos(client, listing, content, product)


def _write_product(
    client: SaleorClient, listing: Listing, content: dict[str, Any], schema: dict[str, Any]
) -> dict[str, Any]:
    slug = product_slug(listing.pk)
    product = _run(client, "queries/listing_product", {"slug": slug}).get("product")
    data = product_input(content, schema)
    if product is None:
        created = _run(
            client,
            "mutations/product_create",
            {"input": {**data, "slug": slug, "productType": schema["product_type_id"]}},
        )["productCreate"]["product"]
        product = {"id": created["id"], "variants": [], "media": []}
    else:
        _run(client, "mutations/product_update", {"id": product["id"], "input": data})
    if listing.saleor_product_id != product["id"]:
        Listing.objects.filter(pk=listing.pk).update(saleor_product_id=product["id"])
    title = TranslatedText.from_json(content.get("title"))
    description = TranslatedText.from_json(content.get("description"))
    for language, code in SALEOR_LANGUAGES.items():
        name, text = getattr(title, language), getattr(description, language)
        if name or text:
            translation: dict[str, Any] = {"name": name or None}
            if text:
                translation["description"] = editorjs(text)
            _run(
                client,
                "mutations/product_translate",
                {"id": product["id"], "languageCode": code, "input": translation},
            )
    return product


def _write_variants(
    client: SaleorClient,
    listing: Listing,
    content: dict[str, Any],
    schema: dict[str, Any],
    product: dict[str, Any],
) -> None:
    rows = {v.pk: v for v in ListingVariant.objects.filter(listing=listing)}
    shown: list[dict[str, Any] | None] = list(content.get("variants") or []) or [None]
    in_saleor = {v["sku"]: v["id"] for v in product.get("variants") or [] if v.get("sku")}
    wanted_skus = set()
    for variant in shown:
        row = rows.get(int(variant["id"])) if variant is not None else None
        sku = variant_sku(listing.pk, variant)
        wanted_skus.add(sku)
        label = TranslatedText.from_json(variant["label"] if variant else {})
        fields: dict[str, Any] = {"sku": sku, "name": label.fr or label.in_language() or None}
        if variant is not None:
            fields["attributes"] = [
                {"id": schema["option_id"], "dropdown": {"value": label.fr or label.in_language()}}
            ]
        stock = row.stock if row is not None else listing.stock
        variant_id = in_saleor.get(sku)
        if variant_id is None:
            variant_id = _run(
                client,
                "mutations/variant_create",
                {
                    "input": {
                        **fields,
                        "attributes": fields.get("attributes", []),
                        "product": product["id"],
                        "trackInventory": True,
                        "stocks": [{"warehouse": schema["warehouse_id"], "quantity": stock}],
                    }
                },
            )["productVariantCreate"]["productVariant"]["id"]
        else:
            _run(client, "mutations/variant_update", {"id": variant_id, "input": fields})
            _run(
                client,
                "mutations/variant_stocks_update",
                {
                    "variantId": variant_id,
                    "stocks": [{"warehouse": schema["warehouse_id"], "quantity": stock}],
                },
            )
        if row is not None and row.saleor_variant_id != variant_id:
            ListingVariant.objects.filter(pk=row.pk).update(saleor_variant_id=variant_id)
        price = row.price if row is not None and row.price is not None else listing.price
        _run(
            client,
            "mutations/variant_price_update",
            {"id": variant_id, "input": [{"channelId": schema["channel_id"], "price": str(price)}]},
        )
        for language, code in SALEOR_LANGUAGES.items():
            if variant is not None and getattr(label, language):
                _run(
                    client,
                    "mutations/variant_translate",
                    {
                        "id": variant_id,
                        "languageCode": code,
                        "input": {"name": getattr(label, language)},
                    },
                )
    for sku, variant_id in in_saleor.items():
        if sku not in wanted_skus and sku.startswith(f"SOUK-{listing.pk}"):
            _run(client, "mutations/variant_delete", {"id": variant_id})
    # Variants removed from the listing are gone from Saleor now.
    ListingVariant.objects.filter(listing=listing, removed_at__isnull=False).exclude(
        pk__in=approved_ids(content, "variants")
    ).delete()


def _write_photos(
    client: SaleorClient, listing: Listing, content: dict[str, Any], product: dict[str, Any]
) -> None:
    shown = [int(p["id"]) for p in content.get("photos") or []]
    photos = {p.pk: p for p in ListingPhoto.objects.filter(listing=listing)}
    in_saleor = {m["id"] for m in product.get("media") or []}
    for photo_id in shown:
        photo = photos.get(photo_id)
        if photo is None or (photo.saleor_media_id and photo.saleor_media_id in in_saleor):
            continue
        with default_storage.open(str(photo.image.name), "rb") as image:
            data = image.read()
        alt = TranslatedText.from_json(photo.alt).in_language()
        media = _run_with_image(client, product["id"], data, alt)
        ListingPhoto.objects.filter(pk=photo.pk).update(saleor_media_id=media)
    for photo in photos.values():
        if photo.pk in shown or not photo.saleor_media_id:
            continue
        if photo.saleor_media_id in in_saleor:
            _run(client, "mutations/media_delete", {"id": photo.saleor_media_id})
        if photo.removed_at is not None:
            name = str(photo.image.name)
            photo.delete()
            default_storage.delete(name)
        else:
            ListingPhoto.objects.filter(pk=photo.pk).update(saleor_media_id="")


def _run_with_image(client: SaleorClient, product_id: str, data: bytes, alt: str) -> str:
    result = client.execute_with_files(
        listing_documents.get("mutations/media_create"),
        {"product": product_id, "alt": alt or None},
        {"image": ("photo.jpg", data, "image/jpeg")},
    )
    return str(result["productMediaCreate"]["media"]["id"])
