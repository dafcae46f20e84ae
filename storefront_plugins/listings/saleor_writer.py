"""Saleor converges to a listing: its product, variants, translations, channel listing,
prices, stock and photos, written with the App's token.

`write_listing` is the outbox's writer for kind "listing". It reads Saleor once
(queries/listing_state) and sends only what differs (saleor_changes), so writing a listing
Saleor already shows is one request. It is idempotent: the product is found by its slug
`souk-listing-<id>`, variants by the id they were written as or their SKU, photos by their
media id, and Saleor's variants and media the listing does not show are deleted, so a write
interrupted after Saleor answered is completed, not duplicated. It raises the saleor_app
exceptions for the outbox to retry. Content comes from the listing's `approved_content`;
price and stock from its live fields. A listing never approved is not written.
"""

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage

from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings import saleor_changes as changes
from storefront_plugins.listings.content import approved_ids
from storefront_plugins.listings.models import Listing, ListingPhoto, ListingStatus, ListingVariant
from storefront_plugins.listings.saleor_changes import (
    WantedPhoto,
    WantedProduct,
    product_slug,
    wanted_texts,
    wanted_variant,
)
from storefront_plugins.provenance.saleor_sync.decisions import ARTISAN_ATTRIBUTE_SLUG
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

listing_documents = DocumentLibrary(Path(__file__).resolve().parent / "saleor_graphql")

__all__ = ["LISTING_WRITE_KIND", "ListingNotWritable", "product_slug", "write_listing"]


class ListingNotWritable(SaleorError):
    """Saleor cannot take the listing as it is (no such channel, another currency)."""


