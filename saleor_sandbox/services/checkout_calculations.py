"""Checkout arithmetic, with no ORM and no I/O: prices in Decimal, rounded to the currency's
minor unit line by line, as Saleor does. The sandbox applies no taxes (net == gross)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from saleor_sandbox.money import quantize

ZERO = Decimal(0)


@dataclass(frozen=True)
class LinePrice:
    unit_price: Decimal
    quantity: int


@dataclass(frozen=True)
class CheckoutTotals:
    currency: str
    line_totals: tuple[Decimal, ...]
    subtotal: Decimal
    shipping: Decimal
    total: Decimal


def line_total(unit_price: Decimal, quantity: int, currency: str) -> Decimal:
    return quantize(quantize(unit_price, currency) * quantity, currency)


def checkout_totals(
    lines: Iterable[LinePrice], shipping_price: Decimal, currency: str
) -> CheckoutTotals:
    line_totals = tuple(line_total(line.unit_price, line.quantity, currency) for line in lines)
    subtotal = quantize(sum(line_totals, ZERO), currency)
    shipping = quantize(shipping_price, currency)
    return CheckoutTotals(
        currency=currency,
        line_totals=line_totals,
        subtotal=subtotal,
        shipping=shipping,
        total=subtotal + shipping,
    )


def charge_status(total: Decimal, charged: Decimal, has_lines: bool) -> str:
    """Saleor's `CheckoutChargeStatus` (checkout/payment_utils.py); `charged` includes
    pending charges."""
    charged = max(charged, ZERO)
    if charged <= ZERO and has_lines and total <= ZERO:
        return "FULL"
    if charged <= ZERO:
        return "NONE"
    if charged < total:
        return "PARTIAL"
    if charged == total:
        return "FULL"
    return "OVERCHARGED"


def authorize_status(total: Decimal, authorized: Decimal, charged: Decimal, has_lines: bool) -> str:
    covered = authorized + charged
    if has_lines and total <= ZERO:
        return "FULL"
    if covered == ZERO:
        return "NONE"
    if covered >= total:
        return "FULL"
    if covered > ZERO:
        return "PARTIAL"
    return "NONE"


def order_charge_status(total: Decimal, charged: Decimal, granted: Decimal, currency: str) -> str:
    """Saleor's `update_order_charge_status`: the total less granted refunds is what is due."""
    charged = quantize(charged, currency)
    due = quantize(max(total - granted, ZERO), currency)
    if charged == due:
        return "FULL"
    if charged <= ZERO:
        return "NONE"
    if charged < due:
        return "PARTIAL"
    return "OVERCHARGED"


def order_authorize_status(
    total: Decimal, authorized: Decimal, charged: Decimal, granted: Decimal, currency: str
) -> str:
    covered = quantize(authorized + charged, currency)
    due = quantize(max(total - granted, ZERO), currency)
    if covered == ZERO and total == ZERO:
        return "FULL"
    if covered == ZERO:
        return "NONE"
    if covered >= due:
        return "FULL"
    return "PARTIAL"
