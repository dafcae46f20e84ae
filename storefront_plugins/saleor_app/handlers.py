"""The registry of webhook handlers that capabilities add to.

A capability registers its handlers from its `AppConfig.ready()`:

    @webhook_handler(WebhookEvent.ORDER_FULLY_PAID)
    def post_order_split(message: WebhookMessage) -> None: ...

A handler runs inside the transaction that marks the delivery handled, so its database
writes happen exactly once; whatever it does outside the database must be idempotent.
Raising `RetryLater` (or a `SaleorTransportError`) retries the delivery with backoff.

Synchronous events (payments) are answered inline instead: a capability registers the one
handler of each, with its subscription query, and the handler returns Saleor's JSON answer:

    @sync_webhook_handler(SyncWebhookEvent.TRANSACTION_PROCESS_SESSION, query)
    def process_session(message: SyncWebhookMessage) -> dict[str, Any]: ...

A capability that can handle many deliveries of an event at once registers a batch
handler: the worker then takes up to `SALEOR_WEBHOOK_BATCH_SIZE` pending deliveries of that
event together, in one transaction (`services.handle_delivery`):

    @webhook_batch_handler(WebhookEvent.ORDER_FULLY_PAID)
    def post_order_splits(messages: Sequence[WebhookMessage]) -> dict[int, Exception]: ...

It returns the deliveries it could not handle, by id, with their error, and keeps the
transaction usable when one fails (savepoints): the others are marked handled with it.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storefront_plugins.saleor_app.events import SyncWebhookEvent, WebhookEvent


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


BatchHandler = Callable[[Sequence[WebhookMessage]], dict[int, Exception]]

_batch_handlers: dict[WebhookEvent, list[BatchHandler]] = defaultdict(list)


def webhook_batch_handler(event: WebhookEvent) -> Callable[[BatchHandler], BatchHandler]:
    def register(handler: BatchHandler) -> BatchHandler:
        if handler not in _batch_handlers[event]:
            _batch_handlers[event].append(handler)
        return handler

    return register


def unregister_webhook_batch_handler(event: WebhookEvent, handler: BatchHandler) -> None:
    if handler in _batch_handlers[event]:
        _batch_handlers[event].remove(handler)


def batch_handlers_for(event: WebhookEvent) -> list[BatchHandler]:
    return list(_batch_handlers[event])


# Synchronous webhooks: Saleor waits for the answer (payment sessions and action requests).


@dataclass(frozen=True)
class SyncWebhookMessage:
    installation_id: int
    saleor_api_url: str
    event: SyncWebhookEvent
    payload: dict[str, Any]  # JSON numbers with a fraction are `Decimal`, never float


SyncWebhookHandler = Callable[[SyncWebhookMessage], dict[str, Any]]


@dataclass(frozen=True)
class SyncWebhook:
    """The one handler of a sync event and the subscription query its payload comes from
    (Saleor takes one answer, so one capability answers each sync event)."""

    event: SyncWebhookEvent
    query: str
    handler: SyncWebhookHandler


_sync_webhooks: dict[SyncWebhookEvent, SyncWebhook] = {}


def sync_webhook_handler(
    event: SyncWebhookEvent, query: str
) -> Callable[[SyncWebhookHandler], SyncWebhookHandler]:
    """Register the answer to a sync event; the handler returns the JSON Saleor expects."""

    def register(handler: SyncWebhookHandler) -> SyncWebhookHandler:
        registered = _sync_webhooks.get(event)
        if registered is not None and registered.handler is not handler:
            raise ValueError(f"{event} is already answered by {registered.handler!r}.")
        _sync_webhooks[event] = SyncWebhook(event=event, query=query, handler=handler)
        return handler

    return register


def unregister_sync_webhook_handler(event: SyncWebhookEvent) -> None:
    _sync_webhooks.pop(event, None)


def sync_webhook_for(event: SyncWebhookEvent) -> SyncWebhook | None:
    return _sync_webhooks.get(event)


def registered_sync_webhooks() -> list[SyncWebhook]:
    return [_sync_webhooks[event] for event in SyncWebhookEvent if event in _sync_webhooks]
