"""Payment sessions: paymentGatewayInitialize, transactionInitialize and
transactionProcess, with a payment app (signed sync webhooks) or the built-in test gateway."""

import uuid
from decimal import Decimal
from typing import Any

from saleor_sandbox.errors import (
    mutation_error,
)
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    App,
    Checkout,
    Order,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services import payment_gateways
from saleor_sandbox.services.checkout import fetch_checkout_info
from saleor_sandbox.services.orders_payments import (
    TransactionSnapshot,
    granted_refund_total,
)
from saleor_sandbox.services.payment_responses import (
    InvalidResponse,
    parse_session_response,
)
from saleor_sandbox.services.transactions import (
    FAILED_DELIVERY,
    ZERO,
    api_type,
    apply_change,
    db_type,
    deduplicated_event,
    failure_event,
    source_of,
)
from saleor_sandbox.webhooks.sync import send_sync_webhook


def _handle_session_response(
    request_event: TransactionEvent, app: App | None, response: Any, context: Any
) -> TransactionEvent:
    """Saleor's `create_transaction_event_for_transaction_session`."""
    transaction = request_event.transaction
    before = TransactionSnapshot.of(transaction)
    if response is None:
        return failure_event(request_event, FAILED_DELIVERY)
    try:
        parsed = parse_session_response(response, request_event.amount_value)
    except InvalidResponse as invalid:
        return failure_event(request_event, str(invalid))
    assert parsed.event is not None
    answer = parsed.event
    if answer.type in ("AUTHORIZATION_REQUEST", "CHARGE_REQUEST"):
        request_event.type = db_type(answer.type)
        request_event.amount_value = answer.amount
        request_event.psp_reference = answer.psp_reference or ""
        request_event.include_in_calculations = True
        request_event.app = app
        request_event.message = answer.message
        request_event.external_url = answer.external_url
        request_event.save()
        event = request_event
    else:
        created, error = deduplicated_event(transaction, answer, app)
        if created is None:
            return failure_event(request_event, error or "")
        event = created
        request_event.psp_reference = event.psp_reference
        request_event.save(update_fields=["psp_reference"])
    if event.type in (
        "authorization_request",
        "authorization_success",
        "charge_request",
        "charge_success",
    ):
        transaction.psp_reference = event.psp_reference
        if parsed.actions is not None:
            transaction.available_actions = sorted(set(parsed.actions))
        transaction.save(update_fields=["psp_reference", "available_actions", "modified_at"])
        apply_change(transaction, before, context)
    elif event.psp_reference and transaction.psp_reference != event.psp_reference:
        transaction.psp_reference = event.psp_reference
        transaction.save(update_fields=["psp_reference", "modified_at"])
    return event


def _session_extra(
    source: Checkout | Order,
    transaction: TransactionItem,
    action: str,
    amount: Decimal,
    data: Any,
    customer_ip_address: str | None,
    idempotency_key: str | None,
) -> dict[str, Any]:
    return {
        "source_object": source,
        "action": {"amount": amount, "currency": source.currency, "action_type": action},
        "data": data,
        "merchant_reference": to_global_id("TransactionItem", transaction.token),
        "customer_ip_address": customer_ip_address,
        "idempotency_key": idempotency_key or "",
    }


def default_amount(source: Checkout | Order) -> Decimal:
    """What is left to pay: the total less what is charged or authorized (pending too)."""
    if isinstance(source, Checkout):
        info = fetch_checkout_info(source)
        return max(info.totals.total - info.charged - info.authorized, ZERO)
    transactions = TransactionItem.objects.filter(order=source)
    covered = sum(
        (
            t.charged_value
            + t.charge_pending_value
            + t.authorized_value
            + t.authorize_pending_value
            for t in transactions
        ),
        ZERO,
    )
    return max(source.total_gross_amount - granted_refund_total(source) - covered, ZERO)


def _call_gateway(
    app: App | None, gateway_id: str, event_type: str, subject: Any, extra: dict[str, Any]
) -> Any:
    if payment_gateways.is_dummy_gateway(gateway_id):
        action = extra["action"]
        return payment_gateways.dummy_session_response(
            action["action_type"], action["amount"], extra.get("data")
        )
    assert app is not None
    return send_sync_webhook(app, event_type, subject, extra).data


