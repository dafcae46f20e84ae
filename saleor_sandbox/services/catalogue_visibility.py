"""Who sees which products, variants, collections and pages, as Saleor decides it.

Staff and apps with one of ALL_PRODUCTS_PERMISSIONS see every product (limited to those
listed in a channel when one is given); everybody else sees, in the given channel, the
products published there that have a priced variant."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from saleor_sandbox.errors import GraphQLError
from saleor_sandbox.models import (
    Channel,
    Collection,
    Page,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from saleor_sandbox.permissions import has_any_permission

# Each of these lets its holder see unpublished products (Saleor's ALL_PRODUCTS_PERMISSIONS).
ALL_PRODUCTS_PERMISSIONS = ["MANAGE_ORDERS", "MANAGE_DISCOUNTS", "MANAGE_PRODUCTS"]


@dataclass(frozen=True)
class ChannelScope:
    """The channel a query reads in: `slug` as asked (or the default), `channel` if it
    exists, and whether the query is limited to it (it was named explicitly)."""

    slug: str | None
    channel: Channel | None
    limited: bool
    sees_all: bool


def sees_all_products(context: Any) -> bool:
    return has_any_permission(context, ALL_PRODUCTS_PERMISSIONS)


def can_manage_pages(context: Any) -> bool:
    return has_any_permission(context, ["MANAGE_PAGES"])


def default_channel() -> Channel:
    """The only channel, or the only active one; otherwise Saleor's GraphQLError."""
    channels = list(Channel.objects.all()[:2])
    if len(channels) == 1:
        return channels[0]
    if not channels:
        raise GraphQLError("A default channel does not exist.")
    active = list(Channel.objects.filter(is_active=True)[:2])
    if len(active) == 1:
        return active[0]
    raise GraphQLError("More than one channel exists. Specify which channel to use.")


def channel_scope(context: Any, channel_slug: str | None) -> ChannelScope:
    sees_all = sees_all_products(context)
    limited = channel_slug is not None
    if channel_slug is None and not sees_all:
        channel_slug = default_channel().slug
    channel = Channel.objects.filter(slug=channel_slug).first() if channel_slug else None
    return ChannelScope(channel_slug, channel, limited, sees_all)


def _priced_variant_listings(channel: Channel) -> QuerySet[ProductVariantChannelListing]:
    return ProductVariantChannelListing.objects.filter(
        channel_id=channel.pk, price_amount__isnull=False
    )


def published_products(channel: Channel) -> QuerySet[Product]:
    if not channel.is_active:
        return Product.objects.none()
    listings = ProductChannelListing.objects.filter(
        Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
        channel_id=channel.pk,
        is_published=True,
    )
    variants = ProductVariant.objects.filter(
        Exists(_priced_variant_listings(channel).filter(variant_id=OuterRef("pk")))
    )
    return Product.objects.filter(
        Exists(listings.filter(product_id=OuterRef("pk"))),
        Exists(variants.filter(product_id=OuterRef("pk"))),
    )


def visible_products(scope: ChannelScope) -> QuerySet[Product]:
    if scope.sees_all:
        if not scope.limited:
            return Product.objects.all()
        if scope.channel is None:
            return Product.objects.none()
        listed = ProductChannelListing.objects.filter(channel_id=scope.channel.pk)
        return Product.objects.filter(Exists(listed.filter(product_id=OuterRef("pk"))))
    if scope.channel is None:
        return Product.objects.none()
    return published_products(scope.channel)


def listed_products(scope: ChannelScope) -> QuerySet[Product]:
    """Products a list query shows: customers only see those visible in listings."""
    products = visible_products(scope)
    if scope.sees_all or scope.channel is None:
        return products
    in_listings = ProductChannelListing.objects.filter(
        channel_id=scope.channel.pk, visible_in_listings=True
    )
    return products.filter(Exists(in_listings.filter(product_id=OuterRef("pk"))))


def visible_variants(scope: ChannelScope) -> QuerySet[ProductVariant]:
    if scope.sees_all:
        if not scope.limited:
            return ProductVariant.objects.all()
        if scope.channel is None:
            return ProductVariant.objects.none()
        listed = ProductChannelListing.objects.filter(channel_id=scope.channel.pk)
        return ProductVariant.objects.filter(
            Exists(listed.filter(product_id=OuterRef("product_id")))
        )
    if scope.channel is None or not scope.channel.is_active:
        return ProductVariant.objects.none()
    published = ProductChannelListing.objects.filter(
        Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
        channel_id=scope.channel.pk,
        is_published=True,
        visible_in_listings=True,
    )
    return ProductVariant.objects.filter(
        Exists(_priced_variant_listings(scope.channel).filter(variant_id=OuterRef("pk"))),
        Exists(published.filter(product_id=OuterRef("product_id"))),
    )


def visible_collections(context: Any, channel_slug: str | None) -> QuerySet[Collection]:
    if sees_all_products(context):
        if channel_slug:
            return Collection.objects.filter(channels__slug=channel_slug)
        return Collection.objects.all()
    if not channel_slug:
        return Collection.objects.none()
    return Collection.objects.filter(channels__slug=channel_slug, channels__is_active=True)


def visible_pages(context: Any) -> QuerySet[Page]:
    if can_manage_pages(context):
        return Page.objects.all()
    return Page.objects.filter(
        Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True), is_published=True
    )
