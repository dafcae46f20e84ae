"""Transactions that apps create, update and report events on (HANDLE_PAYMENTS)."""

from decimal import Decimal
from typing import Any

from saleor_sandbox.errors import (
    PermissionDenied,
    mutation_error,
)
from saleor_sandbox.models import (
    Checkout,
    Order,
    OrderEvent,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services.orders_payments import (
    TransactionSnapshot,
    actor,
)
from saleor_sandbox.services.transactions import ZERO, apply_change, db_type

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
