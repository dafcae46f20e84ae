"""draftOrderComplete as Saleor's `graphql/order/mutations/draft_order_complete.py`: every
problem of `validate_draft_order` reported at once (grouped by field, in Saleor's order),
then, under the order's lock, the status the channel asks for, stock allocated under row
locks (INSUFFICIENT_STOCK when it runs out), PLACED_FROM_DRAFT and, when the channel
confirms orders itself, CONFIRMED, with their webhooks."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from saleor_sandbox.errors import MutationError, MutationErrors, mutation_error
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Order,
    OrderEvent,
    OrderLine,
    ProductChannelListing,
    ShippingMethodChannelListing,
    User,
)
from saleor_sandbox.services.checkout import available_quantities, shipping_methods_for
from saleor_sandbox.services.draft_orders import unpublished_variants, variants_not_in_channel
from saleor_sandbox.services.orders_allocation import allocate_order_line
from saleor_sandbox.services.orders_payments import (
    actor,
    is_fully_charged,
    order_charged,
    refresh_order_amounts,
)
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)
Errors = dict[str, list[MutationError]]


def _insufficient_stock(order_lines: list[str]) -> MutationError:
    return MutationError(
        "lines",
        "INSUFFICIENT_STOCK",
        "Insufficient product stock.",
        {"order_lines": order_lines, "warehouse": None},
    )


def _listed_in_channel(order: Order) -> bool:
    """The method's zone serves the order's channel and the method is priced there."""
    return (
        order.shipping_method is not None
        and order.shipping_method.shipping_zone.channels.filter(pk=order.channel_id).exists()
        and ShippingMethodChannelListing.objects.filter(
            shipping_method=order.shipping_method, channel=order.channel
        ).exists()
    )


def _validate_shipping(order: Order, lines: list[OrderLine], errors: Errors) -> None:
    """Saleor's `validate_shipping_method`, the delivery method checked last against the
    methods the order could choose (zone of the address, channel, order price limits)."""
    method = order.shipping_method
    address = order.shipping_address
    message = None
    code = "SHIPPING_METHOD_NOT_APPLICABLE"
    if method is None:
        message, code = "Shipping method is required.", "SHIPPING_METHOD_REQUIRED"
    elif address is not None and address.country not in method.shipping_zone.countries:
        message = "Shipping method is not valid for chosen shipping address"
    elif not _listed_in_channel(order):
        message = "Shipping method not available in given channel."
    else:
        country = address.country if address is not None else None
        valid = shipping_methods_for(order.channel, country, order.subtotal_gross_amount)
        if method.pk not in {m.pk for m in valid}:
            message = "Shipping method cannot be used with this order."
    if message is not None:
        errors["shipping"].append(MutationError("shipping", code, message))


def _validate_lines(order: Order, lines: list[OrderLine], errors: Errors) -> None:
    if sum(line.quantity for line in lines) == 0:
        errors["lines"].append(
            MutationError("lines", "REQUIRED", "Could not create order without any products.")
        )
    tracked = [line.variant for line in lines if line.variant and line.variant.track_inventory]
    available = available_quantities([v.pk for v in tracked], order.channel)
    for line in lines:
        if line.variant is None:
            errors["lines"].append(
                MutationError(
                    "lines", "NOT_FOUND", "Could not create orders with non-existing products."
                )
            )
        elif line.variant.track_inventory and line.quantity > available.get(line.variant.pk, 0):
            # Saleor reports the stock check without the line's id.
            errors["lines"].append(_insufficient_stock([]))


def _validate_availability(order: Order, lines: list[OrderLine], errors: Errors) -> None:
    variants = list({line.variant.pk: line.variant for line in lines if line.variant}.values())
    if unpublished_variants(variants, order.channel):
        errors["lines"].append(
            MutationError(
                "lines",
                "PRODUCT_NOT_PUBLISHED",
                "Can't finalize draft with unpublished product.",
            )
        )
    now = timezone.now()
    purchasable = set(
        ProductChannelListing.objects.filter(
            channel=order.channel,
            product_id__in={v.product_id for v in variants},
            available_for_purchase_at__lte=now,
        ).values_list("product_id", flat=True)
    )
    unavailable = [
        to_global_id("OrderLine", line.pk)
        for line in lines
        if line.variant is not None and line.variant.product_id not in purchasable
    ]
    if unavailable:
        errors["lines"].append(
            MutationError(
                "lines",
                "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
                "Can't finalize draft with product unavailable for purchase.",
                {"order_lines": unavailable},
            )
        )
    not_in_channel = variants_not_in_channel(variants, order.channel)
    if not_in_channel:
        errors["lines"].append(
            MutationError(
                "lines",
                "NOT_AVAILABLE_IN_CHANNEL",
                "Cannot add lines with unavailable variants.",
                {"variants": sorted(to_global_id("ProductVariant", v.pk) for v in not_in_channel)},
            )
        )


def validate_draft_order(order: Order, lines: list[OrderLine]) -> None:
    """Saleor's `validate_draft_order`: all problems at once, grouped by field in the order
    the fields first came up."""
    errors: Errors = defaultdict(list)
    if order.billing_address_id is None:
        errors["order"].append(
            MutationError(
                "order", "BILLING_ADDRESS_NOT_SET", "Can't finalize draft with no billing address."
            )
        )
    if any(line.is_shipping_required for line in lines):
        if order.shipping_address_id is None:
            errors["order"].append(
                MutationError(
                    "order",
                    "ORDER_NO_SHIPPING_ADDRESS",
                    "Can't finalize draft with no shipping address.",
                )
            )
        _validate_shipping(order, lines, errors)
    _validate_lines(order, lines, errors)
    if not order.channel.is_active:
        errors["channel"].append(
            MutationError(
                "channel", "CHANNEL_INACTIVE", "Cannot complete draft order with inactive channel."
            )
        )
    _validate_availability(order, lines, errors)
    if errors:
        raise MutationErrors([error for field_errors in errors.values() for error in field_errors])


def _link_customer(order: Order) -> None:
    """Saleor's `update_user_fields`: the user's email, or the user of the email."""
    if order.user is not None:
        order.user_email = order.user.email
    elif order.user_email:
        order.user = User.objects.filter(email=order.user_email).first()


def _drop_shipping(order: Order) -> None:
    """An order with nothing to ship keeps no shipping address, name or price."""
    order.shipping_method_name = None
    order.shipping_price_net_amount = ZERO
    order.shipping_price_gross_amount = ZERO
    if order.shipping_address is not None:
        order.shipping_address.delete()
        order.shipping_address = None
    total = order.subtotal_gross_amount
    order.total_net_amount = order.total_gross_amount = total
    order.undiscounted_total_net_amount = order.undiscounted_total_gross_amount = total


def _allocate(order: Order, lines: list[OrderLine]) -> None:
    short = [
        to_global_id("OrderLine", line.pk)
        for line in lines
        if line.variant is not None
        and allocate_order_line(line, line.variant, line.quantity, order.channel)
    ]
    if short:
        raise MutationErrors([_insufficient_stock([line_id]) for line_id in short])


def complete_draft_order(context: Any, order: Order) -> Order:
    """Call with the order locked (select_for_update) inside a transaction."""
    if order.status != Order.Status.DRAFT:
        raise mutation_error("id", "INVALID", "The order is not draft.")
    lines = list(order.lines.select_related("variant__product").order_by("created_at", "id"))
    validate_draft_order(order, lines)
    channel = order.channel
    _link_customer(order)
    order.status = (
        Order.Status.UNFULFILLED
        if channel.automatically_confirm_all_new_orders
        else Order.Status.UNCONFIRMED
    )
    if not any(line.is_shipping_required for line in lines):
        _drop_shipping(order)
    order.save()
    _allocate(order, lines)
    refresh_order_amounts(order)
    OrderEvent.objects.create(order=order, type="PLACED_FROM_DRAFT", **actor(context))
    trigger_async_event("ORDER_CREATED", order, context)
    if is_fully_charged(order):
        order_charged(order, context)
    if channel.automatically_confirm_all_new_orders:
        OrderEvent.objects.create(order=order, type="CONFIRMED", **actor(context))
        trigger_async_event("ORDER_CONFIRMED", order, context)
    return order
