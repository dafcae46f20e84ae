from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.listings import services
from storefront_plugins.listings.graphql.mutations.listings import (
    ListingApprove,
    ListingComment,
    ListingCreate,
    ListingDelete,
    ListingRequestChanges,
    ListingSubmit,
    ListingUnpublish,
    ListingUpdate,
)
from storefront_plugins.listings.graphql.mutations.photos import (
    ListingPhotoConfirm,
    ListingPhotoDelete,
    ListingPhotoUploadCreate,
)
from storefront_plugins.listings.graphql.types import Listing
from storefront_plugins.listings.models import Listing as ListingModel

MAX_LISTINGS = 200


class Query(graphene.ObjectType):
    my_listings = graphene.List(
        graphene.NonNull(Listing),
        required=True,
        include_archived=graphene.Boolean(default_value=False),
        description="The signed-in artisan's listings, most recently changed first.",
    )
    listing = graphene.Field(Listing, id=graphene.ID(required=True))
    moderation_queue = graphene.List(
        graphene.NonNull(Listing),
        required=True,
        cooperative=graphene.ID(required=True),
        description="The cooperative's submitted listings, oldest first (its managers').",
    )

    @staticmethod
    def resolve_my_listings(
        root: Any, info: Any, include_archived: bool = False
    ) -> list[ListingModel]:
        listings = services.my_listings(viewer_of(info), include_archived=include_archived)
        return list(listings[:MAX_LISTINGS])

    @staticmethod
    def resolve_listing(root: Any, info: Any, id: str) -> ListingModel | None:
        pk = pk_from_global_id(id, "Listing")
        return services.visible_listings(viewer_of(info)).filter(pk=pk).first()

    @staticmethod
    def resolve_moderation_queue(root: Any, info: Any, cooperative: str) -> list[ListingModel]:
        pk = pk_from_global_id(cooperative, "Cooperative")
        return list(services.moderation_queue(viewer_of(info), pk)[:MAX_LISTINGS])


class Mutation(graphene.ObjectType):
    listing_create = ListingCreate.Field()
    listing_update = ListingUpdate.Field()
    listing_submit = ListingSubmit.Field()
    listing_approve = ListingApprove.Field()
    listing_request_changes = ListingRequestChanges.Field()
    listing_comment = ListingComment.Field()
    listing_unpublish = ListingUnpublish.Field()
    listing_delete = ListingDelete.Field()
    listing_photo_upload_create = ListingPhotoUploadCreate.Field()
    listing_photo_confirm = ListingPhotoConfirm.Field()
    listing_photo_delete = ListingPhotoDelete.Field()
