"""The Transactions API's writers: sessions with payment apps (or the built-in test
gateway), action requests, transactions created/updated/reported by apps. A transaction's
amounts are always recomputed from its events (services/transactions_amounts.py); then
the checkout's or the order's payment state follows."""

import uuid
from decimal import Decimal
from typing import Any

from saleor_sandbox.graphql.core.errors import (
    MutationError,
    MutationErrors,
    PermissionDenied,
    mutation_error,
)
from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import (
    App,
    Checkout,
    Order,
    OrderEvent,
    OrderGrantedRefund,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services import payment_gateways
from saleor_sandbox.services.checkout import fetch_checkout_info
from saleor_sandbox.services.orders_payments import (
    TransactionSnapshot,
    actor,
    granted_refund_total,
    order_transaction_updated,
)
from saleor_sandbox.services.payment_responses import (
    InvalidResponse,
    ParsedResponse,
    ResponseEvent,
    failure_type_for,
    parse_action_response,
    parse_session_response,
)
from saleor_sandbox.services.transactions_amounts import EventData, calculate_amounts
from saleor_sandbox.webhooks.sync import send_sync_webhook
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)
FAILED_DELIVERY = "Failed to delivery request."
ACTION_EVENTS = {
    "CHARGE": ("CHARGE_REQUEST", "TRANSACTION_CHARGE_REQUESTED"),
    "REFUND": ("REFUND_REQUEST", "TRANSACTION_REFUND_REQUESTED"),
    "CANCEL": ("CANCEL_REQUEST", "TRANSACTION_CANCELATION_REQUESTED"),
}


def db_type(type_name: str) -> str:
    return type_name.lower()


def api_type(stored: str) -> str:
    return stored.upper()


def source_of(transaction: TransactionItem) -> Checkout | Order | None:
    if transaction.order_id:
        return Order.objects.select_related("channel").get(pk=transaction.order_id)
    if transaction.checkout_id:
        return Checkout.objects.select_related("channel").get(pk=transaction.checkout_id)
    return None


def recalculate(transaction: TransactionItem) -> None:
    events = [
        EventData(api_type(e.type), e.amount_value, e.psp_reference, e.created_at)
        for e in transaction.events.filter(include_in_calculations=True)
    ]
    amounts = calculate_amounts(events)
    transaction.authorized_value = amounts.authorized
    transaction.authorize_pending_value = amounts.authorize_pending
    transaction.charged_value = amounts.charged
    transaction.charge_pending_value = amounts.charge_pending
    transaction.refunded_value = amounts.refunded
    transaction.refund_pending_value = amounts.refund_pending
    transaction.canceled_value = amounts.canceled
    transaction.cancel_pending_value = amounts.cancel_pending
    transaction.save()


def _checkout_charge_status(checkout: Checkout) -> str:
    return fetch_checkout_info(checkout).charge_status


def apply_change(transaction: TransactionItem, before: TransactionSnapshot, context: Any) -> None:
    """After new events: recompute the transaction, then its checkout's or order's state."""
    checkout = transaction.checkout if transaction.checkout_id else None
    was_fully_paid = checkout is not None and _checkout_charge_status(checkout) in (
        "FULL",
        "OVERCHARGED",
    )
    recalculate(transaction)
    if transaction.order_id:
        order = (
            Order.objects.select_related("channel")
            .select_for_update(of=("self",))
            .get(pk=transaction.order_id)
        )
        order_transaction_updated(order, transaction, before, context)
        _refresh_granted_refunds(order)
    elif checkout is not None:
        checkout.save(update_fields=["last_change", "updated_at"])
        if not was_fully_paid and _checkout_charge_status(checkout) in ("FULL", "OVERCHARGED"):
            trigger_async_event("CHECKOUT_FULLY_PAID", checkout, context)


