"""Synchronous webhooks (payment sessions, transaction action requests), as Saleor's
`webhook/transport/synchronous`: the payload from the app's subscription query, a JWS
signature, the same headers as async deliveries, one attempt inline with
WEBHOOK_TIMEOUT, no retry. Each call is recorded as an EventDelivery with one attempt.

The result is the response's JSON when the app answered 2xx with JSON, None otherwise
(Saleor then records a failure event: "Failed to delivery request.").
"""

import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import requests
from django.conf import settings

from saleor_sandbox import keys
from saleor_sandbox.models import App, EventDelivery, EventDeliveryAttempt, Webhook
from saleor_sandbox.webhooks.payloads import generate_payload, serialize_payload

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResponse:
    delivered: bool
    data: Any  # parsed JSON, or None


def sync_webhook_for(app: App, event_type: str) -> Webhook | None:
    return (
        Webhook.objects.filter(app=app, is_active=True, sync_events__contains=[event_type])
        .order_by("pk")
        .first()
    )


def apps_with_sync_event(event_type: str) -> list[App]:
    return list(
        App.objects.filter(
            is_active=True,
            removed_at__isnull=True,
            permissions__contains=["HANDLE_PAYMENTS"],
            webhooks__is_active=True,
            webhooks__sync_events__contains=[event_type],
        )
        .distinct()
        .order_by("pk")
    )


def request_headers(event_type: str, signature: str) -> dict[str, str]:
    domain = urlparse(settings.PUBLIC_URL).netloc
    return {
        "Content-Type": "application/json",
        "X-Saleor-Event": event_type.lower(),
        "X-Saleor-Domain": domain,
        "X-Saleor-Signature": signature,
        "Saleor-Event": event_type.lower(),
        "Saleor-Domain": domain,
        "Saleor-Signature": signature,
        "Saleor-Api-Url": settings.PUBLIC_URL + "/graphql/",
        "User-Agent": f"Saleor/{settings.SCHEMA_VERSION}",
    }


def send_sync_webhook(
    app: App, event_type: str, subject: Any, extra: dict[str, Any] | None = None
) -> SyncResponse:
    """Calls the app's webhook for `event_type`; no webhook means no call (None)."""
    webhook = sync_webhook_for(app, event_type)
    if webhook is None or not app.is_active or "HANDLE_PAYMENTS" not in app.permissions:
        return SyncResponse(delivered=False, data=None)
    payload = generate_payload(webhook, event_type, subject, extra=extra)
    if payload is None:
        return SyncResponse(delivered=False, data=None)
    body = serialize_payload(payload)
    headers = request_headers(event_type, keys.sign_webhook_body(body))
    headers.update(webhook.custom_headers or {})
    delivery = EventDelivery.objects.create(
        webhook=webhook, event_type=event_type.lower(), payload=body.decode()
    )
    started = time.monotonic()
    attempt = EventDeliveryAttempt(delivery=delivery, request_headers=headers)
    data = None
    try:
        response = requests.post(
            webhook.target_url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        attempt.status = EventDeliveryAttempt.Status.FAILED
        attempt.response = str(error)[:1024]
        logger.warning("Sync webhook %s to %s failed: %s", event_type, webhook.target_url, error)
    else:
        attempt.response = response.text[:10240]
        attempt.response_headers = dict(response.headers)
        attempt.response_status_code = response.status_code
        ok = 200 <= response.status_code < 300
        if ok:
            try:
                data = response.json()
            except ValueError:
                ok = False
        attempt.status = (
            EventDeliveryAttempt.Status.SUCCESS if ok else EventDeliveryAttempt.Status.FAILED
        )
    attempt.duration = time.monotonic() - started
    attempt.save()
    delivery.status = (
        EventDelivery.Status.SUCCESS
        if attempt.status == EventDeliveryAttempt.Status.SUCCESS
        else EventDelivery.Status.FAILED
    )
    delivery.save(update_fields=["status"])
    succeeded = delivery.status == EventDelivery.Status.SUCCESS
    return SyncResponse(delivered=succeeded, data=data if succeeded else None)


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
