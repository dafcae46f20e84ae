"""checkoutComplete: validations in Saleor's order (email, lines, shipping, billing,
payment), then one transaction that creates the order, allocates stock under row locks,
moves the checkout's transactions to the order and writes the order's events."""

from decimal import Decimal
from typing import Any

from saleor_sandbox.errors import MutationError, MutationErrors, mutation_error
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Address,
    Checkout,
    Order,
    OrderEvent,
    OrderLine,
    TransactionItem,
)
from saleor_sandbox.services.catalogue_translations import translated_line_names
from saleor_sandbox.services.checkout import CheckoutInfo, LineInfo, fetch_checkout_info
from saleor_sandbox.services.orders_allocation import allocate_order_line
from saleor_sandbox.services.orders_payments import (
    actor,
    is_fully_charged,
    order_charged,
    refresh_order_amounts,
)
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)


def _copy(address: Address | None) -> Address | None:
    if address is None:
        return None
    address.pk = None
    address.save()
    return address


def validate_for_completion(info: CheckoutInfo) -> None:
    checkout = info.checkout
    if not checkout.email:
        raise mutation_error(None, "EMAIL_NOT_SET", "Checkout email must be set.")
    if not info.lines:
        raise mutation_error("lines", "NO_LINES", "Cannot complete checkout without lines.")
    if info.is_shipping_required:
        if checkout.shipping_method_id is None:
            raise mutation_error(
                "shippingMethod", "SHIPPING_METHOD_NOT_SET", "Shipping method is not set"
            )
        if checkout.shipping_address_id is None:
            raise mutation_error(
                "shippingAddress", "SHIPPING_ADDRESS_NOT_SET", "Shipping address is not set"
            )
        if checkout.shipping_method_id not in {m.pk for m in info.shipping_methods}:
            raise mutation_error(
                "shippingMethod",
                "INVALID_SHIPPING_METHOD",
                "Delivery method is not valid for your shipping address",
            )
    if checkout.billing_address_id is None:
        raise mutation_error(
            "billingAddress", "BILLING_ADDRESS_NOT_SET", "Billing address is not set"
        )
    has_transactions = TransactionItem.objects.filter(checkout=checkout).exists()
    fully_authorized = info.authorize_status == "FULL"
    if not (fully_authorized or checkout.channel.allow_unpaid_orders):
        if has_transactions:
            raise mutation_error(
                "id",
                "CHECKOUT_NOT_FULLY_PAID",
                "The authorized amount doesn't cover the checkout's total amount.",
            )
        raise mutation_error(
            None,
            "CHECKOUT_NOT_FULLY_PAID",
            "Provided payment methods can not cover the checkout's total amount",
        )
    if not checkout.channel.is_active:
        raise mutation_error(
            "channel", "CHANNEL_INACTIVE", "Cannot complete checkout with inactive channel."
        )


def complete_checkout(context: Any, checkout: Checkout, redirect_url: str | None = None) -> Order:
    """Call with the checkout locked (select_for_update) inside a transaction."""
    if checkout.completed_order_id is not None:
        return Order.objects.get(pk=checkout.completed_order_id)
    info = fetch_checkout_info(checkout)
    validate_for_completion(info)
    has_transactions = TransactionItem.objects.filter(checkout=checkout).exists()
    channel = checkout.channel
    status = (
        Order.Status.UNFULFILLED
        if channel.automatically_confirm_all_new_orders and has_transactions
        else Order.Status.UNCONFIRMED
    )
    method = (
        next((m for m in info.shipping_methods if m.pk == checkout.shipping_method_id), None)
        if info.is_shipping_required
        else None
    )
    totals = info.totals
    order = Order.objects.create(
        status=status,
        origin="CHECKOUT",
        checkout_token=str(checkout.token),
        channel=channel,
        user=checkout.user,
        user_email=checkout.email or "",
        language_code=checkout.language_code,
        currency=checkout.currency,
        billing_address=_copy(checkout.billing_address),
        shipping_address=_copy(checkout.shipping_address) if info.is_shipping_required else None,
        shipping_method=method,
        shipping_method_name=method.name if method else None,
        shipping_price_net_amount=totals.shipping,
        shipping_price_gross_amount=totals.shipping,
        undiscounted_base_shipping_price_amount=totals.shipping,
        subtotal_net_amount=totals.subtotal,
        subtotal_gross_amount=totals.subtotal,
        total_net_amount=totals.total,
        total_gross_amount=totals.total,
        undiscounted_total_net_amount=totals.total,
        undiscounted_total_gross_amount=totals.total,
        customer_note=checkout.note,
        redirect_url=redirect_url or checkout.redirect_url,
        metadata=dict(checkout.metadata),
        private_metadata=dict(checkout.private_metadata),
    )
    short: list[LineInfo] = []
    for line in info.lines:
        variant = line.variant
        order_line = OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=variant.product.name,
            variant_name=variant.name,
            **translated_line_names(variant, checkout.language_code),
            product_sku=variant.sku,
            product_variant_id=to_global_id("ProductVariant", variant.pk),
            is_shipping_required=line.requires_shipping,
            quantity=line.line.quantity,
            currency=checkout.currency,
            unit_price_net_amount=line.unit_price,
            unit_price_gross_amount=line.unit_price,
            undiscounted_unit_price_net_amount=line.undiscounted_unit_price,
            undiscounted_unit_price_gross_amount=line.undiscounted_unit_price,
            total_price_net_amount=line.total_price,
            total_price_gross_amount=line.total_price,
            undiscounted_total_price_net_amount=line.total_price,
            undiscounted_total_price_gross_amount=line.total_price,
            metadata=dict(line.line.metadata),
        )
        if allocate_order_line(order_line, variant, line.line.quantity, channel):
            short.append(line)
    if short:
        names = ", ".join(line.variant.name or str(line.variant.pk) for line in short)
        raise MutationErrors(
            [
                MutationError(
                    None,
                    "INSUFFICIENT_STOCK",
                    f"Insufficient product stock: {names}",
                    {"variants": [to_global_id("ProductVariant", ln.variant.pk) for ln in short]},
                )
            ]
        )
    TransactionItem.objects.filter(checkout=checkout).update(order=order, checkout=None)
    refresh_order_amounts(order)
    checkout.completed_order = order
    checkout.save(update_fields=["completed_order", "last_change", "updated_at"])
    OrderEvent.objects.create(order=order, type="PLACED", **actor(context))
    trigger_async_event("ORDER_CREATED", order, context)
    if is_fully_charged(order):
        order_charged(order, context)
    if channel.automatically_confirm_all_new_orders and order.status != Order.Status.UNCONFIRMED:
        trigger_async_event("ORDER_CONFIRMED", order, context)
    return order
