"""Granted refunds and the shop's refund settings, as Saleor 3.23's
`orderGrantRefundCreate` (`graphql/order/mutations/order_grant_refund_*.py`) and
`refundSettingsUpdate`. A granted refund lowers what the order owes; refunding it goes
through transactionRequestRefundForGrantedRefund."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from saleor_sandbox.errors import (
    GraphQLError,
    MutationError,
    MutationErrors,
    mutation_error,
)
from saleor_sandbox.global_ids import from_global_id, to_global_id
from saleor_sandbox.models import (
    Order,
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderLine,
    Page,
    PageType,
    RefundSettings,
    TransactionItem,
)
from saleor_sandbox.services.orders_payments import actor, refresh_order_amounts

ZERO = Decimal(0)


def node_pk(global_id: str, type_name: str, field: str) -> str:
    """A global id's pk; a malformed id or one of another type is a GRAPHQL_ERROR on
    `field`, as Saleor's `get_node_or_error` inside mutations."""
    try:
        return from_global_id(global_id, type_name)[1]
    except GraphQLError as error:
        raise mutation_error(field, "GRAPHQL_ERROR", str(error)) from error


# Refund settings ------------------------------------------------------------------------


def update_refund_settings(reason_reference_type_id: str | None) -> RefundSettings:
    if not reason_reference_type_id:
        raise mutation_error("refundReasonReferenceType", "REQUIRED", "This field is required.")
    pk = node_pk(reason_reference_type_id, "PageType", "refundReasonReferenceType")
    page_type = PageType.objects.filter(pk=pk if pk.isdigit() else 0).first()
    if page_type is None:
        raise mutation_error(
            "refundReasonReferenceType",
            "NOT_FOUND",
            f"Couldn't resolve to a node: {reason_reference_type_id}",
        )
    settings = RefundSettings.load()
    settings.reason_reference_type = page_type
    settings.save(update_fields=["reason_reference_type"])
    return settings


def _reason_reference(
    reason_reference_id: str | None, reference_type: PageType | None, requestor_is_user: bool
) -> Page | None:
    """Saleor's `validate_reason_reference_context` then `resolve_reason_reference_page`:
    required from staff users when a reference type is configured, refused when not."""
    if reference_type is None and reason_reference_id:
        raise mutation_error(
            "reasonReference", "INVALID", "Reason reference type is not configured."
        )
    if reference_type is not None and reason_reference_id is None and requestor_is_user:
        raise mutation_error(
            "reasonReference",
            "REQUIRED",
            "Reason reference is required when reason reference type is configured.",
        )
    if reason_reference_id is None or reference_type is None:
        return None
    pk = node_pk(reason_reference_id, "Page", "reasonReference")
    page = Page.objects.filter(pk=pk if pk.isdigit() else 0, page_type=reference_type).first()
    if page is None:
        raise mutation_error(
            "reasonReference",
            "INVALID",
            "Invalid reason reference. Must be an ID of a Model (Page)",
        )
    return page


# Grant refunds --------------------------------------------------------------------------


@dataclass
class GrantRefundInput:
    amount: Decimal | None
    reason: str
    reason_reference_id: str | None
    lines: list[dict[str, Any]]
    grant_refund_for_shipping: bool
    transaction_id: str | None


def _line_error(line_id: str, field: str, message: str, code: str) -> dict[str, str]:
    return {"line_id": line_id, "field": field, "message": message, "code": code}


def _line_reason_references(
    lines: list[dict[str, Any]], reference_type: PageType | None, errors: list[dict[str, str]]
) -> dict[str, int]:
    """Saleor's `validate_reason_references`: {reason reference global id: page pk}."""
    given = [
        (line["id"], line["reason_reference"]) for line in lines if line.get("reason_reference")
    ]
    if not given:
        return {}
    if reference_type is None:
        for line_id, _reference in given:
            errors.append(
                _line_error(
                    line_id,
                    "reason_reference",
                    "Reason reference type is not configured.",
                    "NOT_CONFIGURED",
                )
            )
        return {}
    pks: dict[str, int] = {}
    for line_id, reference in given:
        try:
            _type, pk = from_global_id(reference, "Page")
            pks[reference] = int(pk)
        except (GraphQLError, ValueError) as error:
            errors.append(_line_error(line_id, "reason_reference", str(error), "GRAPHQL_ERROR"))
    if errors:
        return {}
    existing = set(
        Page.objects.filter(pk__in=pks.values(), page_type=reference_type).values_list(
            "pk", flat=True
        )
    )
    for line_id, reference in given:
        if pks[reference] not in existing:
            errors.append(
                _line_error(line_id, "reason_reference", "Invalid reason reference.", "INVALID")
            )
    return {ref: pk for ref, pk in pks.items() if pk in existing}


