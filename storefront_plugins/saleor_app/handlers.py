"""The registry of webhook handlers that capabilities add to.

A capability registers its handlers from its `AppConfig.ready()`:

    @webhook_handler(WebhookEvent.ORDER_FULLY_PAID)
    def post_order_split(message: WebhookMessage) -> None: ...

A handler runs inside the transaction that marks the delivery handled, so its database
writes happen exactly once; whatever it does outside the database must be idempotent.
Raising `RetryLater` (or a `SaleorTransportError`) retries the delivery with backoff.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storefront_plugins.saleor_app.events import WebhookEvent


@dataclass(frozen=True)
class WebhookMessage:
    delivery_id: int
    installation_id: int
    saleor_api_url: str
    event: WebhookEvent
    payload: dict[str, Any]  # JSON numbers with a fraction are `Decimal`, never float


class RetryLater(Exception):
    """A handler cannot finish now (a service is down); try the delivery again later."""


WebhookHandler = Callable[[WebhookMessage], None]

_handlers: dict[WebhookEvent, list[WebhookHandler]] = defaultdict(list)


def webhook_handler(event: WebhookEvent) -> Callable[[WebhookHandler], WebhookHandler]:
    def register(handler: WebhookHandler) -> WebhookHandler:
        if handler not in _handlers[event]:
            _handlers[event].append(handler)
        return handler

    return register


def unregister_webhook_handler(event: WebhookEvent, handler: WebhookHandler) -> None:
    if handler in _handlers[event]:
        _handlers[event].remove(handler)


def handlers_for(event: WebhookEvent) -> list[WebhookHandler]:
    return list(_handlers[event])
