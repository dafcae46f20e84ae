"""Prices of variants and products in a channel. Saleor's sandbox has no discounts or
taxes: prices are net = gross, and a product is never on sale.

Checkout and orders should price a line with `variant_price(variant, channel)`."""

from dataclasses import dataclass
from decimal import Decimal

from saleor_sandbox.models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)


@dataclass(frozen=True)
class Price:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class PriceRange:
    start: Price
    stop: Price


def variant_listing(
    variant: ProductVariant, channel_slug: str
) -> ProductVariantChannelListing | None:
    """Reads prefetched listings when present (`variants__channel_listings__channel`)."""
    for listing in variant.channel_listings.all():
        if listing.channel.slug == channel_slug:
            return listing
    return None


def product_listing(product: Product, channel_slug: str) -> ProductChannelListing | None:
    for listing in product.channel_listings.all():
        if listing.channel.slug == channel_slug:
            return listing
    return None


def variant_price(variant: ProductVariant, channel: Channel | str) -> Price | None:
    """The variant's price in the channel, or None when it is not priced there."""
    slug = channel if isinstance(channel, str) else channel.slug
    listing = variant_listing(variant, slug)
    if listing is None or listing.price_amount is None:
        return None
    return Price(listing.price_amount, listing.currency)


def product_price_range(variants: list[ProductVariant], channel_slug: str) -> PriceRange | None:
    prices = [p for p in (variant_price(v, channel_slug) for v in variants) if p is not None]
    if not prices:
        return None
    low = min(prices, key=lambda price: price.amount)
    high = max(prices, key=lambda price: price.amount)
    return PriceRange(low, high)


def variant_prices(variant_ids: list[int], channel: Channel) -> dict[int, Decimal | None]:
    """Variant pk -> its price in the channel (None when listed without a price); one query."""
    listings = ProductVariantChannelListing.objects.filter(
        variant_id__in=variant_ids, channel=channel
    ).values_list("variant_id", "price_amount")
    return dict(listings)
