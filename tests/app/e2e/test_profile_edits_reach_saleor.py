"""An artisan profile edited through the App's API reaches the artisan's Page in Saleor:
the directory's hook owes Saleor the write through the outbox, queued after commit, and the
real worker delivers it to the sandbox's page over HTTP."""

import json
import time
from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan
from tests.app.artisans.conftest import DIRECTORY
from tests.app.graphql_client import access_token_for, graphql

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

PROFILE_UPDATE = """
mutation($id: ID!, $input: ArtisanProfileInput!) {
  artisanProfileUpdate(id: $id, input: $input) { artisan { name } errors { field code message } }
}
"""
PAGE = "query($slug: String!) { page(slug: $slug) { title content metadata { key value } } }"


def _page_when(sandbox: Any, slug: str, condition: Any, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    page: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        page = sandbox.graphql(PAGE, {"slug": slug})["data"]["page"]
        if page is not None and condition(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"The page of {slug} did not change within {timeout} s: {page}")


def _texts(page: dict[str, Any]) -> list[str]:
    return [block["data"]["text"] for block in json.loads(page["content"])["blocks"]]


@pytest.mark.parametrize("editor", ["artisan", "manager"])
def test_a_profile_edit_rewrites_the_artisans_saleor_page(
    celery_worker, seeded_sandbox, app_installed_in_sandbox, editor
):
    # given the artisan and their cooperative's manager, with accounts
    load_directory_file(DIRECTORY)
    artisan = Artisan.objects.get(slug="mohamed-serghini")
    manager = Artisan.objects.get(slug="abdelkader-benhima")
    users = {}
    for role, person in (("artisan", artisan), ("manager", manager)):
        users[role] = User.objects.create_user(f"{person.slug}@souk.example", "motdepasse-1")
        person.user = users[role]
        person.save()
    token = access_token_for(users[editor])
    name = f"Mohamed Serghini (maâlem, {editor})"
    bio = f"Potier de Safi depuis trente ans ; édité par {editor}."

    # when the profile is edited through the App's API
    result = graphql(
        Client(),
        PROFILE_UPDATE,
        {"id": to_global_id("Artisan", artisan.pk), "input": {"name": name, "bio": {"fr": bio}}},
        token=token,
    )
    assert result["data"]["artisanProfileUpdate"]["errors"] == []

    # then the worker writes the new title and content into Saleor's page, then its
    # metadata (a second mutation: wait for both)
    def synced(page: dict[str, Any]) -> bool:
        metadata = {item["key"]: item["value"] for item in page["metadata"]}
        return page["title"] == name and metadata.get("souk.artisan.id") == str(artisan.pk)

    page = _page_when(seeded_sandbox, "mohamed-serghini", synced)
    assert _texts(page)[0] == bio
