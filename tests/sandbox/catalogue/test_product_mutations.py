from saleor_sandbox.models import Product, Stock
from tests.sandbox.catalogue.conftest import gid

PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) {
    errors { field code message attributes }
    productErrors { code }
    product { slug attributes { attribute { slug } values { reference name } } }
  }
}
"""
PRODUCT_DELETE = """
mutation Delete($id: ID!) { productDelete(id: $id) { errors { code } product { id slug } } }
"""
STOCKS_UPDATE = """
mutation Stocks($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $id, stocks: $stocks) {
    errors { field code message }
    productVariant { stocks { quantity warehouse { slug } } }
  }
}
"""
UPDATE_METADATA = """
mutation Meta($id: ID!) { updateMetadata(id: $id, input: [{key: "coop", value: "safi"}]) { errors { code } } }
"""


def test_a_product_is_created_with_its_artisan_and_events_are_emitted(
    gql, ceramics, artisan, artisan_attribute, manager_token, emitted
):
    # given
    variables = {
        "input": {
            "productType": gid(ceramics),
            "name": "Tajine décoré",
            "attributes": [{"id": gid(artisan_attribute), "references": [gid(artisan)]}],
        }
    }

    # when
    body = gql(PRODUCT_CREATE, variables, token=manager_token)

    # then
    payload = body["data"]["productCreate"]
    assert payload["errors"] == []
    assert payload["product"] == {
        "slug": "tajine-decore",
        "attributes": [
            {
                "attribute": {"slug": "artisan"},
                "values": [{"reference": gid(artisan), "name": "Fatima Zahra Belkadi"}],
            },
            {"attribute": {"slug": "matiere"}, "values": []},
        ],
    }
    assert [event for event, _subject in emitted] == ["PRODUCT_CREATED"]


def test_product_creation_reports_payload_errors_as_saleor(
    gql, ceramics, tajine, material, artisan_attribute, manager_token, emitted
):
    # when
    taken = gql(
        PRODUCT_CREATE,
        {"input": {"productType": gid(ceramics), "name": "X", "slug": "tajine-de-safi"}},
        token=manager_token,
    )
    two_values = gql(
        PRODUCT_CREATE,
        {
            "input": {
                "productType": gid(ceramics),
                "name": "X",
                "attributes": [{"id": gid(material), "values": ["a", "b"]}],
            }
        },
        token=manager_token,
    )
    wrong_reference = gql(
        PRODUCT_CREATE,
        {
            "input": {
                "productType": gid(ceramics),
                "name": "X",
                "attributes": [{"id": gid(artisan_attribute), "references": [gid(tajine)]}],
            }
        },
        token=manager_token,
    )

    # then
    assert taken["data"]["productCreate"]["errors"] == [
        {
            "field": "slug",
            "code": "UNIQUE",
            "message": "Product with this Slug already exists.",
            "attributes": None,
        }
    ]
    assert taken["data"]["productCreate"]["productErrors"] == [{"code": "UNIQUE"}]
    assert two_values["data"]["productCreate"]["errors"] == [
        {
            "field": "attributes",
            "code": "INVALID",
            "message": "Attribute must take only one value.",
            "attributes": [gid(material)],
        }
    ]
    assert wrong_reference["data"]["productCreate"]["errors"] == [
        {
            "field": "attributes",
            "code": "INVALID",
            "message": "Invalid reference type.",
            "attributes": [gid(artisan_attribute)],
        }
    ]
    assert Product.objects.count() == 1
    assert emitted == []


def test_product_mutations_are_refused_without_manage_products(gql, ceramics, customer_token):
    # when
    body = gql(
        PRODUCT_CREATE, {"input": {"productType": gid(ceramics), "name": "X"}}, token=customer_token
    )

    # then
    assert [e["extensions"]["exception"]["code"] for e in body["errors"]] == ["PermissionDenied"]
    assert body["data"] == {"productCreate": None}


def test_a_deleted_product_is_returned_and_announced_as_it_was(gql, tajine, manager_token, emitted):
    # when
    body = gql(PRODUCT_DELETE, {"id": gid(tajine)}, token=manager_token)

    # then
    assert body["data"]["productDelete"] == {
        "errors": [],
        "product": {"id": gid(tajine), "slug": "tajine-de-safi"},
    }
    assert [(event, subject.pk) for event, subject in emitted] == [("PRODUCT_DELETED", tajine.pk)]
    assert not Product.objects.exists()


def test_stock_quantities_are_set_per_warehouse(gql, tajine, channel, manager_token):
    # given
    variant = tajine.variants.get()
    warehouse = channel.warehouses.get()

    # when
    body = gql(
        STOCKS_UPDATE,
        {"id": gid(variant), "stocks": [{"warehouse": gid(warehouse), "quantity": 12}]},
        token=manager_token,
    )
    unknown = gql(
        STOCKS_UPDATE,
        {"id": gid(variant), "stocks": [{"warehouse": "V2FyZWhvdXNlOjk5OTk=", "quantity": 1}]},
        token=manager_token,
    )

    # then
    assert body["data"]["productVariantStocksUpdate"] == {
        "errors": [],
        "productVariant": {"stocks": [{"quantity": 12, "warehouse": {"slug": "atelier-safi"}}]},
    }
    assert [e["code"] for e in unknown["data"]["productVariantStocksUpdate"]["errors"]] == [
        "NOT_FOUND"
    ]
    assert Stock.objects.get().quantity == 12


def test_product_metadata_updates_emit_updated_then_metadata_updated(
    gql, tajine, manager_token, emitted
):
    # when
    body = gql(UPDATE_METADATA, {"id": gid(tajine)}, token=manager_token)

    # then
    assert body["data"]["updateMetadata"]["errors"] == []
    assert [event for event, _subject in emitted] == ["PRODUCT_UPDATED", "PRODUCT_METADATA_UPDATED"]


PAGE_CREATE = """
mutation($input: PageCreateInput!) { pageCreate(input: $input) { errors { field code } page { slug isPublished } } }
"""


def test_artisan_pages_are_created_by_page_managers_only(
    gql, artisan_type, manager_token, staff_token, emitted
):
    # given
    variables = {
        "input": {"pageType": gid(artisan_type), "title": "Hassan Ait Ouaziz", "isPublished": True}
    }

    # when
    refused = gql(PAGE_CREATE, variables, token=staff_token)
    created = gql(PAGE_CREATE, variables, token=manager_token)

    # then
    assert [e["extensions"]["exception"]["code"] for e in refused["errors"]] == ["PermissionDenied"]
    assert created["data"]["pageCreate"] == {
        "errors": [],
        "page": {"slug": "hassan-ait-ouaziz", "isPublished": True},
    }
    assert [event for event, _subject in emitted] == ["PAGE_CREATED"]


def test_unpublished_pages_are_visible_only_with_manage_pages(gql, artisan_type, manager_token):
    # given
    from saleor_sandbox.models import Page

    Page.objects.create(page_type=artisan_type, title="Brouillon", slug="brouillon")
    query = "{ pages(first: 10) { edges { node { slug } } } }"

    # when
    anonymous = gql(query)
    manager = gql(query, token=manager_token)

    # then
    assert anonymous["data"]["pages"]["edges"] == []
    assert manager["data"]["pages"]["edges"] == [{"node": {"slug": "brouillon"}}]


def test_a_reference_attribute_to_artisan_pages_is_created_for_the_app(
    gql, artisan_type, manager_token
):
    # given
    mutation = """mutation($input: AttributeCreateInput!) { attributeCreate(input: $input) {
      errors { field code } attribute { slug inputType entityType referenceTypes { ... on PageType { slug } } } } }"""

    # when
    body = gql(
        mutation,
        {
            "input": {
                "name": "Artisan",
                "type": "PRODUCT_TYPE",
                "inputType": "REFERENCE",
                "entityType": "PAGE",
                "referenceTypes": [gid(artisan_type)],
            }
        },
        token=manager_token,
    )

    # then
    assert body["data"]["attributeCreate"] == {
        "errors": [],
        "attribute": {
            "slug": "artisan",
            "inputType": "REFERENCE",
            "entityType": "PAGE",
            "referenceTypes": [{"slug": "artisan"}],
        },
    }
