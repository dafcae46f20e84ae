"""Drafting, editing and moderating listings: each mutation parses, calls one service."""

from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.listings import services
from storefront_plugins.listings.graphql.inputs import (
    ListingInput,
    listing_changes,
    listing_variants,
)
from storefront_plugins.listings.graphql.mutations.base import payload
from storefront_plugins.listings.graphql.types import Listing, ListingError, ModerationComment


def _pk(id: str) -> int:
    return pk_from_global_id(id, "Listing")


class ListingPayload(graphene.Mutation):
    listing = graphene.Field(Listing)
    errors = graphene.List(graphene.NonNull(ListingError), required=True)

    class Meta:
        abstract = True


class ListingCreate(ListingPayload):
    """An artisan drafts a piece for one of their cooperatives."""

    class Arguments:
        cooperative = graphene.ID(required=True)
        input = ListingInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative: str, input: Any) -> "ListingCreate":
        viewer, pk = viewer_of(info), pk_from_global_id(cooperative, "Cooperative")
        changes, variants = listing_changes(input), listing_variants(input) or []
        return payload(
            cls,
            lambda: {"listing": services.create_listing(viewer, pk, changes, variants)},
        )


class ListingUpdate(ListingPayload):
    """The artisan changes their listing as they read it at `version` (CONFLICT if someone
    changed it since)."""

    class Arguments:
        id = graphene.ID(required=True)
        version = graphene.Int(required=True)
        input = ListingInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, version: int, input: Any) -> "ListingUpdate":
        viewer, pk = viewer_of(info), _pk(id)
        changes, variants = listing_changes(input), listing_variants(input)
        return payload(
            cls,
            lambda: {"listing": services.update_listing(viewer, pk, version, changes, variants)},
        )


class ListingSubmit(ListingPayload):
    class Arguments:
        id = graphene.ID(required=True)
        version = graphene.Int(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, version: int) -> "ListingSubmit":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(cls, lambda: {"listing": services.submit_listing(viewer, pk, version)})


class ListingApprove(ListingPayload):
    """A manager approves the version they reviewed; it is published in the channel."""

    class Arguments:
        id = graphene.ID(required=True)
        version = graphene.Int(required=True)
        comment = graphene.String()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, version: int, comment: str = ""
    ) -> "ListingApprove":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(
            cls,
            lambda: {"listing": services.approve_listing(viewer, pk, version, comment or "")},
        )


class ListingRequestChanges(ListingPayload):
    class Arguments:
        id = graphene.ID(required=True)
        version = graphene.Int(required=True)
        comment = graphene.String(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, version: int, comment: str
    ) -> "ListingRequestChanges":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(
            cls, lambda: {"listing": services.request_changes(viewer, pk, version, comment)}
        )


class ListingComment(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        body = graphene.String(required=True)

    comment = graphene.Field(ModerationComment)
    errors = graphene.List(graphene.NonNull(ListingError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, body: str) -> "ListingComment":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(cls, lambda: {"comment": services.comment_on_listing(viewer, pk, body)})


class ListingUnpublish(ListingPayload):
    """Takes the piece out of the channel (isPublished false), or puts it back (true)."""

    class Arguments:
        id = graphene.ID(required=True)
        is_published = graphene.Boolean(default_value=False)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, is_published: bool = False
    ) -> "ListingUnpublish":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(
            cls, lambda: {"listing": services.set_listing_published(viewer, pk, is_published)}
        )


class ListingDelete(ListingPayload):
    """Deletes a listing Saleor never showed (listing: null); archives one it did."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> "ListingDelete":
        viewer, pk = viewer_of(info), _pk(id)
        return payload(cls, lambda: {"listing": services.delete_listing(viewer, pk).listing})
