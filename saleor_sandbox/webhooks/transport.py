"""Sending one webhook delivery over HTTP as Saleor does, and recording the attempt."""

import hashlib
import hmac
import time

import requests
from django.conf import settings

from saleor_sandbox import http, keys
from saleor_sandbox.models import EventDelivery, EventDeliveryAttempt, Webhook


def signature_for_payload(body: bytes, secret_key: str) -> str:
    """A JWS by the sandbox's key, or a hex HMAC for legacy webhooks with a secret."""
    if not secret_key:
        return keys.sign_webhook_body(body)
    return hmac.new(secret_key.encode(), body, hashlib.sha256).hexdigest()


def webhook_headers(webhook: Webhook, event_type: str, body: bytes) -> dict[str, str]:
    signature = signature_for_payload(body, webhook.secret_key)
    domain = http.saleor_domain()
    headers = {
        "Content-Type": "application/json",
        "X-Saleor-Event": event_type,
        "X-Saleor-Domain": domain,
        "X-Saleor-Signature": signature,
        "Saleor-Event": event_type,
        "Saleor-Domain": domain,
        "Saleor-Signature": signature,
        "Saleor-Api-Url": http.saleor_api_url(),
    }
    headers.update(webhook.custom_headers or {})
    return headers


def is_retryable(status_code: int | None) -> bool:
    """Saleor retries network errors, timeouts and 5xx; never 3xx or 4xx."""
    return status_code is None or status_code >= 500


def attempt_delivery(delivery: EventDelivery) -> EventDeliveryAttempt:
    webhook = delivery.webhook
    body = delivery.payload.encode()
    headers = webhook_headers(webhook, delivery.event_type, body)
    started = time.monotonic()
    status_code: int | None = None
    response_text = ""
    response_headers: dict[str, str] = {}
    try:
        response = http.send_request(
            "POST", webhook.target_url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT
        )
        status_code = response.status_code
        response_text = response.text[:10_000]
        response_headers = dict(response.headers)
    except requests.RequestException as error:
        response_text = f"{type(error).__name__}: {error}"[:10_000]
    succeeded = status_code is not None and 200 <= status_code < 300
    return EventDeliveryAttempt.objects.create(
        delivery=delivery,
        status=EventDeliveryAttempt.Status.SUCCESS
        if succeeded
        else EventDeliveryAttempt.Status.FAILED,
        duration=time.monotonic() - started,
        request_headers={k: v for k, v in headers.items() if "signature" not in k.lower()},
        response=response_text,
        response_headers=response_headers,
        response_status_code=status_code,
    )
