"""Async webhook deliveries (implemented by the webhooks work)."""

from typing import Any


def create_deliveries_on_commit(event_type: str, subject: Any, context: Any) -> None:
    return None
