"""Stripe calls of payments: PaymentIntents on the platform account and their refunds.

Every write carries an idempotency key derived from Saleor's ids (the transaction, the
*_REQUEST event, the order), so a session or request Saleor sends again (or a retried call)
never charges, captures, cancels or refunds twice."""

from typing import Any
from urllib.parse import urlencode, urlsplit

import stripe
from django.conf import settings

from storefront_plugins.payments.models import Flow, Payment
from storefront_plugins.stripe_gateway.client import stripe_client


def _dict(found: stripe.StripeObject) -> dict[str, Any]:
    return found.to_dict()


def create_intent(payment: Payment, metadata: dict[str, str]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "amount": payment.amount,
        "currency": payment.currency.lower(),
        "capture_method": "manual" if payment.flow == Flow.AUTHORIZATION else "automatic",
        "metadata": metadata,
        "description": f"Souk {payment.source_id}",
    }
    if payment.transfer_group:
        params["transfer_group"] = payment.transfer_group
    created = stripe_client().v1.payment_intents.create(
        params=params,  # type: ignore[arg-type]
        options={"idempotency_key": f"souk-{payment.saleor_transaction_id}-intent"},
    )
    return _dict(created)


def retrieve_intent(intent_id: str) -> dict[str, Any]:
    return _dict(stripe_client().v1.payment_intents.retrieve(intent_id))


def capture_intent(intent_id: str, amount: int, request_key: str) -> dict[str, Any]:
    captured = stripe_client().v1.payment_intents.capture(
        intent_id,
        params={"amount_to_capture": amount},
        options={"idempotency_key": f"souk-{request_key}-capture"},
    )
    return _dict(captured)


def cancel_intent(intent_id: str, request_key: str) -> dict[str, Any]:
    canceled = stripe_client().v1.payment_intents.cancel(
        intent_id,
        params={"cancellation_reason": "requested_by_customer"},
        options={"idempotency_key": f"souk-{request_key}-cancel"},
    )
    return _dict(canceled)


def refund_intent(
    intent_id: str, amount: int, request_key: str, metadata: dict[str, str]
) -> dict[str, Any]:
    refund = stripe_client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": amount, "metadata": metadata},
        options={"idempotency_key": f"souk-{request_key}-refund"},
    )
    return _dict(refund)


def set_transfer_group(intent_id: str, transfer_group: str) -> dict[str, Any]:
    """Group the PaymentIntent with the transfers payouts make for its order."""
    updated = stripe_client().v1.payment_intents.update(
        intent_id,
        params={"transfer_group": transfer_group},
        options={"idempotency_key": f"souk-{intent_id}-transfer-group-{transfer_group}"},
    )
    return _dict(updated)


def talks_to_stand_in() -> bool:
    """The App talks to the project's Stripe stand-in (STRIPE_API_BASE not Stripe's)."""
    base = settings.STRIPE_API_BASE.strip()
    host = urlsplit(base).hostname or ""
    return bool(base) and not (host == "stripe.com" or host.endswith(".stripe.com"))


def card_form_url(intent: dict[str, Any], return_url: str) -> str | None:
    """The stand-in's hosted test card form for an intent; None with real Stripe (the
    storefront then confirms with Stripe.js and the same return_url)."""
    if not talks_to_stand_in():
        return None
    query = {"client_secret": intent["client_secret"]}
    if return_url:
        query["return_url"] = return_url
    base = settings.STRIPE_API_BASE.rstrip("/")
    return f"{base}/card_form/{intent['id']}?{urlencode(query)}"