def _refresh_granted_refunds(order: Order) -> None:
    """Saleor's `calculate_order_granted_refund_status`: from the last refund event of the
    granted refund's transaction related to it."""
    for granted in OrderGrantedRefund.objects.filter(order=order, transaction_item__isnull=False):
        last = (
            granted.transaction_events.filter(
                transaction_id=granted.transaction_item_id,
                type__in=("refund_request", "refund_success", "refund_reverse", "refund_failure"),
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is None:
            continue
        status = {
            "refund_success": OrderGrantedRefund.Status.SUCCESS,
            "refund_failure": OrderGrantedRefund.Status.FAILURE,
            "refund_request": OrderGrantedRefund.Status.PENDING,
        }.get(last.type, OrderGrantedRefund.Status.NONE)
        if status != granted.status:
            granted.status = status
            granted.save(update_fields=["status", "updated_at"])


def request_refund_for_granted_refund(
    context: Any, transaction: TransactionItem, granted: OrderGrantedRefund
) -> TransactionItem:
    """transactionRequestRefundForGrantedRefund, with Saleor's validations; the refund is
    for the granted amount (at most what the transaction has charged)."""
    code = "grantedRefundId"
    if granted.transaction_item_id is not None:
        if granted.status == OrderGrantedRefund.Status.PENDING:
            raise mutation_error(
                code, "REFUND_IS_PENDING", "The refund request is already in progress."
            )
        if granted.status == OrderGrantedRefund.Status.SUCCESS:
            raise mutation_error(
                code, "REFUND_ALREADY_PROCESSED", "The granted refund is already processed."
            )
        if transaction.charged_value < granted.amount_value:
            raise mutation_error(
                code,
                "AMOUNT_GREATER_THAN_AVAILABLE",
                f"The granted refund amount {granted.amount_value} is greater than available "
                f"charged amount on transactionItem ({transaction.charged_value}).Update the "
                "order granted refund amount to process the grant refund.",
            )
    else:
        if transaction.order_id != granted.order_id:
            raise MutationErrors(
                [
                    MutationError(
                        code,
                        "INVALID",
                        "The granted refund belongs to different order than transaction.",
                    ),
                    MutationError(
                        "id",
                        "INVALID",
                        "The transaction belongs to different order than granted refund.",
                    ),
                ]
            )
        granted.transaction_item = transaction
        granted.save(update_fields=["transaction_item", "updated_at"])
    amount = min(granted.amount_value or transaction.charged_value, transaction.charged_value)
    return request_action(context, transaction, "REFUND", amount, granted_refund=granted)


def _failure_event(request_event: TransactionEvent, cause: str) -> TransactionEvent:
    return TransactionEvent.objects.create(
        transaction=request_event.transaction,
        type=db_type(failure_type_for(api_type(request_event.type))),
        amount_value=request_event.amount_value,
        currency=request_event.currency,
        message=cause[:512],
        include_in_calculations=False,
        psp_reference=request_event.psp_reference,
        related_granted_refund=request_event.related_granted_refund,
    )


def _deduplicated_event(
    transaction: TransactionItem, response: ResponseEvent, app: App | None, granted: Any = None
) -> tuple[TransactionEvent | None, str | None]:
    """Saleor's `deduplicate_event`: same pspReference and type is the same event."""
    if response.type not in ("AUTHORIZATION_ACTION_REQUIRED", "CHARGE_ACTION_REQUIRED", "INFO"):
        existing = transaction.events.filter(
            psp_reference=response.psp_reference or "", type=db_type(response.type)
        ).first()
        if existing is not None:
            if existing.amount_value != response.amount:
                return None, (
                    "The transaction with provided `pspReference` and `type` already exists "
                    "with different amount."
                )
            return existing, None
    if (
        response.type == "AUTHORIZATION_SUCCESS"
        and transaction.events.filter(type="authorization_success").exists()
    ):
        return None, (
            "Event with `AUTHORIZATION_SUCCESS` already reported for the transaction. Use "
            "`AUTHORIZATION_ADJUSTMENT` to change the authorization amount."
        )
    event = TransactionEvent.objects.create(
        transaction=transaction,
        type=db_type(response.type),
        amount_value=response.amount,
        currency=transaction.currency,
        psp_reference=response.psp_reference or "",
        message=response.message,
        external_url=response.external_url,
        include_in_calculations=True,
        app=app,
        related_granted_refund=granted,
    )
    return event, None


def _handle_session_response(
    request_event: TransactionEvent, app: App | None, response: Any, context: Any
) -> TransactionEvent:
    """Saleor's `create_transaction_event_for_transaction_session`."""
    transaction = request_event.transaction
    before = TransactionSnapshot.of(transaction)
    if response is None:
        return _failure_event(request_event, FAILED_DELIVERY)
    try:
        parsed = parse_session_response(response, request_event.amount_value)
    except InvalidResponse as invalid:
        return _failure_event(request_event, str(invalid))
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
        created, error = _deduplicated_event(transaction, answer, app)
        if created is None:
            return _failure_event(request_event, error or "")
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


def _action_webhook_app(transaction: TransactionItem, event_type: str) -> App | None:
    app = transaction.app or (
        payment_gateways.payment_app(transaction.app_identifier)
        if transaction.app_identifier
        else None
    )
    if app is None:
        return None
    from saleor_sandbox.webhooks.sync import sync_webhook_for

    return app if sync_webhook_for(app, event_type) is not None else None


def request_action(
    context: Any,
    transaction: TransactionItem,
    action: str,
    amount: Decimal | None,
    granted_refund: OrderGrantedRefund | None = None,
) -> TransactionItem:
    """transactionRequestAction: a *_REQUEST event, then the app's answer (Saleor sends the
    request from a Celery task; the sandbox calls the app inline)."""
    request_type, event_type = ACTION_EVENTS[action]
    if amount is None:
        amount = transaction.charged_value if action == "REFUND" else transaction.authorized_value
    dummy = payment_gateways.is_dummy_gateway(transaction.app_identifier)
    app = None if dummy else _action_webhook_app(transaction, event_type)
    if not dummy and app is None:
        raise mutation_error(
            "id",
            "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
            "No app or plugin is configured to handle payment action requests.",
        )
    before = TransactionSnapshot.of(transaction)
    request_event = TransactionEvent.objects.create(
        transaction=transaction,
        type=db_type(request_type),
        amount_value=amount,
        currency=transaction.currency,
        include_in_calculations=False,
        user=context.user if context.app is None else None,
        app=context.app,
        related_granted_refund=granted_refund,
    )
    if transaction.order_id:
        OrderEvent.objects.create(
            order_id=transaction.order_id,
            type=f"TRANSACTION_{action if action != 'CANCEL' else 'CANCEL'}_REQUESTED",
            parameters={"amount": str(amount), "reference": transaction.psp_reference},
            **actor(context),
        )
    if dummy:
        response = payment_gateways.dummy_action_response(
            request_type, amount, transaction.psp_reference
        )
    else:
        assert app is not None
        extra = {
            "action": {"action_type": action, "amount": amount, "currency": transaction.currency},
            "granted_refund": granted_refund,
        }
        response = send_sync_webhook(app, event_type, transaction, extra).data
    _handle_action_response(request_event, app, response, before, context)
    transaction.refresh_from_db()
    return transaction


def _handle_action_response(
    request_event: TransactionEvent,
    app: App | None,
    response: Any,
    before: TransactionSnapshot,
    context: Any,
) -> None:
    """Saleor's `create_transaction_event_from_request_and_webhook_response`."""
    transaction = request_event.transaction
    if response is None:
        _failure_event(request_event, FAILED_DELIVERY)
        apply_change(transaction, before, context)
        return
    try:
        parsed: ParsedResponse = parse_action_response(
            response, api_type(request_event.type), request_event.amount_value
        )
    except InvalidResponse as invalid:
        _failure_event(request_event, str(invalid))
        apply_change(transaction, before, context)
        return
    if parsed.psp_reference is not None:
        request_event.psp_reference = parsed.psp_reference
        request_event.include_in_calculations = True
        request_event.save(update_fields=["psp_reference", "include_in_calculations"])
    if parsed.event is not None:
        _event, error = _deduplicated_event(
            transaction, parsed.event, app, request_event.related_granted_refund
        )
        if error:
            _failure_event(request_event, error)
    if parsed.actions is not None:
        transaction.available_actions = sorted(set(parsed.actions))
        transaction.save(update_fields=["available_actions", "modified_at"])
    apply_change(transaction, before, context)


# Created, updated and reported by apps (or staff with HANDLE_PAYMENTS) -----------------

MONEY_FIELDS = {
    "amount_authorized": ("authorized_value", "AUTHORIZATION_SUCCESS"),
    "amount_charged": ("charged_value", "CHARGE_SUCCESS"),
    "amount_refunded": ("refunded_value", "REFUND_SUCCESS"),
    "amount_canceled": ("canceled_value", "CANCEL_SUCCESS"),
}


def _validate_money(data: dict[str, Any], currency: str) -> dict[str, Decimal]:
    amounts = {}
    for name in MONEY_FIELDS:
        money = data.get(name)
        if money is None:
            continue
        if money["currency"] != currency:
            raise mutation_error(
                name[0:6] + name[7].upper() + name[8:],
                "INCORRECT_CURRENCY",
                "Currency needs to be the same as for order/checkout.",
            )
        amounts[name] = Decimal(money["amount"])
    return amounts


def _manual_events(transaction: TransactionItem, amounts: dict[str, Decimal], context: Any) -> None:
    """Saleor's `create_manual_adjustment_events`: events without pspReference carrying
    the difference to the given amounts."""
    who = {"user": context.user if context.app is None else None, "app": context.app}
    for name, (field_name, event_type) in MONEY_FIELDS.items():
        if name not in amounts:
            continue
        current = getattr(transaction, field_name)
        if (
            name == "amount_authorized"
            and transaction.events.filter(type="authorization_success").exists()
        ):
            event_type, current = "AUTHORIZATION_ADJUSTMENT", ZERO
        if amounts[name] == getattr(transaction, field_name):
            continue
        TransactionEvent.objects.create(
            transaction=transaction,
            type=db_type(event_type),
            amount_value=amounts[name] - current,
            currency=transaction.currency,
            include_in_calculations=True,
            message="Manual adjustment of the transaction.",
            **who,
        )


def _apply_fields(transaction: TransactionItem, data: dict[str, Any]) -> None:
    for name in ("name", "message", "psp_reference", "external_url"):
        if data.get(name) is not None:
            setattr(transaction, name, data[name])
    if data.get("available_actions") is not None:
        transaction.available_actions = sorted(
            {getattr(a, "value", a).lower() for a in data["available_actions"]}
        )
    for name, target in (("metadata", "metadata"), ("private_metadata", "private_metadata")):
        if data.get(name):
            values = dict(getattr(transaction, target) or {})
            values.update({item.key: item.value for item in data[name]})
            setattr(transaction, target, values)


def _info_event(
    transaction: TransactionItem, event_input: dict[str, Any] | None, context: Any
) -> None:
    if not event_input:
        return
    TransactionEvent.objects.create(
        transaction=transaction,
        type="info",
        amount_value=ZERO,
        currency=transaction.currency,
        psp_reference=event_input.get("psp_reference") or "",
        message=event_input.get("message") or "",
        include_in_calculations=False,
        user=context.user if context.app is None else None,
        app=context.app,
    )


def _check_owner(context: Any, transaction: TransactionItem) -> None:
    """Apps change only their own transactions (as Saleor)."""
    app = context.app
    if (
        app is not None
        and transaction.app_id not in (None, app.pk)
        and transaction.app_identifier != app.identifier
    ):
        raise PermissionDenied(["HANDLE_PAYMENTS"])


def create_transaction(
    context: Any, source: Checkout | Order, data: dict[str, Any], event_input: dict[str, Any] | None
) -> TransactionItem:
    amounts = _validate_money(data, source.currency)
    owner = {"checkout": source} if isinstance(source, Checkout) else {"order": source}
    transaction = TransactionItem(
        currency=source.currency,
        app=context.app,
        app_identifier=context.app.identifier if context.app else "",
        user=context.user if context.app is None else None,
        **owner,
    )
    _apply_fields(transaction, data)
    transaction.save()
    before = TransactionSnapshot.of(transaction)
    _manual_events(transaction, amounts, context)
    _info_event(transaction, event_input, context)
    apply_change(transaction, before, context)
    return transaction


def update_transaction(
    context: Any,
    transaction: TransactionItem,
    data: dict[str, Any],
    event_input: dict[str, Any] | None,
) -> TransactionItem:
    _check_owner(context, transaction)
    amounts = _validate_money(data, transaction.currency)
    before = TransactionSnapshot.of(transaction)
    _apply_fields(transaction, data)
    transaction.save()
    _manual_events(transaction, amounts, context)
    _info_event(transaction, event_input, context)
    apply_change(transaction, before, context)
    return transaction


def _deduced_amount(transaction: TransactionItem, event_type: str, psp_reference: str) -> Decimal:
    """Saleor's `get_transaction_event_amount`."""
    if event_type == "INFO":
        return ZERO
    lookup = {
        "AUTHORIZATION_FAILURE": ("authorization_success", "authorization_request"),
        "CHARGE_FAILURE": ("charge_success", "charge_request"),
        "REFUND_FAILURE": ("refund_success", "refund_request"),
        "CANCEL_FAILURE": ("cancel_success", "cancel_request"),
        "REFUND_REVERSE": ("refund_success",),
        "CHARGE_BACK": ("charge_success",),
    }.get(event_type)
    if lookup:
        event = (
            transaction.events.filter(psp_reference=psp_reference, type__in=lookup)
            .order_by("-created_at")
            .first()
        )
        if event is not None:
            return event.amount_value
    raise mutation_error(
        "amount",
        "REQUIRED",
        "The `amount` field is required for this event type.",
    )


def report_event(
    context: Any,
    transaction: TransactionItem,
    *,
    event_type: str,
    psp_reference: str,
    amount: Decimal | None,
    message: str | None,
    external_url: str | None,
    available_actions: list[str] | None,
) -> tuple[bool, TransactionEvent]:
    """transactionEventReport: (already processed, the event). Idempotent by
    pspReference + type + amount, as Saleor."""
    _check_owner(context, transaction)
    if amount is None:
        amount = _deduced_amount(transaction, event_type, psp_reference)
    existing = transaction.events.filter(
        psp_reference=psp_reference, type=db_type(event_type)
    ).first()
    if existing is not None and event_type not in (
        "AUTHORIZATION_ACTION_REQUIRED",
        "CHARGE_ACTION_REQUIRED",
        "INFO",
    ):
        if existing.amount_value != amount:
            raise mutation_error(
                "pspReference",
                "INCORRECT_DETAILS",
                "The transaction with provided `pspReference` and `type` already exists with different amount.",
            )
        return True, existing
    if (
        event_type == "AUTHORIZATION_SUCCESS"
        and transaction.events.filter(type="authorization_success").exists()
    ):
        raise mutation_error(
            "type",
            "ALREADY_EXISTS",
            "Event with `AUTHORIZATION_SUCCESS` already reported for the transaction. Use `AUTHORIZATION_ADJUSTMENT` to change the authorization amount.",
        )
    before = TransactionSnapshot.of(transaction)
    granted = (
        transaction.events.filter(psp_reference=psp_reference, related_granted_refund__isnull=False)
        .values_list("related_granted_refund", flat=True)
        .first()
    )
    event = TransactionEvent.objects.create(
        transaction=transaction,
        type=db_type(event_type),
        amount_value=amount,
        currency=transaction.currency,
        psp_reference=psp_reference,
        message=message or "",
        external_url=external_url or "",
        include_in_calculations=event_type != "INFO",
        app=context.app,
        user=context.user if context.app is None else None,
        related_granted_refund_id=granted,
    )
    if available_actions is not None:
        transaction.available_actions = sorted({a.lower() for a in available_actions})
    if event_type in (
        "AUTHORIZATION_SUCCESS",
        "CHARGE_SUCCESS",
        "AUTHORIZATION_REQUEST",
        "CHARGE_REQUEST",
    ):
        transaction.psp_reference = transaction.psp_reference or psp_reference
    transaction.save()
    if transaction.order_id:
        OrderEvent.objects.create(
            order_id=transaction.order_id,
            type="TRANSACTION_EVENT",
            parameters={"message": message or "", "reference": psp_reference, "status": event_type},
            **actor(context),
        )
    apply_change(transaction, before, context)
    return False, event
