"""Registering the App's webhook endpoints on the configured Stripe API.

`set_up_webhook_endpoints(public_url)` makes sure Stripe sends the event types the App
handles (the registry's) to `<public_url>/api/stripe/webhooks`: one endpoint for the
platform's events and one `connect` endpoint for the connected accounts' events, each
marked with `metadata[souk_scope]`. An endpoint registered before is reused when Stripe
still has it with those events; otherwise it is replaced (an endpoint whose secret Souk does
not hold is deleted, as its deliveries could never be verified). The signing secrets are
kept in `WebhookEndpoint`; `STRIPE_WEBHOOK_SECRET(S)` from the environment take precedence.
"""

from dataclasses import dataclass
from typing import Any

import stripe
from django.db import transaction
from django.urls import reverse

from storefront_plugins.stripe_gateway.client import (
    StripeUnavailable,
    stripe_api_base,
    stripe_client,
)
from storefront_plugins.stripe_gateway.handlers import handled_event_types
from storefront_plugins.stripe_gateway.models import Scope, WebhookEndpoint


@dataclass(frozen=True)
class EndpointSetup:
    scope: str
    stripe_endpoint_id: str
    url: str
    enabled_events: tuple[str, ...]
    created: bool


def webhook_url(public_url: str) -> str:
    return public_url.rstrip("/") + reverse("stripe-webhooks")


def reusable(remote: dict[str, Any], url: str, events: list[str]) -> bool:
    """Pure: a registered endpoint still delivers every wanted event type to this URL."""
    enabled = set(remote.get("enabled_events") or ())
    return (
        remote.get("url") == url
        and remote.get("status") == "enabled"
        and ("*" in enabled or set(events) <= enabled)
    )


def set_up_webhook_endpoints(public_url: str) -> list[EndpointSetup]:
    url = webhook_url(public_url)
    events = handled_event_types()
    api_base = stripe_api_base()
    client = stripe_client()
    try:
        remote = [
            endpoint.to_dict()
            for endpoint in client.v1.webhook_endpoints.list(
                params={"limit": 100}
            ).auto_paging_iter()
        ]
        return [
            _set_up(client, api_base, scope, url, events, remote)
            for scope in (Scope.PLATFORM, Scope.CONNECT)
        ]
    except stripe.StripeError as error:
        raise StripeUnavailable(f"Could not register the webhook endpoints: {error}") from error


def _set_up(
    client: stripe.StripeClient,
    api_base: str,
    scope: Scope,
    url: str,
    events: list[str],
    remote: list[dict[str, Any]],
) -> EndpointSetup:
    kept = WebhookEndpoint.objects.filter(api_base=api_base, scope=scope).first()
    ours = [e for e in remote if (e.get("metadata") or {}).get("souk_scope") == scope.value]
    if kept is not None:
        current = next((e for e in ours if e["id"] == kept.stripe_endpoint_id), None)
        if current is not None and reusable(current, url, events):
            return EndpointSetup(
                scope, kept.stripe_endpoint_id, url, tuple(current["enabled_events"]), False
            )
    for stale in ours:
        if stale.get("url") == url or (kept and stale["id"] == kept.stripe_endpoint_id):
            client.v1.webhook_endpoints.delete(stale["id"])
    created = client.v1.webhook_endpoints.create(
        params={
            "url": url,
            "enabled_events": events,  # type: ignore[typeddict-item]
            "connect": scope == Scope.CONNECT,
            "api_version": stripe.api_version,  # type: ignore[typeddict-item]
            "description": f"Souk ({scope.value} events)",
            "metadata": {"souk_scope": scope.value},
        }
    )
    if not created.secret:
        raise StripeUnavailable(f"Stripe did not show the secret of endpoint {created.id}.")
    with transaction.atomic():
        WebhookEndpoint.objects.filter(api_base=api_base, scope=scope).delete()
        WebhookEndpoint.objects.create(
            api_base=api_base,
            scope=scope,
            stripe_endpoint_id=created.id,
            url=url,
            enabled_events=list(events),
            secret=created.secret,
        )
    return EndpointSetup(scope, created.id, url, tuple(events), True)
