"""Every query and mutation of the listings API, for each actor of the permission matrix.

Target: cooperative-safi (manager abdelkader-benhima, treasurer khadija-ouazzani) and its
artisan mohamed-serghini's listings: a draft with a photo (and a photo uploaded for it, not
confirmed yet), a submitted one and a published one. Each actor's request runs in a savepoint
rolled back afterwards, so every actor meets the same listings. A refused actor who may not
see the listing is told it is not found (never that it exists); one who sees it but plays
another part gets PermissionDenied; either way nothing changed."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.listings import services
from storefront_plugins.listings.models import (
    Listing,
    ListingEvent,
    ListingPhoto,
    ListingVariant,
    ModerationComment,
)
from storefront_plugins.saleor_app.models import OutboxEntry
from tests.app.artisans.conftest import ACTOR_ARTISANS, directory, tokens
from tests.app.graphql_client import graphql
from tests.app.listings.conftest import TAJINE, add_photo, jpeg_bytes
from tests.app.portal.actors import ACTORS
from tests.app.table_rows import rows_of

__all__ = ["directory", "tokens"]

SEES = frozenset({"artisan_self", "manager", "staff"})  # mohamed-serghini's listings
OWNER = frozenset({"artisan_self", "staff"})  # edits them
MODERATORS = frozenset({"manager", "staff"})  # approve them
SAFI_ARTISANS = frozenset({"artisan_self", "manager", "treasurer"})  # list pieces in safi
WRITTEN = (Listing, ListingVariant, ListingPhoto, ListingEvent, ModerationComment, OutboxEntry)


@dataclass(frozen=True)
class Ids:
    safi: str
    draft: str  # with a photo: ready to submit
    photo: str
    submitted: str
    published: str
    upload_key: str  # uploaded for the draft, not confirmed yet


def _given() -> Ids:
    safi = Cooperative.objects.get(slug="cooperative-safi").pk
    owner = viewer_for(User.objects.get(email=f"{ACTOR_ARTISANS['artisan_self']}@souk.example"))
    manager = viewer_for(User.objects.get(email=f"{ACTOR_ARTISANS['manager']}@souk.example"))
    draft, submitted, published = (
        services.create_listing(owner, safi, TAJINE | {"title": {"fr": title}})
        for title in ("Tajine", "Plat à couscous", "Jarre")
    )
    photo = add_photo(draft)
    for listing in (submitted, published):
        add_photo(listing)
        services.submit_listing(owner, listing.pk, _version_of(listing.pk))
    services.approve_listing(manager, published.pk, _version_of(published.pk))
    return Ids(
        safi=to_global_id("Cooperative", safi),
        draft=to_global_id("Listing", draft.pk),
        photo=to_global_id("ListingPhoto", photo.pk),
        submitted=to_global_id("Listing", submitted.pk),
        published=to_global_id("Listing", published.pk),
        upload_key=f"uploads/listings/{draft.pk}/{'0' * 31}1",
    )


def _version_of(pk: int) -> int:
    return Listing.objects.get(pk=pk).version


def _version(global_id: str) -> int:
    return _version_of(pk_from_global_id(global_id, "Listing"))


def _uploaded(ids: Ids) -> None:
    default_storage.delete(ids.upload_key)
    default_storage.save(ids.upload_key, ContentFile(jpeg_bytes()))


# Queries: who reads which listing.
QUERIES: dict[str, tuple[str, Callable[[Ids], dict[str, Any]], Callable[[Ids, Any], bool]]] = {
    "myListings": (
        "query { myListings { id } }",
        lambda ids: {},
        lambda ids, data: ids.draft in [listing["id"] for listing in data["myListings"]],
    ),
    "listing": (
        "query ($id: ID!) { listing(id: $id) { id } }",
        lambda ids: {"id": ids.draft},
        lambda ids, data: data["listing"] is not None,
    ),
    "moderationQueue": (
        "query ($c: ID!) { moderationQueue(cooperative: $c) { id } }",
        lambda ids: {"c": ids.safi},
        lambda ids, data: ids.submitted in [listing["id"] for listing in data["moderationQueue"]],
    ),
}
READERS = {
    "myListings": frozenset({"artisan_self"}),
    "listing": SEES,
    "moderationQueue": MODERATORS,
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_query_permission_matrix(tokens: dict[str, str | None], query: str) -> None:
    # given
    ids = _given()
    document, variables, reads = QUERIES[query]
    for actor in ACTORS:
        # when
        result = graphql(Client(), document, variables(ids), token=tokens[actor])
        # then
        assert "errors" not in result, (actor, result)
        assert reads(ids, result["data"]) is (actor in READERS[query]), actor


@dataclass(frozen=True)
class Operation:
    document: str
    variables: Callable[[Ids], dict[str, Any]]
    allowed: frozenset[str]
    writes: bool = True  # the allowed actors' request changes the listings
    given: Callable[[Ids], None] | None = None  # for each actor, rolled back


LISTING = "listing { id } errors { field code }"
MUTATIONS: dict[str, Operation] = {
    "listingCreate": Operation(
        f"""mutation ($c: ID!) {{ listingCreate(cooperative: $c, input: {{title: {{fr: "Bol"}},
             price: "120.00", stock: 2}}) {{ {LISTING} }} }}""",
        lambda ids: {"c": ids.safi},
        SAFI_ARTISANS,
    ),
    "listingUpdate": Operation(
        f"""mutation ($id: ID!, $v: Int!) {{ listingUpdate(id: $id, version: $v,
             input: {{price: "99.00"}}) {{ {LISTING} }} }}""",
        lambda ids: {"id": ids.draft, "v": _version(ids.draft)},
        OWNER,
    ),
    "listingSubmit": Operation(
        f"mutation ($id: ID!, $v: Int!) {{ listingSubmit(id: $id, version: $v) {{ {LISTING} }} }}",
        lambda ids: {"id": ids.draft, "v": _version(ids.draft)},
        OWNER,
    ),
    "listingApprove": Operation(
        f"""mutation ($id: ID!, $v: Int!) {{ listingApprove(id: $id, version: $v,
             comment: "Bien.") {{ {LISTING} }} }}""",
        lambda ids: {"id": ids.submitted, "v": _version(ids.submitted)},
        MODERATORS,
    ),
    "listingRequestChanges": Operation(
        f"""mutation ($id: ID!, $v: Int!) {{ listingRequestChanges(id: $id, version: $v,
             comment: "Une photo de dos ?") {{ {LISTING} }} }}""",
        lambda ids: {"id": ids.submitted, "v": _version(ids.submitted)},
        MODERATORS,
    ),
    "listingComment": Operation(
        """mutation ($id: ID!) { listingComment(id: $id, body: "Quelle taille ?") {
             comment { body } errors { field code } } }""",
        lambda ids: {"id": ids.draft},
        SEES,  # the moderation thread: the artisan and the cooperative's managers
    ),
    "listingUnpublish": Operation(
        f"mutation ($id: ID!) {{ listingUnpublish(id: $id) {{ {LISTING} }} }}",
        lambda ids: {"id": ids.published},
        SEES,  # the artisan or a manager takes a piece out of the shop
    ),
    "listingDelete": Operation(
        f"mutation ($id: ID!) {{ listingDelete(id: $id) {{ {LISTING} }} }}",
        lambda ids: {"id": ids.draft},
        OWNER,
    ),
    "listingPhotoUploadCreate": Operation(
        """mutation ($id: ID!) { listingPhotoUploadCreate(listing: $id,
             redirectUrl: "https://portal.souk.example/back") {
             upload { key } errors { field code } } }""",
        lambda ids: {"id": ids.draft},
        OWNER,
        writes=False,  # a signed form: nothing stored until the photo is confirmed
    ),
    "listingPhotoConfirm": Operation(
        """mutation ($id: ID!, $key: String!) { listingPhotoConfirm(listing: $id, key: $key) {
             photo { id } errors { field code } } }""",
        lambda ids: {"id": ids.draft, "key": ids.upload_key},
        OWNER,
        given=_uploaded,
    ),
    "listingPhotoDelete": Operation(
        f"mutation ($id: ID!) {{ listingPhotoDelete(id: $id) {{ {LISTING} }} }}",
        lambda ids: {"id": ids.photo},
        OWNER,
    ),
}


def _refusal(mutation: str, actor: str, result: dict[str, Any]) -> str:
    """How the API refused: PermissionDenied (top level) or the payload's error code."""
    if result["data"][mutation] is None:
        return str(result["errors"][0]["extensions"]["exception"]["code"])
    codes = [error["code"] for error in result["data"][mutation]["errors"]]
    assert len(codes) == 1, (actor, result)
    return str(codes[0])


