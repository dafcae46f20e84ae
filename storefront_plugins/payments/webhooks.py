"""Saleor events payments listens to: once a transaction's order exists, its PaymentIntent
joins the order's transfer group (`transfer_groups`), from a task queued on commit."""

from collections.abc import Sequence
from functools import partial

from django.db import transaction

from storefront_plugins.payments.transfer_groups import OrderPayments, payments_to_group
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage, webhook_batch_handler


def _order_payments(message: WebhookMessage) -> OrderPayments | None:
    order = message.payload.get("order") or {}
    order_id = order.get("id")
    transaction_ids = [t["id"] for t in order.get("transactions") or [] if t and t.get("id")]
    if not order_id or not transaction_ids:
        return None
    return OrderPayments(message.installation_id, str(order_id), transaction_ids)


def group_order_payments(messages: Sequence[WebhookMessage]) -> dict[int, Exception]:
    """ORDER_FULLY_PAID, a batch at a time (beside payouts' posting, in one query)."""
    from storefront_plugins.payments.tasks import group_payment

    orders = [o for o in map(_order_payments, messages) if o is not None]
    for payment_id in payments_to_group(orders):
        transaction.on_commit(partial(group_payment.delay, payment_id))
    return {}


def register_webhook_handlers() -> None:
    webhook_batch_handler(WebhookEvent.ORDER_FULLY_PAID)(group_order_payments)
