"""What the listing's writer sends Saleor: only what differs from what Saleor shows (pure)."""

import json
from decimal import Decimal
from typing import Any

from storefront_plugins.listings.saleor_changes import (
    WantedProduct,
    channel_listing_change,
    editorjs,
    match_variants,
    price_change,
    product_input,
    translation_changes,
    wanted_texts,
    wanted_variant,
)

ARTISAN = "QXR0cmlidXRlOjE="
OPTION = "QXR0cmlidXRlOjI="
CHANNEL = "Q2hhbm5lbDox"
CONTENT: dict[str, Any] = {
    "title": {"fr": "Tajine de Safi", "ar": "طاجين آسفي", "en": ""},
    "description": {"fr": "Tourné <main>.\n\nÉmaillé.", "ar": "", "en": "Wheel-thrown."},
    "saleor_category_id": "Q2F0ZWdvcnk6MQ==",
    "weight_g": 2500,
}


def wanted() -> WantedProduct:
    name, description, translations = wanted_texts(CONTENT)
    return WantedProduct(
        name=name,
        description=description,
        category_id=CONTENT["saleor_category_id"],
        weight_g=CONTENT["weight_g"],
        artisan_page_ids=["UGFnZTox"],
        translations=translations,
        published=True,
    )


def as_saleor_shows(product: WantedProduct) -> dict:
    """The product as Saleor answers it: description re-serialised, weight in kg."""
    return {
        "name": product.name,
        "description": json.dumps(json.loads(product.description or "null")),
        "category": {"id": product.category_id},
        "weight": {"unit": "KG", "value": 2.5},
        "attributes": [
            {"attribute": {"id": ARTISAN}, "values": [{"reference": "UGFnZTox"}]},
        ],
        "channelListings": [
            {
                "channel": {"id": CHANNEL},
                "isPublished": True,
                "visibleInListings": True,
                "isAvailableForPurchase": True,
            }
        ],
    }


def test_texts_are_escaped_editorjs_paragraphs_with_translations_where_given():
    # when
    name, description, translations = wanted_texts(CONTENT)

    # then
    assert name == "Tajine de Safi"
    assert [b["data"]["text"] for b in json.loads(description or "")["blocks"]] == [
        "Tourné &lt;main&gt;.",
        "Émaillé.",
    ]
    assert translations == {
        "AR": {"name": "طاجين آسفي", "description": None},
        "EN": {"name": None, "description": editorjs("Wheel-thrown.")},
    }


def test_a_new_product_gets_every_field_and_one_saleor_shows_gets_none():
    # given
    product = wanted()

    # then
    assert set(product_input(product, ARTISAN)) == {
        "name",
        "description",
        "category",
        "weight",
        "attributes",
    }
    assert product_input(product, ARTISAN, as_saleor_shows(product)) == {}


def test_only_the_fields_that_differ_are_sent():
    # given Saleor shows another name, weight and artisan
    current = as_saleor_shows(wanted())
    current["name"] = "Tajine"
    current["weight"] = {"unit": "G", "value": 2400.0}
    current["attributes"] = []

    # when
    fields = product_input(wanted(), ARTISAN, current)

    # then
    assert fields == {
        "name": "Tajine de Safi",
        "weight": 2.5,
        "attributes": [{"id": ARTISAN, "references": ["UGFnZTox"]}],
    }


def test_a_translation_saleor_has_is_not_sent_again():
    translation = {"name": "طاجين آسفي", "description": None}

    assert translation_changes({"name": "طاجين آسفي", "description": None}, translation) is None
    assert translation_changes(None, translation) == {"name": "طاجين آسفي"}


def test_the_channel_listing_is_sent_when_publication_differs():
    current = as_saleor_shows(wanted())

    assert channel_listing_change(current, CHANNEL, published=True) is None
    assert channel_listing_change(current, CHANNEL, published=False) == {
        "channelId": CHANNEL,
        "isPublished": False,
        "visibleInListings": False,
        "isAvailableForPurchase": False,
    }
    assert channel_listing_change(None, CHANNEL, published=True) is not None


def test_prices_compare_as_decimals_in_the_channels_currency():
    current = {
        "channelListings": [
            {"channel": {"id": CHANNEL}, "price": {"amount": 350.1, "currency": "MAD"}}
        ]
    }

    assert not price_change(current, CHANNEL, Decimal("350.10"), "MAD")
    assert price_change(current, CHANNEL, Decimal("350.00"), "MAD")
    assert price_change(current, CHANNEL, Decimal("350.10"), "EUR")
    assert price_change({"channelListings": []}, CHANNEL, Decimal("350.10"), "MAD")
    assert not price_change(None, CHANNEL, None, "MAD")


def test_variants_are_matched_by_their_saleor_id_then_sku_and_the_others_are_unwanted():
    # given one variant written before (its SKU changed since), one found by SKU, one new
    renamed = wanted_variant(7, {"id": 1, "label": {"fr": "Petit"}, "sku": "NEW"}, None, 1, 1, "V1")
    by_sku = wanted_variant(7, {"id": 2, "label": {"fr": "Grand"}, "sku": ""}, None, 1, 2)
    new = wanted_variant(7, {"id": 3, "label": {"fr": "Moyen"}, "sku": ""}, None, 1, 3)
    current = [
        {"id": "V1", "sku": "OLD"},
        {"id": "V2", "sku": "SOUK-7-2"},
        {"id": "V9", "sku": "SOUK-7-9"},
    ]

    # when
    matched, unwanted = match_variants([renamed, by_sku, new], current)

    # then
    assert [m["id"] if m else None for m in matched] == ["V1", "V2", None]
    assert unwanted == ["V9"]
