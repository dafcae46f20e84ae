"""The provenance write-back against the Saleor sandbox, over HTTP: artisan pages, product
references and metadata, idempotence counted in mutations sent, repair and loop end."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from celery.signals import before_task_publish
from django.db import transaction
from requests import Session

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan
from storefront_plugins.provenance.saleor_sync import providers
from storefront_plugins.provenance.saleor_sync.services import (
    ensure_artisan_schema,
    sync_artisan_page,
    sync_product_provenance,
)
from storefront_plugins.provenance.saleor_sync.summary import ArtisanShare, ProvenanceSummary
from storefront_plugins.provenance.saleor_sync.webhooks import repair_product_provenance
from storefront_plugins.provenance.saleor_sync.writers import sync_product
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.documents import saleor_app_documents
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage
from storefront_plugins.saleor_app.models import OutboxEntry
from storefront_plugins.saleor_app.outbox import deliver
from storefront_plugins.saleor_app.services import client_for
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.counting import CountingAdapter

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PRODUCT = """
query($slug: String!) {
  product(slug: $slug, channel: "cooperative-safi") {
    id
    attributes { attribute { slug } values { reference } }
    metadata { key value }
  }
}
"""
PUBLIC_PAGE = """
query($slug: String!) { page(slug: $slug) { id title content isPublished metadata { key value } } }
"""
# What Saleor sends in a PRODUCT_UPDATED delivery, read with the App's own subscription fragment.
PRODUCT_AS_DELIVERED = (
    "query($id: ID!) { product(id: $id) { ...ProductPayload } }\n"
    + saleor_app_documents.get("subscriptions/product_updated").split("\n\n", 1)[1]
)
REMOVE_ARTISANS = """
mutation($id: ID!, $attribute: ID!) {
  productUpdate(id: $id, input: {attributes: [{id: $attribute, references: []}]}) {
    errors { field code message }
  }
}
"""


@pytest.fixture
def counting() -> CountingAdapter:
    return CountingAdapter()


@pytest.fixture
def saleor(app_installed_in_sandbox: Any, counting: CountingAdapter) -> SaleorClient:
    session = Session()
    session.mount("http://", counting)
    return SaleorClient(
        app_installed_in_sandbox.saleor_api_url,
        app_installed_in_sandbox.auth_token,
        session=session,
    )


@pytest.fixture
def directory(db: None) -> None:
    load_directory_file(DIRECTORY)


def _summary(product_id: str) -> ProvenanceSummary:
    return ProvenanceSummary(
        saleor_product_id=product_id,
        artisans=(ArtisanShare("abdelkader-benhima", 7000), ArtisanShare("khadija-ouazzani", 3000)),
        cooperative_slug="cooperative-safi",
        cooperative_name="Coopérative des potiers de Safi",
        materials=("Argile rouge de Safi",),
        technique="tour à pied",
        certifications=("Label national Fait main Maroc",),
        certificate_url="https://souk.example/verify/tajine",
    )


@pytest.fixture
def tajine(seeded_sandbox: Any) -> dict[str, Any]:
    product: dict[str, Any] = seeded_sandbox.graphql(PUBLIC_PRODUCT, {"slug": "tajine-safi-vert"})[
        "data"
    ]["product"]
    return product


@pytest.fixture
def provider(tajine: dict[str, Any]) -> Iterator[None]:
    summaries = {tajine["id"]: _summary(tajine["id"])}
    providers.register(
        summary_for=lambda _api_url, product_id: summaries.get(product_id),
        product_ids=lambda _api_url: list(summaries),
    )
    yield
    providers.reset()


def _page_ids(sandbox: Any, *slugs: str) -> list[str]:
    return [sandbox.graphql(PUBLIC_PAGE, {"slug": slug})["data"]["page"]["id"] for slug in slugs]


def test_the_seeded_artisan_schema_is_found_without_writing(
    seeded_sandbox, app_installed_in_sandbox, saleor, counting
):
    # when
    schema = ensure_artisan_schema(app_installed_in_sandbox, client=saleor)

    # then
    assert schema.created == ()
    assert counting.mutations() == []
    assert schema.attribute_id == tajine_attribute_id(seeded_sandbox)


def tajine_attribute_id(sandbox: Any) -> str:
    body = sandbox.graphql('{ attribute(slug: "artisan") { id inputType entityType } }')
    assert body["data"]["attribute"]["inputType"] == "REFERENCE"
    return str(body["data"]["attribute"]["id"])


def test_artisan_pages_are_created_then_updated_and_a_second_run_writes_nothing(
    seeded_sandbox, app_installed_in_sandbox, saleor, counting, directory
):
    # given an artisan Saleor has no page for
    artisan = Artisan.objects.get(slug="hassan-tazi")
    artisan.slug = "hassan-tazi-writeback"
    artisan.save()

    # when
    created = sync_artisan_page(app_installed_in_sandbox, artisan, client=saleor)

    # then the page exists, with the French bio as Editor.js and the metadata
    assert created.created is True
    page = seeded_sandbox.graphql(PUBLIC_PAGE, {"slug": "hassan-tazi-writeback"})["data"]["page"]
    assert page["id"] == created.page_id
    assert page["title"] == artisan.name
    assert page["isPublished"] is artisan.is_published
    texts = [block["data"]["text"] for block in json.loads(page["content"])["blocks"]]
    assert texts
    assert texts[0] in artisan.bio["fr"]
    metadata = {item["key"]: item["value"] for item in page["metadata"]}
    assert metadata["souk.artisan.id"] == str(artisan.pk)
    assert metadata["souk.artisan.bio.ar"] == artisan.bio["ar"]
    assert metadata["souk.artisan.bio.en"] == artisan.bio["en"]
    assert metadata["souk.cooperative"] != ""
    assert counting.mutations() == ["ArtisanPageCreate", "SoukUpdateMetadata"]

    # when the artisan is renamed in the App
    counting.operations.clear()
    artisan.name = "Hassan Tazi (maâlem)"
    artisan.save()
    updated = sync_artisan_page(app_installed_in_sandbox, artisan, client=saleor)

    # then only the title is written
    assert (updated.created, updated.updated_fields) == (False, ("title",))
    assert counting.mutations() == ["ArtisanPageUpdate"]
    page = seeded_sandbox.graphql(PUBLIC_PAGE, {"slug": "hassan-tazi-writeback"})["data"]["page"]
    assert page["title"] == "Hassan Tazi (maâlem)"

    # when it runs again, nothing is written
    counting.operations.clear()
    again = sync_artisan_page(app_installed_in_sandbox, artisan, client=saleor)
    assert again.changed is False
    assert counting.mutations() == []


def test_a_seeded_artisan_page_is_updated_in_place(
    seeded_sandbox, app_installed_in_sandbox, saleor, counting, directory
):
    artisan = Artisan.objects.get(slug="khadija-ouazzani")
    [seeded_page_id] = _page_ids(seeded_sandbox, "khadija-ouazzani")

    first = sync_artisan_page(app_installed_in_sandbox, artisan, client=saleor)
    counting.operations.clear()
    second = sync_artisan_page(app_installed_in_sandbox, artisan, client=saleor)

    assert first.page_id == seeded_page_id
    assert first.created is False
    assert second.changed is False
    assert counting.mutations() == []


def test_product_references_and_metadata_are_written_and_read_back(
    seeded_sandbox, app_installed_in_sandbox, saleor, counting, directory, tajine
):
    # given
    summary = _summary(tajine["id"])

    # when
    result = sync_product_provenance(app_installed_in_sandbox, summary, client=saleor)

    # then Saleor's public API shows the artisans' pages and the summary
    assert result.status in {"written", "unchanged"}
    product = seeded_sandbox.graphql(PUBLIC_PRODUCT, {"slug": "tajine-safi-vert"})["data"][
        "product"
    ]
    [artisan_attribute] = [a for a in product["attributes"] if a["attribute"]["slug"] == "artisan"]
    assert sorted(v["reference"] for v in artisan_attribute["values"]) == sorted(
        _page_ids(seeded_sandbox, "abdelkader-benhima", "khadija-ouazzani")
    )
    metadata = {item["key"]: item["value"] for item in product["metadata"]}
    assert metadata["souk.provenance.artisans"] == "abdelkader-benhima,khadija-ouazzani"
    assert metadata["souk.provenance.cooperative"] == "cooperative-safi"
    assert metadata["souk.provenance.certificate_url"] == "https://souk.example/verify/tajine"
    assert json.loads(metadata["souk.provenance"])["artisans"] == [
        {"slug": "abdelkader-benhima", "share_bps": 7000},
        {"slug": "khadija-ouazzani", "share_bps": 3000},
    ]

    # when it runs again, no mutation is sent
    counting.operations.clear()
    again = sync_product_provenance(app_installed_in_sandbox, summary, client=saleor)
    assert again.status == "unchanged"
    assert counting.mutations() == []


def test_a_product_deleted_in_saleor_is_not_an_error(
    seeded_sandbox, app_installed_in_sandbox, saleor, counting
):
    summary = _summary("UHJvZHVjdDo5OTk5OTk=")  # Product:999999

    result = sync_product_provenance(app_installed_in_sandbox, summary, client=saleor)

    assert result.status == "missing"
    assert counting.mutations() == []


def _published_tasks() -> tuple[list[tuple[str, Any]], Any]:
    published: list[tuple[str, Any]] = []

    def record(sender: Any = None, body: Any = None, **_kwargs: Any) -> None:
        if "outbox" in str(sender):  # not the webhook deliveries the live App queues
            published.append((str(sender), list(body[0]) if body else None))

    before_task_publish.connect(record, weak=False)
    return published, record


def _delivered(sandbox: Any, installation: Any, product_id: str) -> WebhookMessage:
    product = sandbox.graphql(
        PRODUCT_AS_DELIVERED, {"id": product_id}, token=installation.auth_token
    )
    return WebhookMessage(
        delivery_id=0,
        installation_id=installation.pk,
        saleor_api_url=installation.saleor_api_url,
        event=WebhookEvent.PRODUCT_UPDATED,
        payload={"product": product["data"]["product"]},
    )


def test_a_dashboard_edit_that_removes_the_artisan_is_repaired_and_the_loop_ends(
    seeded_sandbox, app_installed_in_sandbox, staff_token, directory, tajine, provider, settings
):
    installation = app_installed_in_sandbox
    # The write is queued where no worker of the session listens: the test delivers it.
    settings.SOUK_OUTBOX_QUEUE = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-held"
    sync_product(client_for(installation), tajine["id"])

    # given a staff member removed the artisans in the Dashboard
    body = seeded_sandbox.graphql(
        REMOVE_ARTISANS,
        {"id": tajine["id"], "attribute": tajine_attribute_id(seeded_sandbox)},
        token=staff_token,
    )
    assert body["data"]["productUpdate"]["errors"] == []
    published, record = _published_tasks()
    try:
        # when the PRODUCT_UPDATED payload reaches the handler
        with transaction.atomic():
            repair_product_provenance(_delivered(seeded_sandbox, installation, tajine["id"]))

        # then a write is owed to Saleor and queued, and it restores the references
        entry = OutboxEntry.objects.get(kind="provenance.product", key=tajine["id"])
        assert published == [
            ("storefront_plugins.saleor_app.tasks.deliver_outbox_entry", [entry.pk])
        ]
        assert deliver(entry.pk) == "delivered"
        assert not OutboxEntry.objects.exists()
        product = seeded_sandbox.graphql(PUBLIC_PRODUCT, {"slug": "tajine-safi-vert"})["data"][
            "product"
        ]
        [artisan_attribute] = [
            a for a in product["attributes"] if a["attribute"]["slug"] == "artisan"
        ]
        assert len(artisan_attribute["values"]) == 2

        # when the App's own write comes back as PRODUCT_UPDATED
        published.clear()
        with transaction.atomic():
            repair_product_provenance(_delivered(seeded_sandbox, installation, tajine["id"]))

        # then nothing is queued: the loop ends
        assert published == []
        assert sync_product(client_for(installation), tajine["id"]) == "unchanged"
    finally:
        before_task_publish.disconnect(record)
