from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.translations import (
    TranslatedStringInput,
    translated_text_from_input,
)
from storefront_plugins.listings import photo_uploads
from storefront_plugins.listings.graphql.mutations.base import payload
from storefront_plugins.listings.graphql.types import Listing, ListingError, ListingPhoto


class PhotoUploadForm(graphene.ObjectType):
    """Post `fields`, then the file as the last field named `file`, to `url`; the browser
    comes back to `redirectUrl` with `key` in the query."""

    url = graphene.String(required=True)
    fields = GenericScalar(required=True)
    key = graphene.String(required=True)
    expires_at = graphene.DateTime(required=True)


class ListingPhotoUploadCreate(graphene.Mutation):
    class Arguments:
        listing = graphene.ID(required=True)
        redirect_url = graphene.String(required=True)

    upload = graphene.Field(PhotoUploadForm)
    errors = graphene.List(graphene.NonNull(ListingError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, listing: str, redirect_url: str
    ) -> "ListingPhotoUploadCreate":
        viewer, pk = viewer_of(info), pk_from_global_id(listing, "Listing")

        def action() -> dict[str, Any]:
            form = photo_uploads.presigned_photo_upload(viewer, pk, redirect_url)
            return {"upload": PhotoUploadForm(form.url, form.fields, form.key, form.expires_at)}

        return payload(cls, action)


class ListingPhotoConfirm(graphene.Mutation):
    class Arguments:
        listing = graphene.ID(required=True)
        key = graphene.String(required=True)
        alt = TranslatedStringInput()

    photo = graphene.Field(ListingPhoto)
    errors = graphene.List(graphene.NonNull(ListingError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, listing: str, key: str, alt: Any = None
    ) -> "ListingPhotoConfirm":
        viewer, pk = viewer_of(info), pk_from_global_id(listing, "Listing")
        text = translated_text_from_input(alt or {})
        return payload(
            cls, lambda: {"photo": photo_uploads.confirm_photo_upload(viewer, pk, key, text)}
        )


class ListingPhotoDelete(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    listing = graphene.Field(Listing)
    errors = graphene.List(graphene.NonNull(ListingError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> "ListingPhotoDelete":
        viewer, pk = viewer_of(info), pk_from_global_id(id, "ListingPhoto")
        return payload(cls, lambda: {"listing": photo_uploads.delete_photo(viewer, pk)})
