"""Splitting what a shopper paid: pure decisions, no ORM, no I/O (property-tested).

An order is split into *components* (each line, and the shipping), each component into
*parts* `(party, role) -> minor units`:

- a line's tax goes to the tax role of its cooperative (the seller of record);
- its net (gross minus tax) is split by the rule of its cooperative and category:
  `commission_bp` to the cooperative, `platform_fee_bp` to the platform, the rest to the
  artisans who made the product, by their shares (basis points summing to 10000);
- a line with no provenance: commission and platform fee as usual (rules of the channel's
  cooperative), the artisans' part to that cooperative's UNATTRIBUTED role, for a manager to
  allocate later; with no cooperative at all, everything but tax goes to the platform's
  UNATTRIBUTED role;
- shipping: its tax to the shipper's tax role, its net to the shipper (the cooperative of the
  channel by default, or the platform when its rule says so).

Amounts are integers in the currency's minor units (`CURRENCY_EXPONENTS`); a currency not in
the table raises `UnknownCurrency` (nothing is posted: the delivery fails with that reason
and can be replayed once the currency is added). Every division uses the largest-remainder
method, so the parts add up exactly to the order's total gross: if Saleor's total differs
from the sum of lines and shipping, the total is first spread over the components in
proportion to their gross.

Refunds (`allocate_refund`) are a pure function of Saleor's cumulative state: the amount
refunded so far (`totalRefunded`) and the granted refunds. The result is the *target*
cumulative reversal of every part; the ledger posts the difference with what it already
reversed, which makes refunds idempotent and independent of the order events arrive in.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

FULL_SHARE = 10_000  # basis points

CURRENCY_EXPONENTS: Mapping[str, int] = {
    "MAD": 2,
    "DZD": 2,
    "TND": 3,
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CHF": 2,
    "CAD": 2,
    "JPY": 0,
    "KRW": 0,
    "XOF": 0,
    "BHD": 3,
    "KWD": 3,
    "JOD": 3,
}


class UnknownCurrency(ValueError):
    def __init__(self, currency: str) -> None:
        super().__init__(f"The currency {currency!r} is not one payouts know.")
        self.currency = currency


def exponent(currency: str) -> int:
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise UnknownCurrency(currency) from None


def to_minor(amount: Decimal | int | str, currency: str) -> int:
    """`Decimal("12.34")` MAD -> 1234 (half up past the currency's precision)."""
    places = exponent(currency)
    scaled = (Decimal(str(amount)) * (Decimal(10) ** places)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return int(scaled)


def from_minor(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-exponent(currency))


def largest_remainder(total: int, weights: Sequence[int | Fraction]) -> list[int]:
    """Split `total` (any sign) in proportion to non-negative `weights`; the parts sum to
    `total` exactly, each within one unit of its exact quota; ties go to the earliest."""
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights, Fraction(0))
    if total == 0:
        return [0] * len(weights)
    if weight_sum == 0:
        raise ValueError("cannot split a non-zero total over zero weights")
    sign = 1 if total > 0 else -1
    magnitude = abs(total)
    quotas = [Fraction(magnitude) * Fraction(w) / weight_sum for w in weights]
    parts = [int(q) for q in quotas]  # floor: quotas are non-negative
    left = magnitude - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return [sign * p for p in parts]


class PartyKind(StrEnum):
    ARTISAN = "artisan"
    COOPERATIVE = "cooperative"
    PLATFORM = "platform"


@dataclass(frozen=True, order=True)
class Party:
    kind: PartyKind
    id: int  # the artisan's or cooperative's primary key; 0 for the platform


PLATFORM = Party(PartyKind.PLATFORM, 0)


class Role(StrEnum):
    """What a part of a sale is; entries keep it so statements can break balances down."""

    ARTISAN_SHARE = "artisan_share"
    COMMISSION = "commission"
    PLATFORM_FEE = "platform_fee"
    TAX = "tax"
    SHIPPING = "shipping"
    UNATTRIBUTED = "unattributed"


class ShippingTo(StrEnum):
    COOPERATIVE = "cooperative"
    PLATFORM = "platform"


@dataclass(frozen=True)
class Rule:
    commission_bp: int
    platform_fee_bp: int

    def __post_init__(self) -> None:
        if not (self.commission_bp >= 0 and self.platform_fee_bp >= 0):
            raise ValueError("rates must not be negative")
        if self.commission_bp + self.platform_fee_bp > FULL_SHARE:
            raise ValueError("commission and platform fee exceed 100 %")


@dataclass(frozen=True)
class CooperativeRules:
    default: Rule
    by_category: Mapping[str, Rule] = field(default_factory=dict)
    shipping_to: ShippingTo = ShippingTo.COOPERATIVE

    def rule_for(self, category_slug: str | None) -> Rule:
        if category_slug is not None and category_slug in self.by_category:
            return self.by_category[category_slug]
        return self.default


@dataclass(frozen=True)
class SplitRules:
    """Rules by cooperative id; `fallback` for lines with no cooperative at all."""

    cooperatives: Mapping[int, CooperativeRules]
    fallback: Rule

    def for_cooperative(self, cooperative_id: int | None, category_slug: str | None) -> Rule:
        rules = self.cooperatives.get(cooperative_id) if cooperative_id is not None else None
        return rules.rule_for(category_slug) if rules is not None else self.fallback


@dataclass(frozen=True)
class Share:
    artisan_id: int
    share_bp: int


@dataclass(frozen=True)
class Attribution:
    """Who made a product: its cooperative and the artisans' shares (sum 10000)."""

    cooperative_id: int
    shares: tuple[Share, ...]

    def __post_init__(self) -> None:
        if not self.shares or sum(s.share_bp for s in self.shares) != FULL_SHARE:
            raise ValueError("shares must sum to 10000 basis points")
        if any(s.share_bp <= 0 for s in self.shares):
            raise ValueError("shares must be positive")


@dataclass(frozen=True)
class LineToSplit:
    line_id: str
    quantity: int
    gross: int  # the line's total gross (discounts already applied), minor units
    tax: int
    category_slug: str | None
    attribution: Attribution | None


@dataclass(frozen=True)
class OrderToSplit:
    currency: str
    total_gross: int  # what the shopper paid for the order
    lines: tuple[LineToSplit, ...]
    shipping_gross: int
    shipping_tax: int
    channel_cooperative_id: int | None


SHIPPING = "shipping"  # the component key of the shipping


@dataclass(frozen=True)
class Posting:
    party: Party
    role: Role
    amount: int


PartKey = tuple[Party, Role]


@dataclass(frozen=True)
class Component:
    key: str  # a line id, or SHIPPING
    gross: int  # what the shopper paid for it (after spreading the total)
    quantity: int
    parts: Mapping[PartKey, int]


@dataclass(frozen=True)
class Split:
    currency: str
    total: int
    components: tuple[Component, ...]

    @property
    def postings(self) -> tuple[Posting, ...]:
        return postings_of(_sum_parts(c.parts for c in self.components))


def _sum_parts(parts: Iterable[Mapping[PartKey, int]]) -> dict[PartKey, int]:
    totals: dict[PartKey, int] = defaultdict(int)
    for mapping in parts:
        for key, amount in mapping.items():
            totals[key] += amount
    return dict(totals)


def postings_of(parts: Mapping[PartKey, int]) -> tuple[Posting, ...]:
    """Non-zero parts as postings, in a stable order."""
    return tuple(
        Posting(party, role, amount)
        for (party, role), amount in sorted(parts.items(), key=lambda kv: (kv[0][0], kv[0][1]))
        if amount != 0
    )


def _add(parts: dict[PartKey, int], party: Party, role: Role, amount: int) -> None:
    if amount:
        parts[(party, role)] = parts.get((party, role), 0) + amount


def _split_line(
    line: LineToSplit, gross: int, tax: int, order: OrderToSplit, rules: SplitRules
) -> dict[PartKey, int]:
    parts: dict[PartKey, int] = {}
    attribution = line.attribution
    cooperative_id = attribution.cooperative_id if attribution else order.channel_cooperative_id
    cooperative = Party(PartyKind.COOPERATIVE, cooperative_id) if cooperative_id else PLATFORM
    _add(parts, cooperative, Role.TAX, tax)
    net = gross - tax
    rule = rules.for_cooperative(cooperative_id, line.category_slug)
    makers_bp = FULL_SHARE - rule.commission_bp - rule.platform_fee_bp
    weights = [rule.commission_bp * FULL_SHARE, rule.platform_fee_bp * FULL_SHARE]
    makers: list[tuple[Party, Role]]
    if attribution is not None:
        makers = [
            (Party(PartyKind.ARTISAN, s.artisan_id), Role.ARTISAN_SHARE) for s in attribution.shares
        ]
        weights += [s.share_bp * makers_bp for s in attribution.shares]
    else:
        makers = [(cooperative, Role.UNATTRIBUTED)]
        weights += [FULL_SHARE * makers_bp]
    amounts = largest_remainder(net, weights)
    commission_to = cooperative if cooperative_id else PLATFORM
    _add(parts, commission_to, Role.COMMISSION, amounts[0])
    _add(parts, PLATFORM, Role.PLATFORM_FEE, amounts[1])
    for (party, role), amount in zip(makers, amounts[2:], strict=True):
        _add(parts, party, role, amount)
    return parts


def split_order(order: OrderToSplit, rules: SplitRules) -> Split:
    """The order's total gross split into parts, conserving it exactly."""
    exponent(order.currency)
    for line in order.lines:
        if line.gross < 0 or line.tax < 0 or line.quantity <= 0:
            raise ValueError(f"line {line.line_id} has a negative amount or no quantity")
    if order.total_gross < 0 or order.shipping_gross < 0 or order.shipping_tax < 0:
        raise ValueError("negative order amounts")
    declared = [line.gross for line in order.lines] + [order.shipping_gross]
    if sum(declared) == order.total_gross:
        grosses = declared
    elif sum(declared) > 0:
        grosses = largest_remainder(order.total_gross, declared)
    else:  # nothing priced but something paid: it all goes with the shipping
        grosses = [0] * len(order.lines) + [order.total_gross]
    components = []
    for line, gross in zip(order.lines, grosses, strict=False):
        tax = _scaled_tax(gross, line.gross, line.tax)
        components.append(
            Component(
                line.line_id, gross, line.quantity, _split_line(line, gross, tax, order, rules)
            )
        )
    shipping_gross = grosses[-1]
    shipping_tax = _scaled_tax(shipping_gross, order.shipping_gross, order.shipping_tax)
    shipper = _shipper(order, rules)
    shipping_parts: dict[PartKey, int] = {}
    _add(shipping_parts, shipper, Role.TAX, shipping_tax)
    _add(shipping_parts, shipper, Role.SHIPPING, shipping_gross - shipping_tax)
    components.append(Component(SHIPPING, shipping_gross, 1, shipping_parts))
    return Split(order.currency, order.total_gross, tuple(components))


def _scaled_tax(gross: int, declared_gross: int, declared_tax: int) -> int:
    tax = min(declared_tax, declared_gross)
    if gross == declared_gross or declared_gross == 0:
        return min(tax, gross)
    return largest_remainder(gross, [tax, declared_gross - tax])[0]


def _shipper(order: OrderToSplit, rules: SplitRules) -> Party:
    cooperative_id = order.channel_cooperative_id
    if cooperative_id is None:
        return PLATFORM
    cooperative_rules = rules.cooperatives.get(cooperative_id)
    if cooperative_rules is not None and cooperative_rules.shipping_to == ShippingTo.PLATFORM:
        return PLATFORM
    return Party(PartyKind.COOPERATIVE, cooperative_id)


# Refunds


class GrantedRefundStatus(StrEnum):
    NONE = "NONE"
    PENDING = "PENDING"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"


@dataclass(frozen=True)
class GrantedLine:
    line_id: str
    quantity: int


@dataclass(frozen=True)
class GrantedRefund:
    id: str
    amount: int
    status: GrantedRefundStatus
    lines: tuple[GrantedLine, ...] = ()
    shipping: bool = False


@dataclass(frozen=True)
class RefundState:
    """Saleor's cumulative refund state of an order, as one event payload shows it."""

    refunded_total: int  # totalRefunded, minor units
    granted: tuple[GrantedRefund, ...]  # in the order Saleor created them


def allocate_refund(split: Split, state: RefundState) -> dict[PartKey, int]:
    """The target cumulative reversal of each part (positive minor units), summing to what
    was refunded (at most the total paid).

    What was refunded is attributed first to the granted refunds that name lines or the
    shipping (in their order, not FAILURE ones; each up to its amount and to what is left
    of those components), then whatever remains (refunds of an amount only, refunds made
    without a grant, the part of a grant beyond its lines) in proportion to what is left of
    every component. Within a component, each part is reversed in proportion to its size,
    so no part is reversed beyond what it received.
    """
    remaining = max(0, min(state.refunded_total, split.total))
    by_key = {c.key: c for c in split.components}
    left = {c.key: c.gross for c in split.components}
    reversed_by_component = {c.key: 0 for c in split.components}

    for granted in state.granted:
        if remaining == 0:
            break
        if granted.status == GrantedRefundStatus.FAILURE or not (granted.lines or granted.shipping):
            continue
        values: dict[str, Fraction] = defaultdict(Fraction)
        for granted_line in granted.lines:
            component = by_key.get(granted_line.line_id)
            if component is None or component.key == SHIPPING:
                continue
            quantity = min(granted_line.quantity, component.quantity)
            values[component.key] += Fraction(component.gross * quantity, component.quantity)
        if granted.shipping:
            values[SHIPPING] += by_key[SHIPPING].gross
        keys = list(values)
        caps = [min(values[k], Fraction(left[k])) for k in keys]
        amount = min(granted.amount, remaining, int(sum(caps, Fraction(0))))
        if amount <= 0:
            continue
        for key, part in zip(keys, _capped(amount, caps, [left[k] for k in keys]), strict=True):
            reversed_by_component[key] += part
            left[key] -= part
        remaining -= amount

    if remaining > 0:
        keys = list(left)
        for key, part in zip(
            keys, largest_remainder(remaining, [left[k] for k in keys]), strict=True
        ):
            reversed_by_component[key] += part

    target: dict[PartKey, int] = defaultdict(int)
    for key, amount in reversed_by_component.items():
        if amount == 0:
            continue
        parts = list(by_key[key].parts.items())
        for (part_key, _), part in zip(
            parts, largest_remainder(amount, [p for _, p in parts]), strict=True
        ):
            target[part_key] += part
    return {k: v for k, v in target.items() if v}


def _capped(amount: int, weights: list[Fraction], caps: list[int]) -> list[int]:
    """Largest remainder of `amount` by `weights`, never giving a component more than its
    cap (the rounding could give one unit more than a fractional weight allows)."""
    parts = largest_remainder(amount, weights)
    excess = 0
    for i, cap in enumerate(caps):
        if parts[i] > cap:
            excess += parts[i] - cap
            parts[i] = cap
    for i, cap in enumerate(caps):
        if excess == 0:
            break
        room = min(cap - parts[i], excess)
        parts[i] += room
        excess -= room
    return parts