def _expected_refusal(mutation: str, actor: str) -> str:
    if mutation == "listingCreate":  # in another cooperative than one's own, or no artisan
        return "PermissionDenied" if actor in ("anonymous", "staff") else "NOT_A_MEMBER"
    return "PermissionDenied" if actor in SEES else "NOT_FOUND"


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutation_permission_matrix(
    tokens: dict[str, str | None], settings: Any, tmp_path: Any, mutation: str
) -> None:
    # given
    settings.MEDIA_ROOT = str(tmp_path)
    ids = _given()
    operation = MUTATIONS[mutation]
    for actor in sorted(ACTORS, key=lambda actor: actor in operation.allowed):
        with transaction.atomic():
            if operation.given:
                operation.given(ids)
            before = rows_of(WRITTEN)
            # when
            result = graphql(
                Client(), operation.document, operation.variables(ids), token=tokens[actor]
            )
            changed = rows_of(WRITTEN) != before
            transaction.set_rollback(True)
        # then
        if actor in operation.allowed:
            assert "errors" not in result, (actor, result)
            assert result["data"][mutation]["errors"] == [], (actor, result)
            assert changed is operation.writes, actor
        else:
            assert _refusal(mutation, actor, result) == _expected_refusal(mutation, actor), actor
            assert not changed, f"{mutation} as {actor} changed the listings"
