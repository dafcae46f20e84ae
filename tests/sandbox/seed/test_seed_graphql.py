"""The seeded catalogue as a storefront sees it: anonymously, through /graphql/."""

import json

import pytest

from saleor_sandbox.models import Page, Stock
from tests.sandbox.checkout.fixtures import ADDRESS_MA
from tests.sandbox.payments.test_transactions import COMPLETE, INITIALIZE

PRODUCTS = """
query Products($channel: String!) {
  products(channel: $channel, first: 20) {
    totalCount
    edges { node {
      slug name isAvailableForPurchase
      category { slug }
      thumbnail { url }
      pricing { priceRange { start { gross { amount currency } } } }
      attributes { attribute { slug } values { name reference } }
      variants { sku quantityAvailable }
    } }
  }
}
"""
VARIANT = """
query Variant($sku: String!, $channel: String!) {
  productVariant(sku: $sku, channel: $channel) {
    id name pricing { price { gross { amount currency } } }
    product { name }
  }
}
"""
CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id shippingMethods { id name price { amount currency } } }
    errors { field code message }
  }
}
"""
DELIVERY = """
mutation Delivery($id: ID!, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { totalPrice { gross { amount currency } } }
    errors { field code message }
  }
}
"""
ADDRESS_FR = {
    "firstName": "Claire",
    "lastName": "Martin",
    "streetAddress1": "8 rue des Tanneurs",
    "city": "LYON",
    "postalCode": "69001",
    "country": "FR",
}


@pytest.mark.parametrize(
    ("channel", "count"),
    [
        ("cooperative-safi", 6),
        ("fes-zellige", 6),
        ("atlas-tapis", 6),
        ("tiznit-argent", 6),
        ("marrakech-cuir", 6),
        ("souk-export", 30),
    ],
)
def test_each_channel_lists_its_products_anonymously(gql, seeded, channel, count):
    # when
    body = gql(PRODUCTS, {"channel": channel})

    # then
    assert "errors" not in body
    products = body["data"]["products"]
    assert products["totalCount"] == count
    currency = "EUR" if channel == "souk-export" else "MAD"
    for edge in products["edges"]:
        node = edge["node"]
        assert node["isAvailableForPurchase"] is True
        assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == currency
        assert node["thumbnail"]["url"].endswith(f"/media/products/{node['slug']}.png")
        artisan = next(a for a in node["attributes"] if a["attribute"]["slug"] == "artisan")
        assert artisan["values"]
        assert all(value["reference"] for value in artisan["values"])


def test_the_safi_listing_shows_its_pottery_with_artisans_and_prices(gql, seeded):
    # when
    body = gql(PRODUCTS, {"channel": "cooperative-safi"})

    # then
    nodes = {edge["node"]["slug"]: edge["node"] for edge in body["data"]["products"]["edges"]}
    assert sorted(nodes) == [
        "assiettes-safi-berberes",
        "bols-harira-safi",
        "jarre-safi-bleue",
        "plat-couscous-safi",
        "tajine-safi-vert",
        "vase-safi-reflets",
    ]
    tajine = nodes["tajine-safi-vert"]
    assert tajine["pricing"]["priceRange"]["start"]["gross"] == {"amount": 180.0, "currency": "MAD"}
    assert tajine["category"] == {"slug": "poterie-ceramique"}
    assert [v["sku"] for v in tajine["variants"]] == ["SAFI-TAJ-VERT-P", "SAFI-TAJ-VERT-G"]
    artisan = Page.objects.get(slug="abdelkader-benhima")
    attributes = {a["attribute"]["slug"]: a["values"] for a in tajine["attributes"]}
    assert [v["name"] for v in attributes["artisan"]] == [artisan.title]
    assert attributes["materiau"] == [{"name": "Argile rouge de Safi", "reference": None}]
    assert nodes["vase-safi-reflets"]["variants"] == [
        {"sku": "SAFI-VASE-REF", "quantityAvailable": 0}
    ]


@pytest.mark.parametrize(
    ("channel", "price"),
    [
        ("cooperative-safi", {"amount": 260.0, "currency": "MAD"}),
        ("souk-export", {"amount": 27.0, "currency": "EUR"}),
    ],
)
def test_a_variant_price_resolves_in_each_of_its_channels(gql, seeded, channel, price):
    # when
    body = gql(VARIANT, {"sku": "SAFI-TAJ-VERT-G", "channel": channel})

    # then
    variant = body["data"]["productVariant"]
    assert variant["pricing"]["price"]["gross"] == price
    assert variant["product"]["name"] == "Tajine de Safi émaillé vert"


def _checkout(gql, channel, sku, quantity, address, language="FR"):
    variant = gql(VARIANT, {"sku": sku, "channel": channel})["data"]["productVariant"]
    created = gql(
        CREATE,
        {
            "input": {
                "channel": channel,
                "email": "client@souk.example",
                "lines": [{"variantId": variant["id"], "quantity": quantity}],
                "shippingAddress": address,
                "billingAddress": address,
                "languageCode": language,
            }
        },
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    return created["checkout"]


def test_a_moroccan_customer_buys_a_tajine_with_amana_and_the_test_gateway(gql, seeded):
    # given
    checkout = _checkout(gql, "cooperative-safi", "SAFI-TAJ-VERT-P", 2, ADDRESS_MA)
    methods = {m["name"]: m for m in checkout["shippingMethods"]}
    assert {name: m["price"] for name, m in methods.items()} == {
        "Retrait à la coopérative": {"amount": 0.0, "currency": "MAD"},
        "Amana Express": {"amount": 35.0, "currency": "MAD"},
    }

    # when
    delivery = gql(DELIVERY, {"id": checkout["id"], "method": methods["Amana Express"]["id"]})
    paid = gql(INITIALIZE, {"id": checkout["id"], "gateway": {"id": "saleor.io.dummy-payment-app"}})
    completed = gql(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]

    # then
    assert delivery["data"]["checkoutDeliveryMethodUpdate"]["errors"] == []
    assert paid["data"]["transactionInitialize"]["errors"] == []
    assert completed["errors"] == []
    order = completed["order"]
    assert (order["status"], order["chargeStatus"], order["isPaid"]) == (
        "UNFULFILLED",
        "FULL",
        True,
    )
    assert order["total"]["gross"]["amount"] == 395.0  # 2 x 180 MAD + 35 MAD
    assert Stock.objects.get(product_variant__sku="SAFI-TAJ-VERT-P").quantity_allocated == 2


def test_a_french_customer_buys_a_carpet_in_euros_with_dhl(gql, seeded):
    # given
    checkout = _checkout(gql, "souk-export", "ATLAS-AZI-ECRU-160", 1, ADDRESS_FR)
    methods = {m["name"]: m for m in checkout["shippingMethods"]}
    assert {name: m["price"]["amount"] for name, m in methods.items()} == {
        "Colissimo International — offert dès 400 €": 0.0,
        "DHL Express": 45.0,
    }

    # when
    gql(DELIVERY, {"id": checkout["id"], "method": methods["DHL Express"]["id"]})
    gql(INITIALIZE, {"id": checkout["id"], "gateway": {"id": "saleor.io.dummy-payment-app"}})
    completed = gql(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]

    # then
    assert completed["errors"] == []
    assert completed["order"]["total"]["gross"]["amount"] == 725.0  # 680 EUR + 45 EUR
    assert completed["order"]["lines"] == [
        {
            "productName": "Tapis Azilal écru à motifs colorés",
            "quantity": 1,
            "unitPrice": {"gross": {"amount": 680.0}},
        }
    ]


def test_the_out_of_stock_vase_cannot_be_bought(gql, seeded):
    # given
    variant = gql(VARIANT, {"sku": "SAFI-VASE-REF", "channel": "cooperative-safi"})["data"][
        "productVariant"
    ]

    # when
    body = gql(
        CREATE,
        {
            "input": {
                "channel": "cooperative-safi",
                "lines": [{"variantId": variant["id"], "quantity": 1}],
            }
        },
    )

    # then
    errors = body["data"]["checkoutCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("quantity", "INSUFFICIENT_STOCK")]


TRANSLATED = """
query Translated($channel: String!, $language: LanguageCodeEnum!) {
  products(channel: $channel, first: 50) {
    edges { node {
      slug name
      translation(languageCode: $language) { name description }
      category { translation(languageCode: $language) { name description } }
      variants { name translation(languageCode: $language) { name } }
    } }
  }
  collections(channel: $channel, first: 10) {
    edges { node { slug translation(languageCode: $language) { name } } }
  }
}
"""


@pytest.mark.parametrize("language", ["AR", "EN"])
def test_every_seeded_product_and_category_is_translated(gql, seeded, language):
    # when
    body = gql(TRANSLATED, {"channel": "souk-export", "language": language})

    # then
    assert "errors" not in body
    nodes = [edge["node"] for edge in body["data"]["products"]["edges"]]
    assert len(nodes) == 30
    for node in nodes:
        translation = node["translation"]
        assert translation["name"], node["slug"]
        assert translation["name"] != node["name"], node["slug"]
        assert json.loads(translation["description"])["blocks"], node["slug"]
        assert node["category"]["translation"]["name"], node["slug"]
        assert json.loads(node["category"]["translation"]["description"])["blocks"]
    collections = body["data"]["collections"]["edges"]
    assert len(collections) == 4
    assert all(edge["node"]["translation"]["name"] for edge in collections)


def test_seeded_translations_are_in_the_language_asked(gql, seeded):
    # when
    arabic = gql(VARIANT_TRANSLATED, {"sku": "MRK-CABAS-NOIR", "language": "AR"})
    english = gql(VARIANT_TRANSLATED, {"sku": "MRK-CABAS-NOIR", "language": "EN"})
    carpet = gql(VARIANT_TRANSLATED, {"sku": "ATLAS-AZI-ECRU-160", "language": "AR"})

    # then
    variant = arabic["data"]["productVariant"]
    assert variant["translation"] == {"name": "أسود"}
    assert variant["product"]["translation"]["name"] == "قفة من جلد الماعز"
    assert english["data"]["productVariant"]["translation"] == {"name": "Black"}
    assert english["data"]["productVariant"]["product"]["translation"]["name"] == (
        "Goatskin tote bag"
    )
    # a variant named by its dimensions only has nothing to translate
    assert carpet["data"]["productVariant"]["translation"] is None


VARIANT_TRANSLATED = """
query($sku: String!, $language: LanguageCodeEnum!) {
  productVariant(sku: $sku, channel: "souk-export") {
    translation(languageCode: $language) { name }
    product { translation(languageCode: $language) { name } }
  }
}
"""


TRANSLATED_LINES = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) {
    order { lines { productName variantName translatedProductName translatedVariantName } }
    errors { field code message }
  }
}
"""


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("AR", ["قفة من جلد الماعز", "أسود"]),
        ("EN", ["Goatskin tote bag", "Black"]),
        ("FR", ["", ""]),  # the products' own language: nothing translated
    ],
)
def test_order_lines_keep_the_names_in_the_checkout_s_language(gql, seeded, language, names):
    # given
    checkout = _checkout(gql, "marrakech-cuir", "MRK-CABAS-NOIR", 1, ADDRESS_MA, language)
    method = checkout["shippingMethods"][0]["id"]
    gql(DELIVERY, {"id": checkout["id"], "method": method})
    gql(INITIALIZE, {"id": checkout["id"], "gateway": {"id": "saleor.io.dummy-payment-app"}})

    # when
    completed = gql(TRANSLATED_LINES, {"id": checkout["id"]})["data"]["checkoutComplete"]

    # then
    assert completed["errors"] == []
    assert completed["order"]["lines"] == [
        {
            "productName": "Sac cabas en cuir de chèvre",
            "variantName": "Noir",
            "translatedProductName": names[0],
            "translatedVariantName": names[1],
        }
    ]
