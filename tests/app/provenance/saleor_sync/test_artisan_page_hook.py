"""The directory's artisan hook owes Saleor the write-back of the artisan's Page, through the
outbox: once per installation, queued after commit, never for an edit that was refused."""

from typing import Any

import pytest
from celery.signals import before_task_publish
from graphql_relay import to_global_id

from storefront_plugins.artisans import hooks
from storefront_plugins.artisans.models import Artisan
from storefront_plugins.provenance.saleor_sync.tasks import enqueue_artisan_page_syncs
from storefront_plugins.saleor_app.models import OutboxEntry
from tests.app.graphql_client import graphql

PROFILE_UPDATE = """
mutation($id: ID!, $input: ArtisanProfileInput!) {
  artisanProfileUpdate(id: $id, input: $input) { errors { field code } } }
"""


@pytest.fixture
def published_tasks():
    published: list[tuple[str, Any]] = []

    def record(sender: Any = None, body: Any = None, **_kwargs: Any) -> None:
        published.append((str(sender), list(body[0]) if body else None))

    before_task_publish.connect(record, weak=False)
    yield published
    before_task_publish.disconnect(record)


def test_the_provenance_write_back_listens_to_artisan_changes():
    assert enqueue_artisan_page_syncs in hooks.artisan_listeners()


def test_a_profile_edit_queues_the_page_sync_after_commit(
    api_client, tokens, installation, published_tasks, django_capture_on_commit_callbacks
):
    # given
    serghini = Artisan.objects.get(slug="mohamed-serghini")

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = graphql(
            api_client,
            PROFILE_UPDATE,
            {"id": to_global_id("Artisan", serghini.pk), "input": {"city": "Safi"}},
            token=tokens["artisan_self"],
        )

    # then
    assert result["data"]["artisanProfileUpdate"]["errors"] == []
    entry = OutboxEntry.objects.get()
    assert (entry.installation_id, entry.kind, entry.key) == (
        installation.pk,
        "provenance.artisan_page",
        str(serghini.pk),
    )
    assert len(callbacks) == 1
    assert published_tasks == [
        ("storefront_plugins.saleor_app.tasks.deliver_outbox_entry", [entry.pk])
    ]


def test_a_refused_edit_queues_nothing(
    api_client, tokens, installation, published_tasks, django_capture_on_commit_callbacks
):
    # given
    serghini = Artisan.objects.get(slug="mohamed-serghini")

    # when the years of practice are out of range
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = graphql(
            api_client,
            PROFILE_UPDATE,
            {"id": to_global_id("Artisan", serghini.pk), "input": {"yearsOfPractice": -3}},
            token=tokens["artisan_self"],
        )

    # then
    assert result["data"]["artisanProfileUpdate"]["errors"] != []
    assert callbacks == []
    assert not OutboxEntry.objects.exists()
    assert published_tasks == []
