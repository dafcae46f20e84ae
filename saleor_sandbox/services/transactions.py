"""A transaction's state, derived from its events: amounts recomputed, then the checkout's
or the order's payment state follows. The other transaction_* modules write events."""

from decimal import Decimal
from typing import Any

from saleor_sandbox.models import (
    App,
    Checkout,
    Order,
    OrderGrantedRefund,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services.checkout import fetch_checkout_info
from saleor_sandbox.services.orders_payments import (
    TransactionSnapshot,
    order_transaction_updated,
)
from saleor_sandbox.services.payment_responses import (
    ResponseEvent,
    failure_type_for,
)
from saleor_sandbox.services.transactions_amounts import EventData, calculate_amounts
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)

FAILED_DELIVERY = "Failed to delivery request."

ACTION_EVENTS = {
    "CHARGE": ("CHARGE_REQUEST", "TRANSACTION_CHARGE_REQUESTED"),
    "REFUND": ("REFUND_REQUEST", "TRANSACTION_REFUND_REQUESTED"),
    "CANCEL": ("CANCEL_REQUEST", "TRANSACTION_CANCELATION_REQUESTED"),
}


def db_type(type_name: str) -> str:
    return type_name.lower()


def api_type(stored: str) -> str:
    return stored.upper()


def source_of(transaction: TransactionItem) -> Checkout | Order | None:
    if transaction.order_id:
        return Order.objects.select_related("channel").get(pk=transaction.order_id)
    if transaction.checkout_id:
        return Checkout.objects.select_related("channel").get(pk=transaction.checkout_id)
    return None


def recalculate(transaction: TransactionItem) -> None:
    events = [
        EventData(api_type(e.type), e.amount_value, e.psp_reference, e.created_at)
        for e in transaction.events.filter(include_in_calculations=True)
    ]
    amounts = calculate_amounts(events)
    transaction.authorized_value = amounts.authorized
    transaction.authorize_pending_value = amounts.authorize_pending
    transaction.charged_value = amounts.charged
    transaction.charge_pending_value = amounts.charge_pending
    transaction.refunded_value = amounts.refunded
    transaction.refund_pending_value = amounts.refund_pending
    transaction.canceled_value = amounts.canceled
    transaction.cancel_pending_value = amounts.cancel_pending
    transaction.save()


def _checkout_charge_status(checkout: Checkout) -> str:
    return fetch_checkout_info(checkout).charge_status


def apply_change(transaction: TransactionItem, before: TransactionSnapshot, context: Any) -> None:
    """After new events: recompute the transaction, then its checkout's or order's state."""
    checkout = transaction.checkout if transaction.checkout_id else None
    was_fully_paid = checkout is not None and _checkout_charge_status(checkout) in (
        "FULL",
        "OVERCHARGED",
    )
    recalculate(transaction)
    if transaction.order_id:
        order = (
            Order.objects.select_related("channel")
            .select_for_update(of=("self",))
            .get(pk=transaction.order_id)
        )
        order_transaction_updated(order, transaction, before, context)
        _refresh_granted_refunds(order)
    elif checkout is not None:
        checkout.save(update_fields=["last_change", "updated_at"])
        if not was_fully_paid and _checkout_charge_status(checkout) in ("FULL", "OVERCHARGED"):
            trigger_async_event("CHECKOUT_FULLY_PAID", checkout, context)


def _refresh_granted_refunds(order: Order) -> None:
    """Saleor's `calculate_order_granted_refund_status`: from the last refund event of the
    granted refund's transaction related to it."""
    for granted in OrderGrantedRefund.objects.filter(order=order, transaction_item__isnull=False):
        last = (
            granted.transaction_events.filter(
                transaction_id=granted.transaction_item_id,
                type__in=("refund_request", "refund_success", "refund_reverse", "refund_failure"),
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is None:
            continue
        status = {
            "refund_success": OrderGrantedRefund.Status.SUCCESS,
            "refund_failure": OrderGrantedRefund.Status.FAILURE,
            "refund_request": OrderGrantedRefund.Status.PENDING,
        }.get(last.type, OrderGrantedRefund.Status.NONE)
        if status != granted.status:
            granted.status = status
            granted.save(update_fields=["status", "updated_at"])


def failure_event(request_event: TransactionEvent, cause: str) -> TransactionEvent:
    return TransactionEvent.objects.create(
        transaction=request_event.transaction,
        type=db_type(failure_type_for(api_type(request_event.type))),
        amount_value=request_event.amount_value,
        currency=request_event.currency,
        message=cause[:512],
        include_in_calculations=False,
        psp_reference=request_event.psp_reference,
        related_granted_refund=request_event.related_granted_refund,
    )


def deduplicated_event(
    transaction: TransactionItem, response: ResponseEvent, app: App | None, granted: Any = None
) -> tuple[TransactionEvent | None, str | None]:
    """Saleor's `deduplicate_event`: same pspReference and type is the same event."""
    if response.type not in ("AUTHORIZATION_ACTION_REQUIRED", "CHARGE_ACTION_REQUIRED", "INFO"):
        existing = transaction.events.filter(
            psp_reference=response.psp_reference or "", type=db_type(response.type)
        ).first()
        if existing is not None:
            if existing.amount_value != response.amount:
                return None, (
                    "The transaction with provided `pspReference` and `type` already exists "
                    "with different amount."
                )
            return existing, None
    if (
        response.type == "AUTHORIZATION_SUCCESS"
        and transaction.events.filter(type="authorization_success").exists()
    ):
        return None, (
            "Event with `AUTHORIZATION_SUCCESS` already reported for the transaction. Use "
            "`AUTHORIZATION_ADJUSTMENT` to change the authorization amount."
        )
    event = TransactionEvent.objects.create(
        transaction=transaction,
        type=db_type(response.type),
        amount_value=response.amount,
        currency=transaction.currency,
        psp_reference=response.psp_reference or "",
        message=response.message,
        external_url=response.external_url,
        include_in_calculations=True,
        app=app,
        related_granted_refund=granted,
    )
    return event, None
