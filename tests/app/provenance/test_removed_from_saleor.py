"""A product deleted in Saleor (PRODUCT_DELETED): its provenance is marked removed, no longer
served as published nor written back, still visible to its editors. The end-to-end path from
the sandbox is in tests/app/e2e/test_product_deleted_in_saleor.py."""

import pytest
from graphql_relay import to_global_id

from storefront_plugins.provenance import services
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.provenance.saleor_sync import providers, sources
from tests.app.graphql_client import graphql

PROVENANCE = """
query($id: ID!) { productProvenance(saleorProductId: $id) { isPublished removedFromSaleorAt } }
"""


@pytest.fixture
def published_vase(vase):
    vase.is_published = True
    vase.save()
    return vase


def test_the_provenance_data_handles_product_deleted():
    assert providers.summary_provider.product_deleted is sources.product_deleted


def test_the_product_and_its_variants_are_marked_once(published_vase):
    # given a variant's provenance of the same product
    variant = ProductProvenance.objects.create(
        saleor_product_id=published_vase.saleor_product_id,
        saleor_variant_id="UHJvZHVjdFZhcmlhbnQ6OQ==",
        cooperative_id=published_vase.cooperative_id,
        is_published=True,
    )

    # when
    first = services.mark_removed_from_saleor(published_vase.saleor_product_id)
    again = services.mark_removed_from_saleor(published_vase.saleor_product_id)

    # then
    assert first.newly_removed == 2
    assert again.newly_removed == 0
    assert again.removed_at == first.removed_at
    published_vase.refresh_from_db()
    variant.refresh_from_db()
    assert published_vase.removed_from_saleor_at == variant.removed_from_saleor_at
    assert published_vase.removed_from_saleor_at == first.removed_at


def test_an_unknown_product_marks_nothing(db):
    result = services.mark_removed_from_saleor("UHJvZHVjdDo5OTk5")

    assert (result.removed_at, result.newly_removed) == (None, 0)


def test_a_removed_piece_is_hidden_from_the_public_and_not_written_back(
    api_client, tokens, published_vase
):
    # given
    product_id = published_vase.saleor_product_id
    assert services.provenance_summary(product_id) is not None
    assert sources.product_ids("") == [product_id]

    # when
    sources.product_deleted("https://saleor.example/graphql/", product_id)

    # then shoppers no longer see it, and the write-back leaves it alone
    public = graphql(api_client, PROVENANCE, {"id": product_id})
    assert public["data"]["productProvenance"] is None
    assert services.provenance_summary(product_id) is None
    assert sources.product_ids("") == []

    # but its cooperative's manager still does, marked removed
    managed = graphql(api_client, PROVENANCE, {"id": product_id}, token=tokens["manager"])
    assert managed["data"]["productProvenance"]["isPublished"] is True
    assert managed["data"]["productProvenance"]["removedFromSaleorAt"] is not None


PUBLISH = """
mutation($id: ID!, $isPublished: Boolean) {
  productProvenancePublish(id: $id, isPublished: $isPublished) {
    productProvenance { isPublished } errors { field code }
  }
}
"""


def test_a_removed_piece_cannot_be_published_again_but_can_be_unpublished(
    api_client, tokens, published_vase
):
    # given a piece deleted in Saleor, then unpublished by its manager
    services.mark_removed_from_saleor(published_vase.saleor_product_id)
    node_id = to_global_id("ProductProvenance", published_vase.pk)
    unpublished = graphql(
        api_client, PUBLISH, {"id": node_id, "isPublished": False}, token=tokens["manager"]
    )

    # when
    republished = graphql(
        api_client, PUBLISH, {"id": node_id, "isPublished": True}, token=tokens["manager"]
    )

    # then
    assert unpublished["data"]["productProvenancePublish"]["errors"] == []
    assert republished["data"]["productProvenancePublish"]["errors"] == [
        {"field": "id", "code": "REMOVED_FROM_SALEOR"}
    ]
    published_vase.refresh_from_db()
    assert published_vase.is_published is False
