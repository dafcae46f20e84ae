"""Webhook payloads as Saleor makes them: the app's subscription query, executed against
the schema with the event as the root of `Subscription.event`; the body is the `event`
selection itself, serialized as Saleor does (`json.dumps` with default separators)."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from graphql import ExecutionResult, execute, parse

from saleor_sandbox.graphql.context import SandboxContext
from saleor_sandbox.models import App, User, Webhook


def event_type_name(event_type: str) -> str:
    """`PRODUCT_UPDATED` -> `ProductUpdated`, the GraphQL type of the event."""
    return "".join(part.capitalize() for part in event_type.split("_"))


@dataclass
class EventRoot:
    """What `Subscription.event` resolves to; event types read their fields from it."""

    type_name: str
    subject: Any
    issued_at: datetime = field(default_factory=timezone.now)
    version: str = field(default_factory=lambda: str(settings.SALEOR_VERSION))
    recipient: App | None = None
    issuing_principal: App | User | None = None  # None for events no one requested
    extra: dict[str, Any] = field(default_factory=dict)


def generate_payload(
    webhook: Webhook,
    event_type: str,
    subject: Any,
    *,
    issued_at: datetime | None = None,
    extra: dict[str, Any] | None = None,
    issuing_principal: App | User | None = None,
) -> dict[str, Any] | None:
    """The payload for one webhook, or None when its query selects nothing for the event."""
    from saleor_sandbox.graphql.api import schema

    root = EventRoot(
        type_name=event_type_name(event_type),
        subject=subject,
        issued_at=issued_at or timezone.now(),
        recipient=webhook.app,
        issuing_principal=issuing_principal,
        extra=extra or {},
    )
    # The recipient app's permissions decide what the payload may show, as in Saleor.
    context = SandboxContext(request=None, app=webhook.app, recipient=webhook.app)
    result = execute(
        schema.graphql_schema,
        parse(webhook.subscription_query),
        root_value=root,
        context_value=context,
    )
    assert isinstance(result, ExecutionResult)
    data = (result.data or {}).get("event")
    if data is None and not result.errors:
        return None
    payload: dict[str, Any] = dict(data or {})
    if result.errors:
        from saleor_sandbox.graphql.view import format_error

        payload["errors"] = [format_error(error) for error in result.errors]
    return payload


def serialize_payload(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, default=str).encode()


def requestor_of(context: Any) -> App | User | None:
    """Who asked for the change: the app or the user behind the request, if any."""
    if context is None:
        return None
    return getattr(context, "app", None) or getattr(context, "user", None)
