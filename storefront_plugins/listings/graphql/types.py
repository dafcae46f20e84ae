from typing import Any

import graphene
from graphql_relay import to_global_id

from storefront_plugins.artisans.graphql.dataloaders import (
    ArtisanByIdLoader,
    CooperativeByIdLoader,
)
from storefront_plugins.artisans.graphql.types import CraftEnum, MaterialEnum, enum_values
from storefront_plugins.core.files import file_url
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.dataloaders import then
from storefront_plugins.core.graphql.translations import translated_field, translations_field
from storefront_plugins.listings import models
from storefront_plugins.listings.error_codes import ListingErrorCode
from storefront_plugins.listings.graphql.dataloaders import (
    CommentsByListingIdLoader,
    PhotosByListingIdLoader,
    SaleorWriteStateByListingIdLoader,
    VariantsByListingIdLoader,
)

ListingErrorCodeEnum = graphene.Enum.from_enum(ListingErrorCode)
ListingStatusEnum = graphene.Enum(
    "ListingStatusEnum", [(s.name, s.value) for s in models.ListingStatus]
)
SaleorWriteStatusEnum = graphene.Enum(
    "SaleorWriteStatusEnum",
    [
        ("UP_TO_DATE", "up_to_date"),
        ("PENDING", "pending"),
        ("RETRYING", "retrying"),
        ("FAILED", "failed"),
    ],
)


class ListingError(graphene.ObjectType):
    field = graphene.String()
    code = graphene.Field(ListingErrorCodeEnum, required=True)
    message = graphene.String(required=True)


class Money(graphene.ObjectType):
    amount = graphene.Decimal(required=True)
    currency = graphene.String(required=True)


class SaleorWriteState(graphene.ObjectType):
    """Whether the listing's last change has reached Saleor (the outbox's state)."""

    status = graphene.Field(SaleorWriteStatusEnum, required=True)
    attempts = graphene.Int(required=True)
    last_error = graphene.String()
    next_attempt_at = graphene.DateTime()
    since = graphene.DateTime()


class ListingVariant(graphene.ObjectType):
    id = graphene.ID(required=True)

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ListingVariant", root.pk)

    label = translated_field("label", "The size or colour.")
    label_translations = translations_field("label", "The label in each language.")
    sku = graphene.String(required=True)
    price = graphene.Field(Money, description="Its own price; null: the listing's.")
    stock = graphene.Int(required=True)

    @staticmethod
    def resolve_price(root: models.ListingVariant, info: Any) -> Money | None:
        if root.price is None:
            return None
        return Money(amount=root.price, currency=root.listing.currency)


class ListingPhoto(graphene.ObjectType):
    id = graphene.ID(required=True)

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ListingPhoto", root.pk)

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = translated_field("alt", "What the photo shows.")

    @staticmethod
    def resolve_url(root: models.ListingPhoto, info: Any) -> str | None:
        return file_url(context_of(info).request, root.image, public=True)


class ModerationComment(graphene.ObjectType):
    id = graphene.ID(required=True)

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ModerationComment", root.pk)

    body = graphene.String(required=True)
    author_name = graphene.String()
    decision = graphene.String()
    listing_version = graphene.Int(required=True)
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_author_name(root: models.ModerationComment, info: Any) -> str | None:
        author = root.author
        return (author.get_full_name() or author.email) if author else None


class Listing(graphene.ObjectType):
    status = graphene.Field(ListingStatusEnum, required=True)
    is_published = graphene.Boolean(required=True)
    version = graphene.Int(required=True, description="Send it back with your changes.")
    title = translated_field("title", "The piece's title.")
    title_translations = translations_field("title", "The title in each language.")
    description = translated_field("description", "The piece's description.")
    description_translations = translations_field("description", "In each language.")
    saleor_category_id = graphene.ID()
    craft = graphene.Field(CraftEnum)
    materials = graphene.List(graphene.NonNull(MaterialEnum), required=True)
    length_cm = graphene.Decimal()
    width_cm = graphene.Decimal()
    height_cm = graphene.Decimal()
    weight_g = graphene.Int()
    price = graphene.Field(Money)
    stock = graphene.Int(required=True)
    artisan = graphene.Field("storefront_plugins.artisans.graphql.types.Artisan")
    cooperative = graphene.Field("storefront_plugins.artisans.graphql.types.Cooperative")
    variants = graphene.List(graphene.NonNull(ListingVariant), required=True)
    photos = graphene.List(graphene.NonNull(ListingPhoto), required=True)
    comments = graphene.List(graphene.NonNull(ModerationComment), required=True)
    saleor_product_id = graphene.ID()
    saleor_write = graphene.Field(SaleorWriteState, required=True)
    submitted_at = graphene.DateTime()
    approved_at = graphene.DateTime()
    updated_at = graphene.DateTime(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Listing)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Listing | None:
        from storefront_plugins.artisans.graphql.context import viewer_of
        from storefront_plugins.listings.services import visible_listings

        return visible_listings(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_status(root: models.Listing, info: Any) -> Any:
        return ListingStatusEnum.get(root.status)

    @staticmethod
    def resolve_craft(root: models.Listing, info: Any) -> Any:
        return CraftEnum.get(root.craft) if root.craft else None

    @staticmethod
    def resolve_materials(root: models.Listing, info: Any) -> list[Any]:
        return enum_values(root.materials, MaterialEnum)

    @staticmethod
    def resolve_saleor_category_id(root: models.Listing, info: Any) -> str | None:
        return root.saleor_category_id or None

    @staticmethod
    def resolve_saleor_product_id(root: models.Listing, info: Any) -> str | None:
        return root.saleor_product_id or None

    @staticmethod
    def resolve_price(root: models.Listing, info: Any) -> Money | None:
        return None if root.price is None else Money(amount=root.price, currency=root.currency)

    @staticmethod
    def resolve_artisan(root: models.Listing, info: Any) -> Any:
        return ArtisanByIdLoader(context_of(info)).load(root.artisan_id)

    @staticmethod
    def resolve_cooperative(root: models.Listing, info: Any) -> Any:
        return CooperativeByIdLoader(context_of(info)).load(root.cooperative_id)

    @staticmethod
    def resolve_variants(root: models.Listing, info: Any) -> Any:
        def attach(variants: list[models.ListingVariant]) -> list[models.ListingVariant]:
            for variant in variants:
                variant.listing = root
            return variants

        return then(VariantsByListingIdLoader(context_of(info)).load(root.pk), attach)

    @staticmethod
    def resolve_photos(root: models.Listing, info: Any) -> Any:
        return PhotosByListingIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_comments(root: models.Listing, info: Any) -> Any:
        return CommentsByListingIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_saleor_write(root: models.Listing, info: Any) -> Any:
        def state(value: Any) -> SaleorWriteState:
            if value is None:
                return SaleorWriteState(status=SaleorWriteStatusEnum.UP_TO_DATE, attempts=0)
            return SaleorWriteState(
                status=SaleorWriteStatusEnum.get(value.status),
                attempts=value.attempts,
                last_error=value.last_error or None,
                next_attempt_at=value.next_attempt_at,
                since=value.since,
            )

        return then(SaleorWriteStateByListingIdLoader(context_of(info)).load(root.pk), state)
