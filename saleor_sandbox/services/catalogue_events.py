"""Where the catalogue says "this happened": each call becomes a webhook trigger.

`event_listeners` lets tests (and nothing else) observe the events as they are emitted,
without replacing the webhook machinery."""

from collections.abc import Callable
from typing import Any

from saleor_sandbox.webhooks.triggers import trigger_async_event

event_listeners: list[Callable[[str, Any], None]] = []


def emit(event_type: str, subject: Any, context: Any) -> None:
    """Call inside the writing transaction."""
    trigger_async_event(event_type, subject, context)
    for listener in event_listeners:
        listener(event_type, subject)
