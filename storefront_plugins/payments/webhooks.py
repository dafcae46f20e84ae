"""Saleor events payments listens to: once a transaction's order exists, its PaymentIntent
joins the order's transfer group (`transfer_groups`), from a task queued on commit."""

from functools import partial

from django.db import transaction

from storefront_plugins.payments.transfer_groups import payments_to_group
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage, webhook_handler


def group_order_payments(message: WebhookMessage) -> None:
    from storefront_plugins.payments.tasks import group_payment

    order = message.payload.get("order") or {}
    order_id = order.get("id")
    transaction_ids = [t["id"] for t in order.get("transactions") or [] if t and t.get("id")]
    if not order_id or not transaction_ids:
        return
    for payment_id in payments_to_group(message.installation_id, order_id, transaction_ids):
        transaction.on_commit(partial(group_payment.delay, payment_id))


def register_webhook_handlers() -> None:
    webhook_handler(WebhookEvent.ORDER_FULLY_PAID)(group_order_payments)
