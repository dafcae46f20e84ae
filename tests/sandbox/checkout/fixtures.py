"""Catalogue and shipping rows for checkout tests, created with the ORM."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
    Stock,
)


def make_variant(
    channel: Channel,
    *,
    price: str | None = "120.00",
    stock: int = 10,
    published: bool = True,
    slug: str = "tajine",
    shipping: bool = True,
) -> ProductVariant:
    product_type, _ = ProductType.objects.get_or_create(
        slug=f"type-{shipping}", defaults={"name": "Pottery", "is_shipping_required": shipping}
    )
    product = Product.objects.create(product_type=product_type, name=slug.title(), slug=slug)
    ProductChannelListing.objects.create(
        product=product,
        channel=channel,
        is_published=published,
        available_for_purchase_at=timezone.now() - timedelta(days=1),
        currency=channel.currency_code,
    )
    variant = ProductVariant.objects.create(product=product, name=f"{slug} M", sku=f"{slug}-m")
    if price is not None:
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel,
            currency=channel.currency_code,
            price_amount=Decimal(price),
        )
    Stock.objects.create(
        warehouse=channel.warehouses.get(), product_variant=variant, quantity=stock
    )
    return variant


def make_shipping(channel: Channel, price: str = "30.00", country: str = "MA") -> ShippingMethod:
    zone = ShippingZone.objects.create(name="Maroc", countries=[country])
    zone.channels.add(channel)
    method = ShippingMethod.objects.create(name="Amana", shipping_zone=zone)
    ShippingMethodChannelListing.objects.create(
        shipping_method=method,
        channel=channel,
        price_amount=Decimal(price),
        currency=channel.currency_code,
    )
    return method


def variant_id(variant: ProductVariant) -> str:
    return to_global_id("ProductVariant", variant.pk)


ADDRESS_MA = {
    "firstName": "Fatima",
    "lastName": "Zahra",
    "streetAddress1": "12 Rue des Potiers",
    "city": "Safi",
    "postalCode": "46000",
    "country": "MA",
}
