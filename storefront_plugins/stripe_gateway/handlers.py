"""The registry of Stripe event handlers that capabilities add to, shaped like
`saleor_app.handlers`. A capability registers its handlers from its `AppConfig.ready()`:

    @stripe_event_handler("account.updated")
    def update_connected_account(message: StripeEventMessage) -> None: ...

A handler runs inside the transaction that marks the event handled, so its database writes
happen exactly once; whatever it does outside the database must be idempotent. Raising
`RetryLater` (or a transient `stripe.StripeError`) retries the event with backoff.
`stripe_webhook_setup` subscribes the App's Stripe endpoints to the registered types.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storefront_plugins.saleor_app.handlers import RetryLater

__all__ = [
    "RetryLater",
    "StripeEventHandler",
    "StripeEventMessage",
    "handled_event_types",
    "handlers_for",
    "stripe_event_handler",
    "unregister_stripe_event_handler",
]


@dataclass(frozen=True)
class StripeEventMessage:
    event_pk: int
    event_id: str
    type: str
    account: str | None  # the connected account of a Connect event; None for the platform's
    created: int  # Unix seconds: compare it to order events that may arrive out of order
    livemode: bool
    data: dict[str, Any]  # the event's `data`: `object` and, on updates, `previous_attributes`

    @property
    def object(self) -> dict[str, Any]:
        found: dict[str, Any] = self.data["object"]
        return found


StripeEventHandler = Callable[[StripeEventMessage], None]

_handlers: dict[str, list[StripeEventHandler]] = defaultdict(list)


def stripe_event_handler(event_type: str) -> Callable[[StripeEventHandler], StripeEventHandler]:
    def register(handler: StripeEventHandler) -> StripeEventHandler:
        if handler not in _handlers[event_type]:
            _handlers[event_type].append(handler)
        return handler

    return register


def unregister_stripe_event_handler(event_type: str, handler: StripeEventHandler) -> None:
    if handler in _handlers[event_type]:
        _handlers[event_type].remove(handler)


def handlers_for(event_type: str) -> list[StripeEventHandler]:
    return list(_handlers.get(event_type, ()))


def handled_event_types() -> list[str]:
    return sorted(event_type for event_type, handlers in _handlers.items() if handlers)
