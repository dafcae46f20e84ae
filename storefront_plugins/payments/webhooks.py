"""Saleor events payments listens to: once a transaction's order exists, its PaymentIntent
joins the order's transfer group, where payouts' separate transfers to artisans go."""

import logging

import stripe

from storefront_plugins.payments import intents
from storefront_plugins.payments.models import Payment
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import RetryLater, WebhookMessage, webhook_handler
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient

logger = logging.getLogger(__name__)


def group_order_payments(message: WebhookMessage) -> None:
    order = message.payload.get("order") or {}
    order_id = order.get("id")
    transaction_ids = [t["id"] for t in order.get("transactions") or [] if t and t.get("id")]
    if not order_id or not transaction_ids:
        return
    payments = Payment.objects.select_for_update().filter(
        installation_id=message.installation_id, saleor_transaction_id__in=transaction_ids
    )
    for payment in payments:
        if payment.transfer_group == order_id or not payment.payment_intent_id:
            continue
        try:
            intents.set_transfer_group(payment.payment_intent_id, order_id)
        except StripeUnavailable as error:
            raise RetryLater(error.message) from error
        except stripe.StripeError as error:
            if is_transient(error):
                raise RetryLater(str(error)) from error
            logger.warning("Stripe refused the transfer group of %s: %s", payment, error)
            continue
        payment.saleor_order_id = order_id
        payment.transfer_group = order_id
        payment.save(update_fields=["saleor_order_id", "transfer_group", "updated_at"])


def register_webhook_handlers() -> None:
    webhook_handler(WebhookEvent.ORDER_FULLY_PAID)(group_order_payments)
