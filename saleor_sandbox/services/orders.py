"""Order writers: mark as paid, cancel (releasing allocations)."""

from decimal import Decimal
from typing import Any

from django.db.models import F

from saleor_sandbox.graphql.core.errors import mutation_error
from saleor_sandbox.models import Allocation, Order, OrderEvent, Stock, TransactionItem
from saleor_sandbox.services import transactions
from saleor_sandbox.services.orders_payments import actor
from saleor_sandbox.webhooks.triggers import trigger_async_event


def mark_as_paid(context: Any, order: Order, transaction_reference: str | None) -> Order:
    """orderMarkAsPaid with the channel's TRANSACTION_FLOW: a charged transaction for the
    order's total. (PAYMENT_FLOW, the legacy payments, is not modelled: same result.)"""
    if TransactionItem.objects.filter(order=order).exists():
        raise mutation_error(
            "id",
            "TRANSACTION_ERROR",
            "Orders with transactions can not be manually marked as paid.",
        )
    if order.status == Order.Status.DRAFT:
        raise mutation_error("id", "INVALID", "Cannot mark draft order as paid.")
    if not order.billing_address_id:
        raise mutation_error(
            "order",
            "BILLING_ADDRESS_NOT_SET",
            "Order billing address is required to mark order as paid.",
        )
    transactions.create_transaction(
        context,
        order,
        {
            "name": "Manual payment",
            "psp_reference": transaction_reference or "",
            "amount_charged": {"amount": order.total_gross_amount, "currency": order.currency},
        },
        None,
    )
    OrderEvent.objects.create(
        order=order,
        type="ORDER_MARKED_AS_PAID",
        parameters={"transaction_reference": transaction_reference or ""},
        **actor(context),
    )
    order.refresh_from_db()
    return order


def release_allocations(order: Order) -> None:
    for allocation in Allocation.objects.filter(order_line__order=order).select_related("stock"):
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity_allocated
        )
    Allocation.objects.filter(order_line__order=order).delete()


def cancel_order(context: Any, order: Order) -> Order:
    if order.status not in (Order.Status.UNCONFIRMED, Order.Status.UNFULFILLED, Order.Status.DRAFT):
        raise mutation_error("order", "CANNOT_CANCEL_ORDER", "This order can't be canceled.")
    release_allocations(order)
    order.status = Order.Status.CANCELED
    order.save(update_fields=["status", "updated_at"])
    OrderEvent.objects.create(order=order, type="CANCELED", **actor(context))
    trigger_async_event("ORDER_CANCELLED", order, context)
    trigger_async_event("ORDER_UPDATED", order, context)
    return order


ZERO = Decimal(0)
