"""Stock: what a variant has available in a channel, and setting stock quantities.

Checkout and orders should ask `quantity_available(variant, channel_slug)` before
allocating; it counts the warehouses the channel ships from, as Saleor does."""

from typing import Any

from django.conf import settings

from saleor_sandbox.models import Channel, ProductVariant, Stock, Warehouse

# Saleor's site setting `limitQuantityPerCheckout` (default 50) caps quantityAvailable.
LIMIT_QUANTITY_PER_CHECKOUT: int = getattr(settings, "SANDBOX_LIMIT_QUANTITY_PER_CHECKOUT", 50)


def channel_warehouse_ids(channel_slug: str, cache: dict[str, Any] | None = None) -> set[int]:
    """Ids of the warehouses assigned to the channel (cached per request when given a dict)."""
    key = f"channel-warehouses:{channel_slug}"
    if cache is not None and key in cache:
        return set(cache[key])
    ids = set(Warehouse.objects.filter(channels__slug=channel_slug).values_list("pk", flat=True))
    if cache is not None:
        cache[key] = ids
    return ids


def country_warehouse_ids(
    channel_slug: str, country_code: str, cache: dict[str, Any] | None = None
) -> set[int]:
    """Warehouses of the channel's shipping zones that ship to the country."""
    key = f"country-warehouses:{channel_slug}:{country_code}"
    if cache is not None and key in cache:
        return set(cache[key])
    ids = set(
        Warehouse.objects.filter(
            shipping_zones__channels__slug=channel_slug,
            shipping_zones__countries__contains=[country_code],
        ).values_list("pk", flat=True)
    )
    if cache is not None:
        cache[key] = ids
    return ids


def quantity_available(
    variant: ProductVariant,
    channel_slug: str | None,
    country_code: str | None = None,
    cache: dict[str, Any] | None = None,
) -> int:
    """Stock minus allocations over the channel's warehouses, capped as Saleor caps it.
    Reads prefetched `stocks` when present."""
    if not variant.track_inventory:
        return LIMIT_QUANTITY_PER_CHECKOUT
    stocks = list(variant.stocks.all())
    if channel_slug is not None:
        warehouses = channel_warehouse_ids(channel_slug, cache)
        if country_code:
            warehouses &= country_warehouse_ids(channel_slug, country_code, cache)
        stocks = [stock for stock in stocks if stock.warehouse_id in warehouses]
    total = sum(max(0, stock.quantity - stock.quantity_allocated) for stock in stocks)
    return max(0, min(total, LIMIT_QUANTITY_PER_CHECKOUT))


def stocks_in_channel(variant: ProductVariant, channel: Channel) -> list[Stock]:
    warehouses = channel_warehouse_ids(channel.slug)
    return [stock for stock in variant.stocks.all() if stock.warehouse_id in warehouses]


def set_stock_quantities(variant: ProductVariant, quantities: dict[int, int]) -> list[Stock]:
    """Sets each warehouse's stock quantity (warehouse pk -> quantity), creating stocks."""
    stocks = []
    for warehouse_id, quantity in quantities.items():
        stock, created = Stock.objects.select_for_update().get_or_create(
            warehouse_id=warehouse_id,
            product_variant=variant,
            defaults={"quantity": quantity},
        )
        if not created and stock.quantity != quantity:
            stock.quantity = quantity
            stock.save(update_fields=["quantity"])
        stocks.append(stock)
    return stocks
