"""Reading Saleor's order payload (fragment `OrderPayload`) into what payouts decide on:
pure, no ORM. Amounts become integer minor units of the order's currency."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from storefront_plugins.payouts.splits import (
    GrantedLine,
    GrantedRefund,
    GrantedRefundStatus,
    RefundState,
    exponent,
    to_minor,
)

# Fulfilments that did not (yet) send anything to the shopper.
NOT_SHIPPED = frozenset({"CANCELED", "WAITING_FOR_APPROVAL"})


class InvalidOrderPayload(ValueError):
    pass


@dataclass(frozen=True)
class SaleorOrderLine:
    id: str
    quantity: int
    product_id: str | None
    variant_id: str | None
    category_slug: str | None
    gross: int
    tax: int


@dataclass(frozen=True)
class SaleorOrder:
    id: str
    number: str
    status: str
    currency: str
    channel_slug: str
    updated_at: datetime | None
    total_gross: int
    charged_total: int
    shipping_gross: int
    shipping_tax: int
    lines: tuple[SaleorOrderLine, ...]
    refund_state: RefundState
    last_fulfilled_at: datetime | None  # the latest fulfilment that shipped something
    # The pspReference of the first transaction that charged the order (Stripe: `ch_` or
    # `pi_`), "" when none has one: payouts fund the order's transfers from that charge.
    charge_reference: str = ""


def charge_reference_of(transactions: Any) -> str:
    for candidate in transactions or []:
        reference = (candidate or {}).get("pspReference") or ""
        charged = Decimal(str(((candidate or {}).get("chargedAmount") or {}).get("amount") or 0))
        if reference and charged > 0:
            return str(reference)
    return ""


def _money(parts: Any, currency: str, field: str) -> int:
    try:
        return to_minor(Decimal(str(parts[field]["amount"])), currency)
    except (KeyError, TypeError) as error:
        raise InvalidOrderPayload(f"Order amount {field!r} is missing.") from error


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return datetime.fromisoformat(value)


def parse_order(payload: Mapping[str, Any]) -> SaleorOrder:
    """The `order` of an ORDER_* event payload; raises `InvalidOrderPayload` (and
    `UnknownCurrency` for a currency payouts do not know)."""
    order = payload.get("order")
    if not isinstance(order, dict) or not order.get("id"):
        raise InvalidOrderPayload("The payload carries no order.")
    try:
        currency = order["total"]["currency"]
    except (KeyError, TypeError) as error:
        raise InvalidOrderPayload("The order has no total.") from error
    exponent(currency)
    lines = []
    for line in order.get("lines") or []:
        variant = line.get("variant") or {}
        product = variant.get("product") or {}
        category = product.get("category") or {}
        lines.append(
            SaleorOrderLine(
                id=line["id"],
                quantity=int(line["quantity"]),
                product_id=product.get("id"),
                variant_id=variant.get("id") or line.get("productVariantId"),
                category_slug=category.get("slug"),
                gross=_money(line["totalPrice"], currency, "gross"),
                tax=_money(line["totalPrice"], currency, "tax"),
            )
        )
    granted = tuple(
        GrantedRefund(
            id=g["id"],
            amount=to_minor(Decimal(str(g["amount"]["amount"])), currency),
            status=GrantedRefundStatus(g.get("status") or "NONE"),
            lines=tuple(
                GrantedLine(gl["orderLine"]["id"], int(gl["quantity"]))
                for gl in g.get("lines") or []
            ),
            shipping=bool(g.get("shippingCostsIncluded")),
        )
        for g in sorted(
            order.get("grantedRefunds") or [], key=lambda g: (g.get("createdAt") or "", g["id"])
        )
    )
    shipped = [
        _datetime(f.get("created"))
        for f in order.get("fulfillments") or []
        if f.get("status") not in NOT_SHIPPED
    ]
    shipped_at = [d for d in shipped if d is not None]
    return SaleorOrder(
        id=order["id"],
        number=str(order.get("number") or ""),
        status=str(order.get("status") or ""),
        currency=currency,
        channel_slug=(order.get("channel") or {}).get("slug") or "",
        updated_at=_datetime(order.get("updatedAt")),
        total_gross=_money(order["total"], currency, "gross"),
        charged_total=to_minor(
            Decimal(str((order.get("totalCharged") or {}).get("amount") or 0)), currency
        ),
        shipping_gross=_money(order["shippingPrice"], currency, "gross")
        if order.get("shippingPrice")
        else 0,
        shipping_tax=_money(order["shippingPrice"], currency, "tax")
        if order.get("shippingPrice")
        else 0,
        lines=tuple(lines),
        refund_state=RefundState(
            refunded_total=to_minor(
                Decimal(str((order.get("totalRefunded") or {}).get("amount") or 0)), currency
            ),
            granted=granted,
        ),
        last_fulfilled_at=max(shipped_at) if shipped_at else None,
        charge_reference=charge_reference_of(order.get("transactions")),
    )


def event_issued_at(payload: Mapping[str, Any]) -> datetime | None:
    return _datetime(payload.get("issuedAt"))
