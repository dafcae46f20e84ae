"""The App's answers to Saleor's payment webhooks (sync: Saleor waits for them).

PAYMENT_GATEWAY_INITIALIZE_SESSION gives the storefront the publishable key;
TRANSACTION_INITIALIZE_SESSION creates the transaction's PaymentIntent (automatic capture
for CHARGE, manual for AUTHORIZATION); TRANSACTION_PROCESS_SESSION reads it back after the
shopper confirmed; the *_REQUESTED events capture, refund or cancel it. Answers follow
Saleor's response schemas: result, amount, pspReference, message, actions and data."""

import logging
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

import stripe
from django.conf import settings

from storefront_plugins.payments import intents
from storefront_plugins.payments.documents import payments_documents
from storefront_plugins.payments.models import Flow, Payment
from storefront_plugins.payments.outcomes import SaleorOutcome, intent_outcome, refund_outcome
from storefront_plugins.payments.reports import mark_reported
from storefront_plugins.payouts.splits import UnknownCurrency, to_minor
from storefront_plugins.saleor_app.events import SyncWebhookEvent
from storefront_plugins.saleor_app.handlers import SyncWebhookMessage, sync_webhook_handler
from storefront_plugins.stripe_gateway.client import StripeUnavailable

logger = logging.getLogger(__name__)


class InvalidSession(Exception):
    """The request cannot be paid; the message is what Saleor records on the failure event."""


def _failure(result: str, amount: Any, message: str, psp_reference: str = "") -> dict[str, Any]:
    answer: dict[str, Any] = {"result": result, "amount": str(amount), "message": message}
    if psp_reference:
        answer["pspReference"] = psp_reference
    return answer


def _stripe_message(error: Exception) -> str:
    if isinstance(error, stripe.StripeError):
        return str(error.user_message or error) or "Stripe refused the request."
    return str(error)


def _minor(amount: Any, currency: str) -> int:
    try:
        value = to_minor(Decimal(str(amount)), currency)
    except (InvalidOperation, UnknownCurrency) as error:
        raise InvalidSession(f"Cannot pay {amount} {currency}: {error}") from error
    if value <= 0:
        raise InvalidSession("There is nothing to pay.")
    return value


def validate_return_url(data: Any) -> str:
    """The storefront's absolute http(s) returnUrl from the gateway data ("" when none)."""
    value = data.get("returnUrl") if isinstance(data, dict) else None
    if value in (None, ""):
        return ""
    split = urlsplit(str(value))
    if split.scheme not in ("http", "https") or not split.netloc:
        raise InvalidSession("returnUrl must be an absolute http(s) URL.")
    return str(value)


def request_key(transaction: dict[str, Any], request_type: str, amount: Any) -> str:
    """The id of the *_REQUEST event Saleor sent this request for (the newest of that type
    and amount): a redelivery of the same request has the same id, a new request a new one."""
    wanted = Decimal(str(amount))
    candidates = [
        event
        for event in transaction.get("events") or []
        if event.get("type") == request_type
        and Decimal(str((event.get("amount") or {}).get("amount", wanted))) == wanted
    ]
    if not candidates:
        return f"{transaction['id']}-{request_type}-{wanted}"
    newest = max(candidates, key=lambda event: (event.get("createdAt") or "", event["id"]))
    return str(newest["id"])


def payment_for(message: SyncWebhookMessage, transaction: dict[str, Any]) -> Payment | None:
    payments = Payment.objects.select_related("installation").filter(
        installation_id=message.installation_id
    )
    found = payments.filter(saleor_transaction_id=transaction["id"]).first()
    if found is None and transaction.get("pspReference"):
        found = payments.filter(payment_intent_id=transaction["pspReference"]).first()
    return found


