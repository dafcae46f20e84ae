"""Order writers: mark as paid, cancel (releasing allocations), fulfil (consuming them)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.db.models.functions import Greatest

from saleor_sandbox.errors import MutationError, MutationErrors, mutation_error
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Allocation,
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEvent,
    OrderLine,
    Stock,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services.orders_payments import actor, refresh_order_amounts
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)
MARK_AS_PAID_TRANSACTION_NAME = "Mark-as-paid transaction"


def mark_as_paid(context: Any, order: Order, transaction_reference: str | None) -> Order:
    """orderMarkAsPaid as Saleor's `order/actions.py`: with the channel's TRANSACTION_FLOW a
    charged "Mark-as-paid transaction"; with PAYMENT_FLOW Saleor creates a legacy Payment,
    which the sandbox records as the order's manually captured amount (it counts towards
    totalCharged and the charge status, there is no transaction). Either way only
    ORDER_FULLY_PAID and ORDER_UPDATED are sent (not ORDER_PAID), as Saleor."""
    if not order.billing_address_id:
        raise mutation_error(
            None,
            "BILLING_ADDRESS_NOT_SET",
            "Order billing address is required to mark order as paid.",
        )
    payment_flow = order.channel.mark_as_paid_strategy == "PAYMENT_FLOW"
    if order.manual_payment_captured_amount > ZERO:
        message = "Orders with payments can not be manually marked as paid."
    elif TransactionItem.objects.filter(order=order).exists():
        message = "Orders with transactions can not be manually marked as paid."
    else:
        message = None
    if message is not None:
        if payment_flow:
            raise mutation_error("payment", "PAYMENT_ERROR", message)
        raise mutation_error("transaction", "TRANSACTION_ERROR", message)
    who = actor(context)
    if payment_flow:
        order.manual_payment_captured_amount = order.total_gross_amount
        order.save(update_fields=["manual_payment_captured_amount", "updated_at"])
    else:
        transaction = TransactionItem.objects.create(
            order=order,
            currency=order.currency,
            name=MARK_AS_PAID_TRANSACTION_NAME,
            psp_reference=transaction_reference or "",
            available_actions=["refund"],
            app=context.app,
            app_identifier=context.app.identifier if context.app else "",
            user=who["user"],
        )
        TransactionEvent.objects.create(
            transaction=transaction,
            type="charge_success",
            amount_value=order.total_gross_amount,
            currency=order.currency,
            include_in_calculations=True,
            message="Manual adjustment of the transaction.",
            **who,
        )
        transaction.charged_value = order.total_gross_amount
        transaction.save(update_fields=["charged_value", "modified_at"])
    refresh_order_amounts(order)
    OrderEvent.objects.create(
        order=order,
        type="ORDER_MARKED_AS_PAID",
        parameters={"transaction_reference": transaction_reference},
        **who,
    )
    trigger_async_event("ORDER_FULLY_PAID", order, context)
    trigger_async_event("ORDER_UPDATED", order, context)
    return order


def release_allocations(order: Order) -> None:
    for allocation in Allocation.objects.filter(order_line__order=order).select_related("stock"):
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity_allocated
        )
    Allocation.objects.filter(order_line__order=order).delete()


# Fulfillment statuses that do not stop an order from being canceled (Order.can_cancel).
CANCELABLE_FULFILLMENT_STATUSES = (
    "canceled",
    "refunded",
    "replaced",
    "refunded_and_returned",
    "returned",
)


def can_cancel(order: Order) -> bool:
    blocking = order.fulfillments.exclude(status__in=CANCELABLE_FULFILLMENT_STATUSES).exists()
    return not blocking and order.status not in (
        Order.Status.CANCELED,
        Order.Status.DRAFT,
        Order.Status.EXPIRED,
    )


def cancel_order(context: Any, order: Order) -> Order:
    """orderCancel: allocations released (stock available again), CANCELED event,
    ORDER_CANCELLED and ORDER_UPDATED."""
    if not can_cancel(order):
        raise mutation_error("order", "CANNOT_CANCEL_ORDER", "This order can't be canceled.")
    release_allocations(order)
    order.status = Order.Status.CANCELED
    order.save(update_fields=["status", "updated_at"])
    OrderEvent.objects.create(order=order, type="CANCELED", **actor(context))
    trigger_async_event("ORDER_CANCELLED", order, context)
    trigger_async_event("ORDER_UPDATED", order, context)
    return order


# Fulfilment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FulfilRequest:
    order_line: OrderLine
    warehouse_pk: int
    quantity: int


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def validate_fulfil_quantities(lines: list[OrderLine], quantities: list[list[int]]) -> None:
    """Saleor's `clean_order_line_quantities` and `check_total_quantity_of_items`."""
    for line, line_quantities in zip(lines, quantities, strict=True):
        remaining = line.quantity - line.quantity_fulfilled
        if sum(line_quantities) > remaining:
            raise mutation_error(
                "orderLineId",
                "FULFILL_ORDER_LINE",
                f"Only {remaining} item{_plural(remaining)} remaining to fulfill.",
                order_lines=[to_global_id("OrderLine", line.pk)],
            )
    if sum(sum(q) for q in quantities) <= 0:
        raise mutation_error("lines", "ZERO_QUANTITY", "Total quantity must be larger than 0.")


