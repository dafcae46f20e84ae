"""The listings API: Saleor-style errors, and list fields in a fixed number of queries."""

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.listings import services
from storefront_plugins.listings.content import VariantInput
from tests.app.graphql_client import access_token_for, graphql
from tests.app.listings.conftest import TAJINE, World, add_photo

MY_LISTINGS = """
query {
  myListings {
    id status version title(language: AR) price { amount currency }
    variants { id label sku stock } photos { id width } comments { body authorName }
    artisan { name } cooperative { name } saleorWrite { status }
  }
}
"""
UPDATE = """
mutation ($id: ID!, $version: Int!, $input: ListingInput!) {
  listingUpdate(id: $id, version: $version, input: $input) {
    listing { version price { amount } }
    errors { field code message }
  }
}
"""


def token_of(viewer) -> str:
    return access_token_for(User.objects.get(pk=viewer.user_id))


@pytest.mark.parametrize("count", [1, 4])
def test_my_listings_in_a_fixed_number_of_queries(
    world: World, count: int, django_assert_num_queries
):
    # given
    for _ in range(count):
        listing = services.create_listing(
            world.potter, world.safi.pk, TAJINE, [VariantInput(label={"fr": "Petit"})]
        )
        add_photo(listing)
        services.comment_on_listing(world.manager, listing.pk, "Belle pièce.")
    token, client = token_of(world.potter), Client()

    # when: user + viewer, listings, variants, photos, comments (+ authors), artisans,
    # cooperatives, the outbox's write states
    with django_assert_num_queries(9):
        result = graphql(client, MY_LISTINGS, token=token)

    # then
    listings = result["data"]["myListings"]
    assert len(listings) == count
    assert listings[0]["title"] == "طاجين آسفي"
    assert listings[0]["price"] == {"amount": "450.00", "currency": "MAD"}
    assert listings[0]["comments"] == [{"body": "Belle pièce.", "authorName": "abdelkader-gerant"}]
    assert listings[0]["saleorWrite"] == {"status": "UP_TO_DATE"}


def test_a_stale_version_answers_a_conflict_error(world: World, draft):
    # given
    services.update_listing(world.potter, draft.pk, draft.version, {"stock": 1})
    variables = {
        "id": to_global_id("Listing", draft.pk),
        "version": draft.version,
        "input": {"price": "500"},
    }

    # when
    result = graphql(Client(), UPDATE, variables, token=token_of(world.potter))

    # then
    payload = result["data"]["listingUpdate"]
    assert payload["listing"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("version", "CONFLICT")]


def test_another_artisans_listing_is_not_found(world: World, draft):
    # when
    result = graphql(
        Client(),
        UPDATE,
        {"id": to_global_id("Listing", draft.pk), "version": 1, "input": {"stock": 0}},
        token=token_of(world.other_artisan),
    )
    read = graphql(
        Client(),
        "query ($id: ID!) { listing(id: $id) { id } }",
        {"id": to_global_id("Listing", draft.pk)},
        token=token_of(world.other_artisan),
    )

    # then
    assert result["data"]["listingUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Listing not found."}
    ]
    assert read["data"]["listing"] is None