def _answer(
    payment: Payment, outcome: SaleorOutcome, data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The answer, recorded as reported so Stripe's event about the same state is not
    reported again. (Saleor keeps one event per pspReference, type and amount, but it does
    not lock the transaction while it reads a session answer, so a report arriving at the same
    moment could be recorded beside it; a session answer Saleor lost is given again when the
    storefront calls transactionProcess again.)"""
    mark_reported(payment, outcome)
    answer = outcome.as_answer()
    if data is not None:
        answer["data"] = data
    return answer


# Sessions


def gateway_initialize(message: SyncWebhookMessage) -> dict[str, Any]:
    return {"data": {"publishableKey": settings.STRIPE_PUBLISHABLE_KEY}}


def initialize_session(message: SyncWebhookMessage) -> dict[str, Any]:
    payload = message.payload
    transaction, action = payload["transaction"], payload["action"]
    source = payload.get("sourceObject") or {}
    flow = Flow.AUTHORIZATION if action["actionType"] == "AUTHORIZATION" else Flow.CHARGE
    failure = f"{flow.value}_FAILURE"
    currency = str(action["currency"]).upper()
    try:
        amount = _minor(action["amount"], currency)
        return_url = validate_return_url(payload.get("data"))
    except InvalidSession as error:
        return _failure(failure, action["amount"], str(error))
    is_order = source.get("__typename") == "Order"
    payment, _created = Payment.objects.select_related("installation").get_or_create(
        installation_id=message.installation_id,
        saleor_transaction_id=transaction["id"],
        defaults={
            "flow": flow,
            "amount": amount,
            "currency": currency,
            "source_id": source.get("id", ""),
            "channel_slug": (source.get("channel") or {}).get("slug", ""),
            "saleor_order_id": source.get("id", "") if is_order else "",
            "transfer_group": source.get("id", "") if is_order else "",
        },
    )
    metadata = {
        "saleor_transaction_id": payment.saleor_transaction_id,
        "saleor_order_id" if is_order else "saleor_checkout_id": payment.source_id,
        "saleor_channel": payment.channel_slug,
    }
    try:
        intent = (
            intents.retrieve_intent(payment.payment_intent_id)
            if payment.payment_intent_id
            else intents.create_intent(payment, metadata)
        )
    except (stripe.StripeError, StripeUnavailable) as error:
        logger.warning("Could not create the PaymentIntent of %s: %s", payment, error)
        return _failure(failure, action["amount"], _stripe_message(error))
    if not payment.payment_intent_id:
        payment.payment_intent_id = intent["id"]
        payment.save(update_fields=["payment_intent_id", "updated_at"])
    data = {
        "paymentIntent": intent["id"],
        "clientSecret": intent["client_secret"],
        "publishableKey": settings.STRIPE_PUBLISHABLE_KEY,
    }
    form = intents.card_form_url(intent, return_url)
    if form:
        data["cardFormUrl"] = form
    return _answer(payment, intent_outcome(intent), data)


def process_session(message: SyncWebhookMessage) -> dict[str, Any]:
    payload = message.payload
    transaction, action = payload["transaction"], payload["action"]
    failure = f"{action['actionType']}_FAILURE"
    payment = payment_for(message, transaction)
    if payment is None or not payment.payment_intent_id:
        return _failure(failure, action["amount"], "Souk has no payment for this transaction.")
    try:
        intent = intents.retrieve_intent(payment.payment_intent_id)
    except (stripe.StripeError, StripeUnavailable) as error:
        return _failure(
            failure, action["amount"], _stripe_message(error), payment.payment_intent_id
        )
    data: dict[str, Any] = {"paymentIntent": intent["id"], "status": intent["status"]}
    last_error = intent.get("last_payment_error")
    if last_error and intent["status"] == "requires_payment_method":
        # for storefronts to say why in the shopper's language
        data["paymentError"] = {
            "code": last_error.get("code"),
            "declineCode": last_error.get("decline_code"),
            "message": last_error.get("message"),
        }
    return _answer(payment, intent_outcome(intent), data)


# Action requests


def charge_requested(message: SyncWebhookMessage) -> dict[str, Any]:
    return _act(message, "CHARGE")


def cancel_requested(message: SyncWebhookMessage) -> dict[str, Any]:
    return _act(message, "CANCEL")


def refund_requested(message: SyncWebhookMessage) -> dict[str, Any]:
    return _act(message, "REFUND")


def _act(message: SyncWebhookMessage, kind: str) -> dict[str, Any]:
    payload = message.payload
    transaction, action = payload["transaction"] or {}, payload["action"]
    failure = f"{kind}_FAILURE"
    payment = payment_for(message, transaction)
    if payment is None or not payment.payment_intent_id:
        return _failure(failure, action["amount"], "Souk has no payment for this transaction.")
    intent_id = payment.payment_intent_id
    try:
        amount = _minor(action["amount"], str(action["currency"]).upper())
    except InvalidSession as error:
        return _failure(failure, action["amount"], str(error), intent_id)
    key = request_key(transaction, f"{kind}_REQUEST", action["amount"])
    try:
        if kind == "CHARGE":
            outcome = intent_outcome(intents.capture_intent(intent_id, amount, key))
        elif kind == "CANCEL":
            outcome = intent_outcome(intents.cancel_intent(intent_id, key))
        else:
            metadata = {"saleor_transaction_id": payment.saleor_transaction_id}
            granted = payload.get("grantedRefund") or {}
            if granted.get("id"):
                metadata["saleor_granted_refund_id"] = granted["id"]
            refund = intents.refund_intent(intent_id, amount, key, metadata)
            found = refund_outcome(refund)
            if found is None:  # pending at Stripe: refund.updated reports it later
                return {"pspReference": refund["id"]}
            outcome = found
    except (stripe.StripeError, StripeUnavailable) as error:
        logger.warning("Stripe refused %s of %s: %s", kind, payment, error)
        return _failure(failure, action["amount"], _stripe_message(error), intent_id)
    if not outcome.result.startswith(kind):
        # e.g. the intent was already canceled or captured elsewhere: say so, as a failure
        return _failure(failure, action["amount"], f"The payment is {outcome.result}.", intent_id)
    return _answer(payment, outcome)


SYNC_HANDLERS = {
    SyncWebhookEvent.PAYMENT_GATEWAY_INITIALIZE_SESSION: gateway_initialize,
    SyncWebhookEvent.TRANSACTION_INITIALIZE_SESSION: initialize_session,
    SyncWebhookEvent.TRANSACTION_PROCESS_SESSION: process_session,
    SyncWebhookEvent.TRANSACTION_CHARGE_REQUESTED: charge_requested,
    SyncWebhookEvent.TRANSACTION_REFUND_REQUESTED: refund_requested,
    SyncWebhookEvent.TRANSACTION_CANCELATION_REQUESTED: cancel_requested,
}


def register_sync_webhooks() -> None:
    for event, handler in SYNC_HANDLERS.items():
        query = payments_documents.get(f"subscriptions/{event.subscription_name}")
        sync_webhook_handler(event, query)(handler)
