"""Saleor's order events, registered from `PayoutsConfig.ready()`.

Each handler reads the order from the payload and calls one service; the services are
idempotent, so a delivery handled twice posts once. A payload payouts cannot read (no order,
a currency not in `splits.CURRENCY_EXPONENTS`) raises: the delivery is marked failed with
the reason and can be replayed once fixed.
"""

import logging

from storefront_plugins.payouts import services
from storefront_plugins.payouts.payloads import event_issued_at, parse_order
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage, webhook_handler

logger = logging.getLogger(__name__)


def split_paid_order(message: WebhookMessage) -> None:
    order = parse_order(message.payload)
    result = services.post_order_split(
        message.saleor_api_url, order, paid_at=event_issued_at(message.payload)
    )
    logger.info("Order %s paid: split %s.", order.id, result.outcome)


def reverse_refunds(message: WebhookMessage) -> None:
    order = parse_order(message.payload)
    result = services.post_order_refund(
        message.saleor_api_url, order, seen_at=event_issued_at(message.payload)
    )
    logger.info("Order %s refunds: %s.", order.id, result.outcome)


def start_hold_after_fulfilment(message: WebhookMessage) -> None:
    order = parse_order(message.payload)
    services.record_order_fulfilled(
        message.saleor_api_url, order, fulfilled_at=event_issued_at(message.payload)
    )


def register_webhook_handlers() -> None:
    webhook_handler(WebhookEvent.ORDER_FULLY_PAID)(split_paid_order)
    webhook_handler(WebhookEvent.ORDER_REFUNDED)(reverse_refunds)
    webhook_handler(WebhookEvent.ORDER_FULLY_REFUNDED)(reverse_refunds)
    webhook_handler(WebhookEvent.ORDER_FULFILLED)(start_hold_after_fulfilment)