def _run(client: SaleorClient, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    return client.execute(listing_documents.get(name), variables)


def write_listing(client: SaleorClient, key: str) -> None:
    listing = (
        Listing.objects.select_related("artisan", "cooperative", "installation")
        .filter(pk=int(key))
        .first()
    )
    if listing is None or listing.approved_content is None:
        return
    state = _run(
        client,
        "queries/listing_state",
        {
            "productTypeSlug": PRODUCT_TYPE_SLUG,
            "optionSlug": OPTION_ATTRIBUTE_SLUG,
            "channelSlug": listing.cooperative.saleor_channel_slug,
            "artisanSlug": listing.artisan.slug,
            "productSlug": product_slug(listing.pk),
        },
    )
    channel = _channel(state, listing)
    schema = _schema(client, listing, state)
    wanted = _wanted(listing, schema)
    product = state.get("product")
    product_id = _write_product(client, listing, wanted, schema, product)
    change = changes.channel_listing_change(product, channel["id"], wanted.published)
    if change is not None:  # before the variants: their prices need the product in it
        _run(
            client,
            "mutations/channel_listing_update",
            {"id": product_id, "input": {"updateChannels": [change]}},
        )
    _write_variants(client, listing, wanted, schema, channel, product_id, product)
    _write_photos(client, listing, wanted, product_id, product)


def _channel(state: dict[str, Any], listing: Listing) -> dict[str, Any]:
    channel = state.get("channel")
    slug = listing.cooperative.saleor_channel_slug
    if not channel:
        raise ListingNotWritable(f"Saleor has no channel {slug!r}.")
    if channel["currencyCode"] != listing.currency:
        raise ListingNotWritable(
            f"The channel sells in {channel['currencyCode']}, the listing in {listing.currency}."
        )
    if not channel["warehouses"]:
        raise ListingNotWritable(f"The channel {slug!r} has no warehouse.")
    return dict(channel)


def _schema(client: SaleorClient, listing: Listing, state: dict[str, Any]) -> dict[str, Any]:
    """The ids of the product type, its option and artisan attributes and the artisan's
    page, from the state read; what is missing is created (only the first write does)."""
    edges = (state.get("productTypes") or {}).get("edges") or []
    product_type = edges[0]["node"] if edges else None
    artisan_attribute_id = next(
        (
            a["id"]
            for a in (product_type or {}).get("productAttributes") or []
            if a["slug"] == ARTISAN_ATTRIBUTE_SLUG
        ),
        None,
    )
    page = state.get("page")
    option = state.get("attribute")
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
    if artisan_attribute_id is None or page is None:
        assert listing.installation is not None
        artisan_schema = ensure_artisan_schema(listing.installation, client=client)
        artisan_attribute_id = artisan_schema.attribute_id
        if page is None:
            page_ids, _missing = artisan_page_ids(
                listing.installation,
                [listing.artisan.slug],
                client=client,
                schema=artisan_schema,
                create_missing=True,
            )
            page = {"id": page_ids[0]} if page_ids else None
    if product_type is None:
        product_type = _run(
            client,
            "mutations/product_type_create",
            {
                "input": {
                    "name": PRODUCT_TYPE_NAME,
                    "slug": PRODUCT_TYPE_SLUG,
                    "hasVariants": True,
                    "isShippingRequired": True,
                    "productAttributes": [artisan_attribute_id],
                    "variantAttributes": [option["id"]],
                }
            },
        )["productTypeCreate"]["productType"]
    return {
        "product_type_id": product_type["id"],
        "option_id": option["id"],
        "artisan_attribute_id": artisan_attribute_id,
        "artisan_page_ids": [page["id"]] if page else [],
    }


def _wanted(listing: Listing, schema: dict[str, Any]) -> WantedProduct:
    """What Saleor should show: the approved content, the live prices and stocks."""
    content: dict[str, Any] = listing.approved_content or {}
    name, description, translations = wanted_texts(content)
    rows = {v.pk: v for v in ListingVariant.objects.filter(listing=listing)}
    variants = []
    for variant in list(content.get("variants") or []) or [None]:
        row = rows.get(int(variant["id"])) if variant is not None else None
        price = row.price if row is not None and row.price is not None else listing.price
        stock = row.stock if row is not None else listing.stock
        variants.append(
            wanted_variant(
                listing.pk,
                variant,
                price,
                stock,
                row_id=row.pk if row is not None else None,
                saleor_id=row.saleor_variant_id if row is not None else "",
            )
        )
    photos = {p.pk: p for p in ListingPhoto.objects.filter(listing=listing)}
    return WantedProduct(
        name=name,
        description=description,
        category_id=content.get("saleor_category_id") or None,
        weight_g=content.get("weight_g"),
        artisan_page_ids=schema["artisan_page_ids"],
        translations=translations,
        published=listing.is_published and listing.status != ListingStatus.ARCHIVED,
        variants=variants,
        photos=[
            WantedPhoto(
                int(p["id"]),
                TranslatedText.from_json(p.get("alt")).in_language(),
                photos[int(p["id"])].saleor_media_id,
            )
            for p in content.get("photos") or []
            if int(p["id"]) in photos
        ],
    )


def _write_product(
    client: SaleorClient,
    listing: Listing,
    wanted: WantedProduct,
    schema: dict[str, Any],
    product: dict[str, Any] | None,
) -> str:
    fields = changes.product_input(wanted, schema["artisan_attribute_id"], product)
    if product is None:
        product_id = str(
            _run(
                client,
                "mutations/product_create",
                {
                    "input": {
                        **fields,
                        "slug": product_slug(listing.pk),
                        "productType": schema["product_type_id"],
                    }
                },
            )["productCreate"]["product"]["id"]
        )
    else:
        product_id = str(product["id"])
        if fields:
            _run(client, "mutations/product_update", {"id": product_id, "input": fields})
    if listing.saleor_product_id != product_id:
        Listing.objects.filter(pk=listing.pk).update(saleor_product_id=product_id)
    for code, translation in wanted.translations.items():
        current = (product or {}).get(code.lower())
        change = changes.translation_changes(current, translation)
        if change is not None:
            _run(
                client,
                "mutations/product_translate",
                {"id": product_id, "languageCode": code, "input": change},
            )
    return product_id


def _write_variants(
    client: SaleorClient,
    listing: Listing,
    wanted: WantedProduct,
    schema: dict[str, Any],
    channel: dict[str, Any],
    product_id: str,
    product: dict[str, Any] | None,
) -> None:
    warehouse_id = channel["warehouses"][0]["id"]
    matched, unwanted = changes.match_variants(
        wanted.variants, (product or {}).get("variants") or []
    )
    for variant_id in unwanted:  # first: their SKUs may be taken again
        _run(client, "mutations/variant_delete", {"id": variant_id})
    for variant, current in zip(wanted.variants, matched, strict=True):
        fields = changes.variant_input(variant, schema["option_id"], current)
        if current is None:
            variant_id = _run(
                client,
                "mutations/variant_create",
                {
                    "input": {
                        "attributes": [],  # required, even for a piece without sizes
                        **fields,
                        "product": product_id,
                        "trackInventory": True,
                        "stocks": [{"warehouse": warehouse_id, "quantity": variant.stock}],
                    }
                },
            )["productVariantCreate"]["productVariant"]["id"]
        else:
            variant_id = current["id"]
            if fields:
                _run(client, "mutations/variant_update", {"id": variant_id, "input": fields})
            if changes.stock_change(current, warehouse_id, variant.stock):
                _run(
                    client,
                    "mutations/variant_stocks_update",
                    {
                        "variantId": variant_id,
                        "stocks": [{"warehouse": warehouse_id, "quantity": variant.stock}],
                    },
                )
        if variant.row_id is not None and variant.saleor_id != variant_id:
            ListingVariant.objects.filter(pk=variant.row_id).update(saleor_variant_id=variant_id)
        if changes.price_change(current, channel["id"], variant.price, listing.currency):
            _run(
                client,
                "mutations/variant_price_update",
                {
                    "id": variant_id,
                    "input": [{"channelId": channel["id"], "price": str(variant.price)}],
                },
            )
        for code, name in variant.translations.items():
            if ((current or {}).get(code.lower()) or {}).get("name") != name:
                _run(
                    client,
                    "mutations/variant_translate",
                    {"id": variant_id, "languageCode": code, "input": {"name": name}},
                )
    # Variants removed from the listing are gone from Saleor now.
    ListingVariant.objects.filter(listing=listing, removed_at__isnull=False).exclude(
        pk__in=approved_ids(listing.approved_content, "variants")
    ).delete()


def _write_photos(
    client: SaleorClient,
    listing: Listing,
    wanted: WantedProduct,
    product_id: str,
    product: dict[str, Any] | None,
) -> None:
    """Uploads the shown photos Saleor lacks, deletes the media it shows of no shown photo
    (removed ones, and any left by an interrupted write), then puts them in order."""
    current = {m["id"]: m for m in (product or {}).get("media") or []}
    rows = {p.pk: p for p in ListingPhoto.objects.filter(listing=listing)}
    order: list[str] = []
    added: list[str] = []
    for photo in wanted.photos:
        media = current.get(photo.saleor_id) if photo.saleor_id else None
        if media is None:
            with default_storage.open(str(rows[photo.photo_id].image.name), "rb") as image:
                data = image.read()
            media_id = _upload(client, product_id, data, photo.alt)
            ListingPhoto.objects.filter(pk=photo.photo_id).update(saleor_media_id=media_id)
            added.append(media_id)
        else:
            media_id = media["id"]
            if (media.get("alt") or "") != photo.alt:
                _run(client, "mutations/media_update", {"id": media_id, "alt": photo.alt})
        order.append(media_id)
    for media_id in current:
        if media_id not in order:
            _run(client, "mutations/media_delete", {"id": media_id})
    kept = [media_id for media_id in current if media_id in order]
    if [*kept, *added] != order:
        _run(client, "mutations/media_reorder", {"productId": product_id, "mediaIds": order})
    shown = {photo.photo_id for photo in wanted.photos}
    for row in rows.values():
        if row.pk in shown:
            continue
        if row.removed_at is not None:
            name = str(row.image.name)
            row.delete()
            default_storage.delete(name)
        elif row.saleor_media_id:
            ListingPhoto.objects.filter(pk=row.pk).update(saleor_media_id="")


def _upload(client: SaleorClient, product_id: str, data: bytes, alt: str) -> str:
    result = client.execute_with_files(
        listing_documents.get("mutations/media_create"),
        {"product": product_id, "alt": alt or None},
        {"image": ("photo.jpg", data, "image/jpeg")},
    )
    return str(result["productMediaCreate"]["media"]["id"])
