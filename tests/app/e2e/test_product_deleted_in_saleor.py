"""A product deleted in Saleor: PRODUCT_DELETED reaches the App from the sandbox, its worker
marks the provenance removed, the public API stops serving it as published, and its
certificate keeps verifying but tells the shopper holding the QR code that the piece was
withdrawn from sale."""

from typing import Any

import pytest
from django.test import Client

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance import services
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.saleor_app.models import WebhookDelivery
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.test_webhooks_from_sandbox import wait_for_delivery
from tests.app.graphql_client import graphql

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

SEEDED_PRODUCT = """
query { product(slug: "tajine-safi-vert", channel: "cooperative-safi") {
  productType { id } category { id } } }
"""
PRODUCT_CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id } errors { field code message } }
}
"""
PRODUCT_DELETE = """
mutation($id: ID!) { productDelete(id: $id) { errors { field code message } } }
"""
PUBLIC_PROVENANCE = """
query($id: ID!) {
  productProvenance(saleorProductId: $id) { isPublished removedFromSaleorAt }
  productProvenances(saleorProductIds: [$id]) { saleorProductId }
}
"""
VERIFICATION = """
query($serial: String!) { certificateVerification(idOrSerial: $serial) { status valid withdrawnAt } }
"""


def _new_sandbox_product(sandbox: Any, staff_token: str) -> str:
    """A product of its own: the sandbox is shared by the session's tests."""
    seeded = sandbox.graphql(SEEDED_PRODUCT)["data"]["product"]
    body = sandbox.graphql(
        PRODUCT_CREATE,
        {
            "input": {
                "productType": seeded["productType"]["id"],
                "category": seeded["category"]["id"],
                "name": "Tajine retiré",
                "slug": "tajine-retire-e2e",
            }
        },
        token=staff_token,
    )
    assert body["data"]["productCreate"]["errors"] == []
    product_id: str = body["data"]["productCreate"]["product"]["id"]
    return product_id


def test_a_product_deleted_in_saleor_is_withdrawn_and_its_certificate_says_so(
    celery_worker, seeded_sandbox, app_installed_in_sandbox, staff_token
):
    # given a published, certified piece for a product of the sandbox
    load_directory_file(DIRECTORY)
    product_id = _new_sandbox_product(seeded_sandbox, staff_token)
    result = services.put_provenance_as_system(
        product_id,
        Cooperative.objects.get(slug="cooperative-safi").pk,
        services.ProvenanceInput(
            changes={"workshop": "Atelier Serghini"},
            contributions=[
                services.ContributionInput(
                    Artisan.objects.get(slug="mohamed-serghini").pk, share=10_000
                )
            ],
        ),
    )
    certificate = result.certificate
    assert certificate is not None
    client = Client()
    before = graphql(client, PUBLIC_PROVENANCE, {"id": product_id})["data"]
    assert before["productProvenance"] == {"isPublished": True, "removedFromSaleorAt": None}

    # when a staff member deletes the product in Saleor
    body = seeded_sandbox.graphql(PRODUCT_DELETE, {"id": product_id}, token=staff_token)
    assert body["data"]["productDelete"]["errors"] == []

    # then the App's worker handles PRODUCT_DELETED and marks the piece removed
    delivery = wait_for_delivery("PRODUCT_DELETED", mentioning=product_id)
    assert delivery.status == WebhookDelivery.Status.HANDLED, delivery.last_error
    provenance = ProductProvenance.objects.get(saleor_product_id=product_id)
    assert provenance.removed_from_saleor_at is not None
    removed_at = provenance.removed_from_saleor_at

    # and the public API no longer serves it
    after = graphql(client, PUBLIC_PROVENANCE, {"id": product_id})["data"]
    assert after == {"productProvenance": None, "productProvenances": []}

    # and the certificate still verifies, saying the piece was withdrawn from sale
    verification = graphql(client, VERIFICATION, {"serial": certificate.serial})["data"]
    assert verification["certificateVerification"]["status"] == "VALID"
    assert verification["certificateVerification"]["valid"] is True
    assert verification["certificateVerification"]["withdrawnAt"] is not None
    as_json = client.get(f"/verify/{certificate.serial}.json").json()
    assert (as_json["valid"], as_json["status"]) == (True, "valid")
    assert as_json["withdrawnAt"] == removed_at.isoformat().replace("+00:00", "Z")
    page = client.get(f"/verify/{certificate.serial}?lang=en").content.decode()
    assert "This piece is no longer offered for sale since" in page
    assert 'data-status="valid"' in page
    page_ar = client.get(f"/verify/{certificate.serial}?lang=ar").content.decode()
    assert "لم تعد هذه القطعة معروضة للبيع" in page_ar

    # when Saleor retries the same event, the first removal time is kept
    assert services.mark_removed_from_saleor(product_id).newly_removed == 0
    provenance.refresh_from_db()
    assert provenance.removed_from_saleor_at == removed_at
