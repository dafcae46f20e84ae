from saleor_sandbox.models import Product
from tests.sandbox.catalogue.conftest import gid, make_product

PRODUCTS = """
query Products($channel: String, $first: Int, $filter: ProductFilterInput, $where: ProductWhereInput) {
  products(channel: $channel, first: $first, filter: $filter, where: $where) {
    totalCount
    edges { node { slug } }
  }
}
"""
PRODUCT = """
query Product($slug: String!, $channel: String) {
  product(slug: $slug, channel: $channel) {
    name slug channel isAvailable isAvailableForPurchase
    category { slug }
    productType { slug }
    pricing { onSale priceRange { start { gross { amount currency } } stop { net { amount } } } }
    variants { sku quantityAvailable pricing { price { gross { amount currency } } } }
    attributes { attribute { slug inputType entityType } values { reference slug name } }
  }
}
"""


def slugs(body):
    return [edge["node"]["slug"] for edge in body["data"]["products"]["edges"]]


def test_anonymous_product_lists_need_a_channel_when_several_exist(gql, tajine, export_channel):
    # when
    body = gql(PRODUCTS, {"first": 10})

    # then
    assert [error["message"] for error in body["errors"]] == [
        "More than one channel exists. Specify which channel to use."
    ]
    assert body["data"] == {"products": None}


def test_anonymous_users_see_only_products_published_and_listed_in_the_channel(
    gql, ceramics, channel, export_channel
):
    # given
    make_product(ceramics, "a-published", channel)
    make_product(ceramics, "b-unpublished", channel, published=False)
    make_product(ceramics, "c-hidden-from-listings", channel, visible=False)
    make_product(ceramics, "d-without-price", channel, price=None)
    make_product(ceramics, "e-export-only", export_channel)

    # when
    safi = gql(PRODUCTS, {"channel": "safi", "first": 10})
    export = gql(PRODUCTS, {"channel": "tiznit-export", "first": 10})

    # then
    assert slugs(safi) == ["a-published"]
    assert slugs(export) == ["e-export-only"]


def test_a_product_hidden_from_listings_is_still_readable_on_its_own(gql, ceramics, channel):
    # given
    make_product(ceramics, "c-hidden-from-listings", channel, visible=False)

    # when
    body = gql(PRODUCT, {"slug": "c-hidden-from-listings", "channel": "safi"})

    # then
    assert body["data"]["product"]["slug"] == "c-hidden-from-listings"


def test_staff_with_manage_products_see_every_product_with_or_without_channel(
    gql, ceramics, channel, export_channel, staff_token
):
    # given
    make_product(ceramics, "a-published", channel)
    make_product(ceramics, "b-unpublished", channel, published=False)
    make_product(ceramics, "e-export-only", export_channel)
    make_product(ceramics, "f-no-channel", None)

    # when
    everything = gql(PRODUCTS, {"first": 10}, token=staff_token)
    in_safi = gql(PRODUCTS, {"first": 10, "channel": "safi"}, token=staff_token)

    # then
    assert slugs(everything) == ["a-published", "b-unpublished", "e-export-only", "f-no-channel"]
    assert slugs(in_safi) == ["a-published", "b-unpublished"]


def test_an_app_with_manage_orders_sees_unpublished_products(
    gql, ceramics, channel, orders_app_token
):
    # given
    make_product(ceramics, "b-unpublished", channel, published=False)

    # when
    body = gql(PRODUCTS, {"first": 10, "channel": "safi"}, token=orders_app_token)

    # then
    assert slugs(body) == ["b-unpublished"]


def test_a_product_in_a_channel_has_its_price_stock_and_artisan(gql, tajine, artisan):
    # when
    body = gql(PRODUCT, {"slug": "tajine-de-safi", "channel": "safi"})

    # then
    assert "errors" not in body
    assert body["data"]["product"] == {
        "name": "Tajine De Safi",
        "slug": "tajine-de-safi",
        "channel": "safi",
        "isAvailable": True,
        "isAvailableForPurchase": True,
        "category": {"slug": "poterie"},
        "productType": {"slug": "ceramique"},
        "pricing": {
            "onSale": False,
            "priceRange": {
                "start": {"gross": {"amount": 250.0, "currency": "MAD"}},
                "stop": {"net": {"amount": 250.0}},
            },
        },
        "variants": [
            {
                "sku": "tajine-de-safi-1",
                "quantityAvailable": 5,
                "pricing": {"price": {"gross": {"amount": 250.0, "currency": "MAD"}}},
            }
        ],
        "attributes": [
            {
                "attribute": {"slug": "artisan", "inputType": "REFERENCE", "entityType": "PAGE"},
                "values": [
                    {
                        "reference": gid(artisan),
                        "slug": f"{tajine.pk}_{artisan.pk}",
                        "name": "Fatima Zahra Belkadi",
                    }
                ],
            },
            {
                "attribute": {"slug": "matiere", "inputType": "DROPDOWN", "entityType": None},
                "values": [],
            },
        ],
    }