def _status_after_fulfilment(order: Order) -> str:
    """Saleor's `determine_order_status` without returns or approvals."""
    lines = list(order.lines.all())
    total = sum(line.quantity for line in lines)
    fulfilled = sum(line.quantity_fulfilled for line in lines)
    if fulfilled <= 0:
        return Order.Status.UNFULFILLED
    if fulfilled < total:
        return Order.Status.PARTIALLY_FULFILLED
    return Order.Status.FULFILLED


def fulfil_order(
    context: Any,
    order: Order,
    requests: list[FulfilRequest],
    *,
    allow_stock_to_be_exceeded: bool,
    tracking_number: str,
) -> list[Fulfillment]:
    """Saleor's `create_fulfillments`: one fulfillment per warehouse; stock decreases and
    the lines' allocations in that warehouse are consumed, under row locks."""
    by_warehouse: dict[int, list[FulfilRequest]] = defaultdict(list)
    for request in requests:
        by_warehouse[request.warehouse_pk].append(request)
    errors: list[MutationError] = []
    stocks: dict[tuple[int, Any], Stock] = {}
    for warehouse_pk, warehouse_requests in by_warehouse.items():
        for request in warehouse_requests:
            variant_id = request.order_line.variant_id
            stock = (
                Stock.objects.select_for_update()
                .filter(warehouse_id=warehouse_pk, product_variant_id=variant_id)
                .first()
                if variant_id
                else None
            )
            variant = request.order_line.variant
            track = variant.track_inventory if variant is not None else False
            if stock is None or (
                track and not allow_stock_to_be_exceeded and stock.quantity < request.quantity
            ):
                if variant_id is None or stock is None or track:
                    errors.append(
                        MutationError(
                            "stocks",
                            "INSUFFICIENT_STOCK",
                            "Insufficient product stock.",
                            {
                                "order_lines": [to_global_id("OrderLine", request.order_line.pk)],
                                "warehouse": to_global_id("Warehouse", warehouse_pk),
                            },
                        )
                    )
                continue
            stocks[(warehouse_pk, request.order_line.pk)] = stock
    if errors:
        raise MutationErrors(errors)
    last = order.fulfillments.order_by("-fulfillment_order").first()
    next_number = (last.fulfillment_order if last else 0) + 1
    fulfillments = []
    fulfilled_lines: list[FulfillmentLine] = []
    for warehouse_pk, warehouse_requests in by_warehouse.items():
        fulfillment = Fulfillment.objects.create(
            order=order,
            fulfillment_order=next_number,
            status="fulfilled",
            tracking_number=tracking_number,
        )
        next_number += 1
        for request in warehouse_requests:
            stock = stocks[(warehouse_pk, request.order_line.pk)]
            fulfilled_lines.append(
                FulfillmentLine.objects.create(
                    fulfillment=fulfillment,
                    order_line=request.order_line,
                    stock=stock,
                    quantity=request.quantity,
                )
            )
            _consume_allocation(request.order_line, stock, request.quantity)
            OrderLine.objects.filter(pk=request.order_line.pk).update(
                quantity_fulfilled=F("quantity_fulfilled") + request.quantity
            )
        fulfillments.append(fulfillment)
    order.status = _status_after_fulfilment(order)
    order.save(update_fields=["status", "updated_at"])
    OrderEvent.objects.create(
        order=order,
        type="FULFILLMENT_FULFILLED_ITEMS",
        parameters={"fulfilled_items": [line.pk for line in fulfilled_lines]},
        **actor(context),
    )
    trigger_async_event("ORDER_UPDATED", order, context)
    if order.status == Order.Status.FULFILLED:
        trigger_async_event("ORDER_FULFILLED", order, context)
    return fulfillments


def _consume_allocation(line: OrderLine, stock: Stock, quantity: int) -> None:
    """Saleor's `decrease_stock`: the allocation in that stock shrinks first, then the
    stock's quantity drops by what was shipped."""
    allocation = Allocation.objects.filter(order_line=line, stock=stock).first()
    released = 0
    if allocation is not None:
        released = min(allocation.quantity_allocated, quantity)
        allocation.quantity_allocated -= released
        allocation.save(update_fields=["quantity_allocated"])
    Stock.objects.filter(pk=stock.pk).update(
        quantity=Greatest(F("quantity") - quantity, 0),
        quantity_allocated=F("quantity_allocated") - released,
    )