def initialize_session(
    context: Any,
    source: Checkout | Order,
    gateway_id: str,
    gateway_data: Any,
    amount: Decimal | None,
    action: str,
    customer_ip_address: str | None,
    idempotency_key: str | None,
) -> tuple[TransactionItem, TransactionEvent, Any]:
    """Saleor's `handle_transaction_initialize_session`."""
    app = None
    if not payment_gateways.is_dummy_gateway(gateway_id):
        app = payment_gateways.payment_app(gateway_id)
        if app is None:
            raise mutation_error(
                "paymentGateway", "NOT_FOUND", "App with provided identifier not found."
            )
    if idempotency_key == "":
        raise mutation_error("idempotencyKey", "INVALID", "Cannot be provided as an empty string.")
    idempotency_key = idempotency_key or str(uuid.uuid4())
    amount = default_amount(source) if amount is None else amount
    owner = {"checkout": source} if isinstance(source, Checkout) else {"order": source}
    transaction = TransactionItem.objects.filter(idempotency_key=idempotency_key, **owner).first()
    request_type = "CHARGE_REQUEST" if action == "CHARGE" else "AUTHORIZATION_REQUEST"
    if transaction is None:
        if TransactionItem.objects.filter(idempotency_key=idempotency_key).exists():
            raise mutation_error(
                "idempotencyKey",
                "UNIQUE",
                "Different transaction with provided idempotency key already exists.",
            )
        transaction = TransactionItem.objects.create(
            currency=source.currency,
            app=app,
            app_identifier=gateway_id,
            idempotency_key=idempotency_key,
            available_actions=[],
            **owner,
        )
    request_event = transaction.events.filter(idempotency_key=idempotency_key).first()
    if request_event is None:
        request_event = TransactionEvent.objects.create(
            transaction=transaction,
            type=db_type(request_type),
            amount_value=amount,
            currency=transaction.currency,
            idempotency_key=idempotency_key,
            include_in_calculations=False,
        )
    elif request_event.amount_value != amount or api_type(request_event.type) not in (
        request_type,
        *[t for t in ("CHARGE_REQUEST", "AUTHORIZATION_REQUEST")],
    ):
        raise mutation_error(
            "idempotencyKey",
            "UNIQUE",
            "Different transaction with provided idempotency key already exists.",
        )
    else:
        # The same call again: Saleor answers with the state it already has.
        last = transaction.events.order_by("-created_at", "-pk").first() or request_event
        return transaction, last, None
    extra = _session_extra(
        source, transaction, action, amount, gateway_data, customer_ip_address, idempotency_key
    )
    response = _call_gateway(app, gateway_id, "TRANSACTION_INITIALIZE_SESSION", transaction, extra)
    event = _handle_session_response(request_event, app, response, context)
    transaction.refresh_from_db()
    data = response.get("data") if isinstance(response, dict) else None
    return transaction, event, data


def process_session(
    context: Any, transaction: TransactionItem, data: Any, customer_ip_address: str | None
) -> tuple[TransactionItem, TransactionEvent, Any]:
    """Saleor's `transactionProcess`: needs a request event still waiting for an answer."""
    source = source_of(transaction)
    if source is None:
        raise mutation_error("id", "NOT_FOUND", "Transaction has no checkout or order.")
    final = {
        "authorization_failure",
        "authorization_success",
        "authorization_request",
        "charge_failure",
        "charge_success",
        "charge_request",
    }
    processed = transaction.events.filter(type__in=final, include_in_calculations=True)
    request_event = (
        transaction.events.filter(type__in=("charge_request", "authorization_request"))
        .order_by("created_at", "pk")
        .first()
    )
    if processed.exists() and request_event is not None:
        last = processed.order_by("-created_at", "-pk").first()
        return transaction, last or request_event, None
    if request_event is None:
        raise mutation_error(
            "id", "INVALID", "Missing the initial request event for the transaction."
        )
    gateway_id = transaction.app_identifier
    app = None
    if not payment_gateways.is_dummy_gateway(gateway_id):
        app = transaction.app or payment_gateways.payment_app(gateway_id)
        if app is None:
            raise mutation_error(
                "id", "MISSING_PAYMENT_APP", "The transaction is not assigned to any payment app."
            )
    action = "CHARGE" if request_event.type == "charge_request" else "AUTHORIZATION"
    extra = _session_extra(
        source, transaction, action, request_event.amount_value, data, customer_ip_address, None
    )
    response = _call_gateway(app, gateway_id, "TRANSACTION_PROCESS_SESSION", transaction, extra)
    event = _handle_session_response(request_event, app, response, context)
    transaction.refresh_from_db()
    response_data = response.get("data") if isinstance(response, dict) else None
    return transaction, event, response_data