def _clean_lines(
    order: Order, lines: list[dict[str, Any]], reference_type: PageType | None
) -> list[OrderGrantedRefundLine]:
    """Saleor's `clean_grant_refund_lines`; all line problems come back together."""
    errors: list[dict[str, str]] = []
    references = _line_reason_references(lines, reference_type, errors)
    wanted: dict[uuid.UUID, OrderGrantedRefundLine] = {}
    for line in lines:
        try:
            _type, pk = from_global_id(line["id"], "OrderLine")
            key = uuid.UUID(pk)
        except (GraphQLError, ValueError) as error:
            errors.append(_line_error(line["id"], "id", str(error), "GRAPHQL_ERROR"))
            continue
        reference = line.get("reason_reference")
        wanted[key] = OrderGrantedRefundLine(
            order_line_id=key,
            quantity=line["quantity"],
            reason=line.get("reason") or "",
            reason_reference_id=references.get(reference) if reference else None,
        )
    found = {line.pk: line for line in OrderLine.objects.filter(order=order, pk__in=wanted)}
    for key in wanted.keys() - found.keys():
        errors.append(
            _line_error(
                to_global_id("OrderLine", key), "id", "Could not resolve to a line.", "NOT_FOUND"
            )
        )
    already: dict[uuid.UUID, int] = defaultdict(int)
    for granted_line in OrderGrantedRefundLine.objects.filter(granted_refund__order=order):
        already[granted_line.order_line_id] += granted_line.quantity
    for key, granted_line in wanted.items():
        order_line = found.get(key)
        if order_line is None:
            continue
        granted_line.order_line = order_line
        if granted_line.quantity + already[key] > order_line.quantity:
            available = order_line.quantity - already[key]
            errors.append(
                _line_error(
                    to_global_id("OrderLine", key),
                    "quantity",
                    "Cannot grant refund for more than the available quantity of the line "
                    f"({available}).",
                    "QUANTITY_GREATER_THAN_AVAILABLE",
                )
            )
    if errors:
        raise MutationErrors(
            [
                MutationError(
                    "lines", "INVALID", "Provided input for lines is invalid.", {"lines": errors}
                )
            ]
        )
    return list(wanted.values())


def _validate_something_given(data: GrantRefundInput) -> None:
    if data.amount is None and not data.lines and not data.grant_refund_for_shipping:
        message = "You must provide at least one of `amount`, `lines`, `grantRefundForShipping`."
        raise MutationErrors(
            [
                MutationError(name, "REQUIRED", message)
                for name in ("amount", "lines", "grantRefundForShipping")
            ]
        )


def _transaction_of(order: Order, transaction_id: str) -> TransactionItem:
    token = node_pk(transaction_id, "TransactionItem", "transactionId")
    try:
        transaction = TransactionItem.objects.filter(order=order, token=token).first()
    except (ValueError, TypeError):
        transaction = None
    if transaction is None:
        raise mutation_error(
            "transactionId", "NOT_FOUND", f"Couldn't resolve to a node: {transaction_id}"
        )
    return transaction


def grant_refund(
    context: Any, order: Order, data: GrantRefundInput
) -> tuple[Order, OrderGrantedRefund]:
    _validate_something_given(data)
    reference_type = RefundSettings.load().reason_reference_type
    requestor_is_user = context.app is None and context.user is not None
    page = _reason_reference(data.reason_reference_id, reference_type, requestor_is_user)
    lines = _clean_lines(order, data.lines, reference_type) if data.lines else []
    if (
        data.grant_refund_for_shipping
        and order.granted_refunds.filter(shipping_costs_included=True).exists()
    ):
        raise mutation_error(
            "grantRefundForShipping",
            "SHIPPING_COSTS_ALREADY_GRANTED",
            "Shipping costs have already been granted.",
        )
    transaction = _transaction_of(order, data.transaction_id) if data.transaction_id else None
    available = transaction.charged_value if transaction is not None else None
    amount = data.amount
    if amount is None:
        amount = sum(
            (line.order_line.unit_price_gross_amount * line.quantity for line in lines), ZERO
        )
        if data.grant_refund_for_shipping:
            amount += order.shipping_price_gross_amount
        if available is not None:
            amount = min(amount, available)
    elif available is not None and amount > available:
        raise mutation_error(
            "amount",
            "AMOUNT_GREATER_THAN_AVAILABLE",
            "Amount cannot be greater than the charged amount of provided transaction.",
        )
    granted = OrderGrantedRefund.objects.create(
        order=order,
        amount_value=amount,
        currency=order.currency,
        reason=data.reason,
        reason_reference=page,
        shipping_costs_included=data.grant_refund_for_shipping,
        transaction_item=transaction,
        **actor(context),
    )
    for line in lines:
        line.granted_refund = granted
    OrderGrantedRefundLine.objects.bulk_create(lines)
    refresh_order_amounts(order)
    return order, granted
