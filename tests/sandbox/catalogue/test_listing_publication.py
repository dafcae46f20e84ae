"""Publishing an artisan's listing as the portal App does, with Saleor's mutations: the
product with its artisan, its channel listing, variants by colour with prices and stock,
then withdrawing it."""

import pytest

from saleor_sandbox.models import Attribute, AttributeValue, Product, ProductType
from tests.sandbox.catalogue.conftest import gid
from tests.sandbox.conftest import make_app

PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) { errors { field code message } product { id } }
}
"""
LISTING_UPDATE = """
mutation Listing($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) { errors { field code message } }
}
"""
VARIANT_CREATE = """
mutation Variant($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) { errors { field code message } productVariant { id } }
}
"""
VARIANT_PRICE = """
mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { errors { field code message } }
}
"""
STOCKS_CREATE = """
mutation Stocks($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksCreate(variantId: $id, stocks: $stocks) {
    errors { field code index }
    productVariant { stocks { quantity warehouse { slug } } }
  }
}
"""
PRODUCT = """
query Product($id: ID!, $channel: String) {
  product(id: $id, channel: $channel) {
    name isAvailableForPurchase
    attributes { attribute { slug } values { name reference } }
    channelListings { channel { slug } isPublished visibleInListings }
    variants {
      sku attributes { attribute { slug } values { name } }
      channelListings { price { amount currency } costPrice { amount } }
      stocks { quantity }
    }
  }
}
"""
LOOKUPS = """
{
  categories(first: 5) { edges { node { slug } } }
  warehouses(first: 5) { edges { node { slug } } }
  productTypes(first: 5) { edges { node { slug variantAttributes { slug } } } }
  attributes(first: 10, filter: {slugs: ["couleur"]}) { edges { node { slug choices(first: 5) { edges { node { name } } } } } }
}
"""


@pytest.fixture
def colour(db):
    attribute = Attribute.objects.create(
        name="Couleur", slug="couleur", input_type=Attribute.InputType.DROPDOWN
    )
    for position, name in enumerate(["Fauve", "Cognac"]):
        AttributeValue.objects.create(
            attribute=attribute, name=name, slug=name.lower(), sort_order=position
        )
    return attribute


@pytest.fixture
def listing_type(colour, material, artisan_attribute):
    product_type = ProductType.objects.create(name="Création artisanale", slug="creation")
    product_type.product_attributes.add(artisan_attribute, material)
    product_type.variant_attributes.add(colour)
    return product_type


@pytest.fixture
def portal_app_token(db):
    _app, token = make_app(["MANAGE_PRODUCTS", "MANAGE_PAGES"], name="Portail")
    return token


def test_a_listing_is_published_with_variants_prices_and_stock_then_withdrawn(
    gql, listing_type, artisan, artisan_attribute, material, colour, channel, category,
    portal_app_token,
):  # fmt: skip
    # given
    token = portal_app_token
    warehouse = channel.warehouses.get()

    # when the App writes the listing
    created = gql(
        PRODUCT_CREATE,
        {
            "input": {
                "productType": gid(listing_type),
                "category": gid(category),
                "name": "Sac berbère",
                "attributes": [
                    {"id": gid(artisan_attribute), "references": [gid(artisan)]},
                    {"id": gid(material), "dropdown": {"value": "Argile"}},
                ],
            }
        },
        token=token,
    )["data"]["productCreate"]
    product_id = created["product"]["id"]
    listing = gql(
        LISTING_UPDATE,
        {
            "id": product_id,
            "input": {
                "updateChannels": [
                    {
                        "channelId": gid(channel),
                        "isPublished": True,
                        "publishedAt": "2026-01-01T00:00:00+00:00",
                        "visibleInListings": True,
                        "isAvailableForPurchase": True,
                    }
                ]
            },
        },
        token=token,
    )["data"]["productChannelListingUpdate"]
    variant = gql(
        VARIANT_CREATE,
        {
            "input": {
                "product": product_id,
                "sku": "SAC-FAUVE",
                "attributes": [{"id": gid(colour), "dropdown": {"value": "Fauve"}}],
            }
        },
        token=token,
    )["data"]["productVariantCreate"]
    variant_id = variant["productVariant"]["id"]
    price = gql(
        VARIANT_PRICE,
        {"id": variant_id, "input": [{"channelId": gid(channel), "price": 450, "costPrice": 300}]},
        token=token,
    )["data"]["productVariantChannelListingUpdate"]
    stocks = gql(
        STOCKS_CREATE,
        {"id": variant_id, "stocks": [{"warehouse": gid(warehouse), "quantity": 3}]},
        token=token,
    )["data"]["productVariantStocksCreate"]
    again = gql(
        STOCKS_CREATE,
        {"id": variant_id, "stocks": [{"warehouse": gid(warehouse), "quantity": 1}]},
        token=token,
    )["data"]["productVariantStocksCreate"]

    # then
    assert [created["errors"], listing["errors"], variant["errors"], price["errors"]] == [[]] * 4
    assert stocks == {
        "errors": [],
        "productVariant": {"stocks": [{"quantity": 3, "warehouse": {"slug": "atelier-safi"}}]},
    }
    assert again["errors"] == [{"field": "warehouse", "code": "UNIQUE", "index": 0}]
    product = gql(PRODUCT, {"id": product_id, "channel": "safi"}, token=token)["data"]["product"]
    assert product == {
        "name": "Sac berbère",
        "isAvailableForPurchase": True,
        "attributes": [
            {
                "attribute": {"slug": "artisan"},
                "values": [{"name": "Fatima Zahra Belkadi", "reference": gid(artisan)}],
            },
            {"attribute": {"slug": "matiere"}, "values": [{"name": "Argile", "reference": None}]},
        ],
        "channelListings": [
            {"channel": {"slug": "safi"}, "isPublished": True, "visibleInListings": True}
        ],
        "variants": [
            {
                "sku": "SAC-FAUVE",
                "attributes": [{"attribute": {"slug": "couleur"}, "values": [{"name": "Fauve"}]}],
                "channelListings": [
                    {"price": {"amount": 450.0, "currency": "MAD"}, "costPrice": {"amount": 300.0}}
                ],
                "stocks": [{"quantity": 3}],
            }
        ],
    }

    # when the listing is withdrawn from the channel, then deleted
    removed = gql(
        LISTING_UPDATE,
        {"id": product_id, "input": {"removeChannels": [gid(channel)]}},
        token=token,
    )["data"]["productChannelListingUpdate"]
    deleted = gql(
        "mutation D($id: ID!) { productDelete(id: $id) { errors { code } } }",
        {"id": product_id},
        token=token,
    )["data"]["productDelete"]

    # then
    assert removed["errors"] == deleted["errors"] == []
    assert not Product.objects.filter(name="Sac berbère").exists()


def test_the_app_reads_categories_warehouses_product_types_and_attribute_choices(
    gql, listing_type, channel, category, portal_app_token
):
    # when
    body = gql(LOOKUPS, token=portal_app_token)

    # then
    data = body["data"]
    assert [e["node"]["slug"] for e in data["categories"]["edges"]] == ["poterie"]
    assert [e["node"]["slug"] for e in data["warehouses"]["edges"]] == ["atelier-safi"]
    assert data["productTypes"]["edges"] == [
        {"node": {"slug": "creation", "variantAttributes": [{"slug": "couleur"}]}}
    ]
    assert data["attributes"]["edges"] == [
        {
            "node": {
                "slug": "couleur",
                "choices": {"edges": [{"node": {"name": "Fauve"}}, {"node": {"name": "Cognac"}}]},
            }
        }
    ]


def test_a_purchase_date_needs_is_available_for_purchase_and_may_lie_ahead(
    gql, tajine, channel, portal_app_token
):
    # given
    later = "2099-05-01T08:00:00+00:00"

    def update(**listing):
        return gql(
            LISTING_UPDATE,
            {
                "id": gid(tajine),
                "input": {"updateChannels": [{"channelId": gid(channel), **listing}]},
            },
            token=portal_app_token,
        )["data"]["productChannelListingUpdate"]["errors"]

    # when
    without_flag = update(availableForPurchaseAt=later)
    scheduled = update(isAvailableForPurchase=True, availableForPurchaseAt=later)

    # then
    assert without_flag == [
        {
            "field": "availableForPurchaseDate",
            "code": "INVALID",
            "message": "Cannot set available for purchase date when isAvailableForPurchase is false.",
        }
    ]
    assert scheduled == []
    product = gql(
        '{ product(slug: "tajine-de-safi", channel: "safi") { isAvailableForPurchase availableForPurchaseAt } }',
        token=portal_app_token,
    )["data"]["product"]
    assert product == {"isAvailableForPurchase": False, "availableForPurchaseAt": later}
