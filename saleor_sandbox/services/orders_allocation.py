"""Allocating an order line's quantity in the channel's warehouses, under row locks, as
checkoutComplete and draftOrderComplete do (Saleor's `warehouse/management.py`)."""

from django.db.models import F

from saleor_sandbox.models import Allocation, Channel, OrderLine, ProductVariant, Stock


def allocate_order_line(
    order_line: OrderLine, variant: ProductVariant, quantity: int, channel: Channel
) -> int:
    """Allocates in the channel's warehouses (stock rows locked, in pk order); returns the
    quantity that could not be allocated (0 when all of it was, or when the variant does
    not track inventory)."""
    if not variant.track_inventory:
        return 0
    stocks = list(
        Stock.objects.select_for_update()
        .filter(product_variant=variant, warehouse__channels=channel)
        .order_by("pk")
    )
    needed = quantity
    for stock in stocks:
        take = min(stock.quantity - stock.quantity_allocated, needed)
        if take <= 0:
            continue
        Allocation.objects.create(order_line=order_line, stock=stock, quantity_allocated=take)
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + take)
        needed -= take
        if needed == 0:
            break
    return needed
