"""Action requests on a transaction (charge, refund, cancel), and refunds of granted refunds."""

from decimal import Decimal
from typing import Any

from saleor_sandbox.errors import (
    MutationError,
    MutationErrors,
    mutation_error,
)
from saleor_sandbox.models import (
    App,
    OrderEvent,
    OrderGrantedRefund,
    TransactionEvent,
    TransactionItem,
)
from saleor_sandbox.services import payment_gateways
from saleor_sandbox.services.orders_payments import (
    TransactionSnapshot,
    actor,
)
from saleor_sandbox.services.payment_responses import (
    InvalidResponse,
    ParsedResponse,
    parse_action_response,
)
from saleor_sandbox.services.transactions import (
    ACTION_EVENTS,
    FAILED_DELIVERY,
    api_type,
    apply_change,
    db_type,
    deduplicated_event,
    failure_event,
)
from saleor_sandbox.webhooks.sync import send_sync_webhook


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
        failure_event(request_event, FAILED_DELIVERY)
        apply_change(transaction, before, context)
        return
    try:
        parsed: ParsedResponse = parse_action_response(
            response, api_type(request_event.type), request_event.amount_value
        )
    except InvalidResponse as invalid:
        failure_event(request_event, str(invalid))
        apply_change(transaction, before, context)
        return
    if parsed.psp_reference is not None:
        request_event.psp_reference = parsed.psp_reference
        request_event.include_in_calculations = True
        request_event.save(update_fields=["psp_reference", "include_in_calculations"])
    if parsed.event is not None:
        _event, error = deduplicated_event(
            transaction, parsed.event, app, request_event.related_granted_refund
        )
        if error:
            failure_event(request_event, error)
    if parsed.actions is not None:
        transaction.available_actions = sorted(set(parsed.actions))
        transaction.save(update_fields=["available_actions", "modified_at"])
    apply_change(transaction, before, context)


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