def test_products_are_filtered_by_artisan_reference(gql, tajine, ceramics, channel, artisan):
    # given
    make_product(ceramics, "plat-sans-artisan", channel)
    by_slug = {
        "attributes": [
            {
                "slug": "artisan",
                "value": {"reference": {"pageSlugs": {"containsAny": [artisan.slug]}}},
            }
        ]
    }
    by_id = {
        "attributes": [
            {
                "slug": "artisan",
                "value": {"reference": {"referencedIds": {"containsAll": [gid(artisan)]}}},
            }
        ]
    }

    # when
    where_slug = gql(PRODUCTS, {"channel": "safi", "first": 10, "where": by_slug})
    filter_id = gql(PRODUCTS, {"channel": "safi", "first": 10, "filter": by_id})

    # then
    assert slugs(where_slug) == ["tajine-de-safi"]
    assert slugs(filter_id) == ["tajine-de-safi"]


def test_products_are_filtered_by_category_ids_and_metadata(
    gql, tajine, ceramics, channel, category
):
    # given
    other = make_product(ceramics, "plat", channel)
    Product.objects.filter(pk=other.pk).update(metadata={"cooperative": "safi"})

    # when
    by_category = gql(
        PRODUCTS, {"channel": "safi", "first": 10, "filter": {"categories": [gid(category)]}}
    )
    by_ids = gql(PRODUCTS, {"channel": "safi", "first": 10, "where": {"ids": [gid(other)]}})
    by_metadata = gql(
        PRODUCTS,
        {
            "channel": "safi",
            "first": 10,
            "filter": {"metadata": [{"key": "cooperative", "value": "safi"}]},
        },
    )

    # then
    assert slugs(by_category) == ["tajine-de-safi"]
    assert slugs(by_ids) == ["plat"]
    assert slugs(by_metadata) == ["plat"]


def test_filter_and_where_cannot_be_combined(gql, tajine):
    # when
    body = gql(PRODUCTS, {"channel": "safi", "first": 10, "filter": {}, "where": {}})

    # then
    assert [e["message"] for e in body["errors"]] == [
        "Only one filtering argument (filter or where) can be specified."
    ]


def test_pagination_needs_first_or_last_and_at_most_100(gql, tajine):
    # when
    missing = gql(PRODUCTS, {"channel": "safi"})
    too_many = gql(PRODUCTS, {"channel": "safi", "first": 101})

    # then
    assert [e["message"] for e in missing["errors"]] == [
        "You must provide a `first` or `last` value to properly paginate the `products` connection."
    ]
    assert [e["message"] for e in too_many["errors"]] == [
        "Requesting 101 records on the `products` connection exceeds the `first` limit of 100 records."
    ]


def test_pages_of_products_follow_cursors(gql, ceramics, channel):
    # given
    for slug in ("a", "b", "c"):
        make_product(ceramics, slug, channel)
    query = """query($after: String) { products(channel: "safi", first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }"""

    # when
    first = gql(query)["data"]["products"]
    second = gql(query, {"after": first["pageInfo"]["endCursor"]})["data"]["products"]

    # then
    assert [e["node"]["slug"] for e in first["edges"]] == ["a", "b"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 3
    assert [e["node"]["slug"] for e in second["edges"]] == ["c"]
    assert second["pageInfo"]["hasNextPage"] is False


LIST_EVERYTHING = """
query { products(channel: "safi", first: 50) { edges { node {
  name pricing { priceRange { start { gross { amount } } } } thumbnail { url }
  category { slug } productType { slug } isAvailable
  attributes { attribute { slug } values { name reference } }
  variants { sku quantityAvailable pricing { price { gross { amount } } } attributes { values { slug } } }
} } } }
"""


def test_product_lists_take_the_same_number_of_queries_for_any_page_size(
    gql, ceramics, channel, django_assert_num_queries
):
    # given
    make_product(ceramics, "a", channel)
    gql(LIST_EVERYTHING)  # warms up
    with django_assert_num_queries(16) as one:
        gql(LIST_EVERYTHING)
    for slug in ("b", "c", "d", "e"):
        make_product(ceramics, slug, channel)

    # when / then
    with django_assert_num_queries(len(one.captured_queries)):
        body = gql(LIST_EVERYTHING)
    assert len(body["data"]["products"]["edges"]) == 5


def test_staff_read_channel_listings_and_customers_are_refused(
    gql, tajine, staff_token, customer_token
):
    # given
    query = '{ product(slug: "tajine-de-safi", channel: "safi") { channelListings { channel { slug } isPublished } } }'

    # when
    staff = gql(query, token=staff_token)
    customer = gql(query, token=customer_token)

    # then
    assert staff["data"]["product"]["channelListings"] == [
        {"channel": {"slug": "safi"}, "isPublished": True}
    ]
    assert [e["extensions"]["exception"]["code"] for e in customer["errors"]] == [
        "PermissionDenied"
    ]


def test_products_are_sorted_by_price_in_the_channel(gql, ceramics, channel):
    # given
    make_product(ceramics, "a-cher", channel, price="900")
    make_product(ceramics, "b-bon-marche", channel, price="90")
    query = """{ products(channel: "safi", first: 5, sortBy: {field: PRICE, direction: DESC}) {
      edges { node { slug } } } }"""

    # when
    body = gql(query)

    # then
    assert slugs(body) == ["a-cher", "b-bon-marche"]
