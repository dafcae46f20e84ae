"""An order's payment state, derived from its transactions and granted refunds, and the
events Saleor sends when it changes (`order/utils.py` `updates_amounts_for_order`,
`order/actions.py` `order_transaction_updated`, `order_charged`, `order_refunded`)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from saleor_sandbox.models import Order, OrderEvent, OrderGrantedRefund, TransactionItem
from saleor_sandbox.services.checkout_calculations import (
    order_authorize_status,
    order_charge_status,
)
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)


@dataclass(frozen=True)
class TransactionSnapshot:
    authorized: Decimal
    charged: Decimal
    refunded: Decimal

    @classmethod
    def of(cls, transaction: TransactionItem) -> "TransactionSnapshot":
        return cls(
            transaction.authorized_value, transaction.charged_value, transaction.refunded_value
        )


def granted_refund_total(order: Order) -> Decimal:
    return (
        OrderGrantedRefund.objects.filter(order=order).aggregate(s=Sum("amount_value"))["s"] or ZERO
    )


def refresh_order_amounts(order: Order) -> None:
    """Recomputes total charged/authorized and the statuses; saves them."""
    sums = TransactionItem.objects.filter(order=order).aggregate(
        charged=Sum("charged_value"), authorized=Sum("authorized_value")
    )
    order.total_charged_amount = (sums["charged"] or ZERO) + order.manual_payment_captured_amount
    order.total_authorized_amount = sums["authorized"] or ZERO
    granted = granted_refund_total(order)
    order.charge_status = order_charge_status(
        order.total_gross_amount, order.total_charged_amount, granted, order.currency
    ).lower()
    order.authorize_status = order_authorize_status(
        order.total_gross_amount,
        order.total_authorized_amount,
        order.total_charged_amount,
        granted,
        order.currency,
    ).lower()
    order.save(
        update_fields=[
            "total_charged_amount",
            "total_authorized_amount",
            "charge_status",
            "authorize_status",
            "updated_at",
        ]
    )


def actor(context: Any) -> dict[str, Any]:
    if context is None:
        return {"user": None, "app": None}
    return {"user": context.user if context.app is None else None, "app": context.app}


def is_fully_charged(order: Order) -> bool:
    return order.charge_status in (Order.ChargeStatus.FULL, Order.ChargeStatus.OVERCHARGED)


def order_charged(order: Order, context: Any) -> None:
    """ORDER_PAID, then ORDER_FULLY_PAID (with its order event) when fully charged."""
    if order.status == Order.Status.DRAFT:
        return
    trigger_async_event("ORDER_PAID", order, context)
    if is_fully_charged(order):
        OrderEvent.objects.create(order=order, type="ORDER_FULLY_PAID", **actor(context))
        if (
            order.channel.automatically_confirm_all_new_orders
            and order.status == Order.Status.UNCONFIRMED
        ):
            order.status = Order.Status.UNFULFILLED
            order.save(update_fields=["status", "updated_at"])
        trigger_async_event("ORDER_FULLY_PAID", order, context)
    trigger_async_event("ORDER_UPDATED", order, context)


def total_refunded(order: Order) -> Decimal:
    return (
        TransactionItem.objects.filter(order=order).aggregate(s=Sum("refunded_value"))["s"] or ZERO
    )


def order_refunded(order: Order, context: Any) -> None:
    trigger_async_event("ORDER_REFUNDED", order, context)
    trigger_async_event("ORDER_UPDATED", order, context)
    if total_refunded(order) >= order.total_gross_amount:
        trigger_async_event("ORDER_FULLY_REFUNDED", order, context)


def order_transaction_updated(
    order: Order, transaction: TransactionItem, before: TransactionSnapshot, context: Any
) -> None:
    refresh_order_amounts(order)
    updated = transaction.authorized_value != before.authorized
    if transaction.charged_value > before.charged:
        order_charged(order, context)
        updated = False
    elif transaction.charged_value != before.charged:
        updated = True
    if transaction.refunded_value > before.refunded:
        order_refunded(order, context)
        updated = False
    if updated:
        trigger_async_event("ORDER_UPDATED", order, context)
