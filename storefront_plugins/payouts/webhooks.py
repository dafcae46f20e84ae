"""Saleor's order events, registered from `PayoutsConfig.ready()`.

Each handler reads the order from the payload and calls one service; the services are
idempotent, so a delivery handled twice posts once. A payload payouts cannot read (no order,
a currency not in `splits.CURRENCY_EXPONENTS`) raises: the delivery is marked failed with
the reason and can be replayed once fixed.
"""

import logging
from collections.abc import Sequence

from django.utils import timezone

from storefront_plugins.payouts import services
from storefront_plugins.payouts.paid_batches import PaidOrder, post_order_splits
from storefront_plugins.payouts.payloads import event_issued_at, parse_order
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import (
    WebhookMessage,
    webhook_batch_handler,
    webhook_handler,
)

logger = logging.getLogger(__name__)


def split_paid_orders(messages: Sequence[WebhookMessage]) -> dict[int, Exception]:
    """ORDER_FULLY_PAID in batches (`paid_batches`): the deliveries whose order could not
    be read or posted, with the reason; the others' orders are posted."""
    failures: dict[int, Exception] = {}
    paid: list[tuple[int, PaidOrder]] = []
    for message in messages:
        try:
            order = parse_order(message.payload)
        except Exception as error:  # as alone: a payload it cannot read fails its delivery
            failures[message.delivery_id] = error
            continue
        paid_at = event_issued_at(message.payload) or timezone.now()
        paid.append((message.delivery_id, PaidOrder(message.saleor_api_url, order, paid_at)))
    outcomes = post_order_splits([item for _, item in paid])
    for (delivery_id, _), outcome in zip(paid, outcomes, strict=True):
        if isinstance(outcome, Exception):
            failures[delivery_id] = outcome
    posted = sum(1 for o in outcomes if not isinstance(o, Exception) and o.outcome == "posted")
    logger.info(
        "%d paid orders: %d split, %d seen before, %d failed.",
        len(messages),
        posted,
        len(messages) - posted - len(failures),
        len(failures),
    )
    return failures


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


def keep_cancelled_orders_held(message: WebhookMessage) -> None:
    order = parse_order(message.payload)
    services.record_order_cancelled(
        message.saleor_api_url, order, cancelled_at=event_issued_at(message.payload)
    )


def register_webhook_handlers() -> None:
    webhook_batch_handler(WebhookEvent.ORDER_FULLY_PAID)(split_paid_orders)
    webhook_handler(WebhookEvent.ORDER_REFUNDED)(reverse_refunds)
    webhook_handler(WebhookEvent.ORDER_FULLY_REFUNDED)(reverse_refunds)
    webhook_handler(WebhookEvent.ORDER_FULFILLED)(start_hold_after_fulfilment)
    webhook_handler(WebhookEvent.ORDER_CANCELLED)(keep_cancelled_orders_held)
