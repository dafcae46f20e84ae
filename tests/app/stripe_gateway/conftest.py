import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from storefront_plugins.stripe_gateway.handlers import (
    StripeEventMessage,
    stripe_event_handler,
    unregister_stripe_event_handler,
)

SECRET = "whsec_test_souk_secret"
ACCOUNT_ID = "acct_1SoukTest0000001"


def sign(body: bytes, secret: str = SECRET, timestamp: int | None = None) -> str:
    """`Stripe-Signature` as Stripe computes it: HMAC-SHA256 of "<timestamp>.<payload>"."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def account_object(
    account_id: str = ACCOUNT_ID,
    *,
    transfers: str = "inactive",
    submitted: bool = False,
    due: tuple[str, ...] = ("external_account", "individual.first_name"),
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "id": account_id,
        "object": "account",
        "charges_enabled": submitted,
        "payouts_enabled": submitted,
        "details_submitted": submitted,
        "capabilities": {"transfers": transfers},
        "requirements": {"currently_due": list(due)},
        "metadata": metadata or {},
    }


def event_body(
    event_id: str,
    obj: dict[str, Any],
    *,
    created: int = 1_790_000_000,
    event_type: str = "account.updated",
    account: str | None = ACCOUNT_ID,
) -> bytes:
    event: dict[str, Any] = {
        "id": event_id,
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }
    if account:
        event["account"] = account
    return json.dumps(event, indent=2).encode()


def deliver(client: Client, body: bytes, signature: str | None = "sign") -> Any:
    headers = {}
    if signature == "sign":
        headers["Stripe-Signature"] = sign(body)
    elif signature is not None:
        headers["Stripe-Signature"] = signature
    return client.post(
        "/api/stripe/webhooks", data=body, content_type="application/json", headers=headers
    )


@pytest.fixture
def webhook_secret(settings: Any) -> str:
    settings.STRIPE_WEBHOOK_SECRETS = [SECRET]
    return SECRET


@pytest.fixture
def recorded_events() -> Iterator[list[StripeEventMessage]]:
    """A handler of `charge.refunded` that records what it is given."""
    seen: list[StripeEventMessage] = []

    def record(message: StripeEventMessage) -> None:
        seen.append(message)

    stripe_event_handler("charge.refunded")(record)
    yield seen
    unregister_stripe_event_handler("charge.refunded", record)
