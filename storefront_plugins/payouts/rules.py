"""Reading a paid order's split: the cooperatives' rules and policies, the makers of its
products (asked of provenance and the directory, a fixed number of queries), the pure split
decision, and how the decision is kept with the posting (refunds reverse that decision,
whatever the rules or provenance say later)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings

from storefront_plugins.artisans.services import cooperative_payout_terms
from storefront_plugins.payouts.models import HoldStart, PayoutPolicy, SplitRule
from storefront_plugins.payouts.payloads import SaleorOrder
from storefront_plugins.payouts.splits import (
    Attribution,
    Component,
    CooperativeRules,
    LineToSplit,
    OrderToSplit,
    Party,
    PartyKind,
    Role,
    Rule,
    Share,
    ShippingTo,
    Split,
    SplitRules,
    split_order,
)
from storefront_plugins.provenance.services import PieceMakers, makers_of_products


@dataclass(frozen=True)
class Policy:
    hold_days: int
    hold_starts: HoldStart
    shipping_to: ShippingTo


# Rules and policies


def _policy_of(row: PayoutPolicy | None) -> Policy:
    if row is None:
        return Policy(
            settings.SOUK_PAYOUT_HOLD_DAYS,
            HoldStart(settings.SOUK_PAYOUT_HOLD_STARTS),
            ShippingTo.COOPERATIVE,
        )
    return Policy(row.hold_days, HoldStart(row.hold_starts), ShippingTo(row.shipping_to))


def policy_for(cooperative_id: int | None) -> Policy:
    row = (
        PayoutPolicy.objects.filter(cooperative_id=cooperative_id).first()
        if cooperative_id
        else None
    )
    return _policy_of(row)


@dataclass(frozen=True)
class RulesForOrders:
    rules: SplitRules
    channel_cooperative_ids: dict[str, int]  # channel slug -> its cooperative
    policies: dict[int, Policy]  # the cooperatives' holds (absent: the default)

    def channel_cooperative_id(self, channel_slug: str) -> int | None:
        return self.channel_cooperative_ids.get(channel_slug) if channel_slug else None

    def policy_of(self, cooperative_id: int | None) -> Policy:
        policy = self.policies.get(cooperative_id) if cooperative_id else None
        return policy or _policy_of(None)


def split_rules_for(cooperative_ids: Iterable[int], channel_slugs: Iterable[str]) -> RulesForOrders:
    """The rules and policies of these cooperatives and of the channels' cooperatives, and
    which cooperative sells on each channel (three queries, whatever the number of orders)."""
    channel_slugs = [slug for slug in channel_slugs if slug]
    terms = cooperative_payout_terms(ids=cooperative_ids, channel_slugs=channel_slugs)
    channel_cooperatives = {
        t.saleor_channel_slug: t.id
        for t in terms
        if t.saleor_channel_slug and t.saleor_channel_slug in channel_slugs
    }
    ids = [t.id for t in terms]
    rules: dict[int, list[SplitRule]] = defaultdict(list)
    policies: dict[int, PayoutPolicy] = {}
    if ids:
        for rule in SplitRule.objects.filter(cooperative_id__in=ids):
            rules[rule.cooperative_id].append(rule)
        policies = {
            p.cooperative_id: p for p in PayoutPolicy.objects.filter(cooperative_id__in=ids)
        }
    fee = settings.SOUK_PLATFORM_FEE_BP
    cooperatives = {}
    for term in terms:

        def rule_of(row: SplitRule | None, commission_bp: int = term.commission_bp) -> Rule:
            return Rule(
                commission_bp=row.commission_bp
                if row and row.commission_bp is not None
                else commission_bp,
                platform_fee_bp=row.platform_fee_bp
                if row and row.platform_fee_bp is not None
                else fee,
            )

        default_row = next((r for r in rules[term.id] if not r.category_slug), None)
        cooperatives[term.id] = CooperativeRules(
            default=rule_of(default_row),
            by_category={r.category_slug: rule_of(r) for r in rules[term.id] if r.category_slug},
            shipping_to=_policy_of(policies.get(term.id)).shipping_to,
        )
    return RulesForOrders(
        SplitRules(cooperatives, fallback=Rule(0, fee)),
        channel_cooperatives,
        {cooperative_id: _policy_of(row) for cooperative_id, row in policies.items()},
    )


# The split


MakersByPiece = dict[tuple[str, str], PieceMakers]  # (product id, variant id or "")


def _makers_of_orders(orders: Iterable[SaleorOrder]) -> MakersByPiece:
    """Who made the orders' products and variants (one query)."""
    product_ids = [line.product_id for order in orders for line in order.lines if line.product_id]
    return {(m.saleor_product_id, m.saleor_variant_id): m for m in makers_of_products(product_ids)}


def _attributions(order: SaleorOrder, makers: MakersByPiece) -> dict[str, Attribution]:
    """Per line id: the variant's provenance, else the product's."""
    attributions = {}
    for line in order.lines:
        found = makers.get((line.product_id or "", line.variant_id or "")) or makers.get(
            (line.product_id or "", "")
        )
        if found is not None:
            attributions[line.id] = Attribution(
                found.cooperative_id, tuple(Share(a, s) for a, s in found.shares)
            )
    return attributions


@dataclass(frozen=True)
class SplitDecision:
    split: Split
    channel_cooperative_id: int | None
    channel_policy: Policy


def _decision(
    order: SaleorOrder, attributions: dict[str, Attribution], found: RulesForOrders
) -> SplitDecision:
    channel_cooperative_id = found.channel_cooperative_id(order.channel_slug)
    to_split = OrderToSplit(
        currency=order.currency,
        total_gross=order.total_gross,
        lines=tuple(
            LineToSplit(
                line_id=line.id,
                quantity=line.quantity,
                gross=line.gross,
                tax=line.tax,
                category_slug=line.category_slug,
                attribution=attributions.get(line.id),
            )
            for line in order.lines
        ),
        shipping_gross=order.shipping_gross,
        shipping_tax=order.shipping_tax,
        channel_cooperative_id=channel_cooperative_id,
    )
    return SplitDecision(
        split_order(to_split, found.rules),
        channel_cooperative_id,
        found.policy_of(channel_cooperative_id),
    )


def decide_splits(orders: Sequence[SaleorOrder]) -> list[SplitDecision | ValueError]:
    """Each order's split with what it was decided from (four queries for all the orders);
    an order the split refuses (`ValueError`: negative amounts, bad shares) gets its error,
    the others their decision."""
    if not orders:
        return []
    makers = _makers_of_orders(orders)
    attributions = [_attributions(order, makers) for order in orders]
    found = split_rules_for(
        {a.cooperative_id for by_line in attributions for a in by_line.values()},
        {order.channel_slug for order in orders},
    )
    decisions: list[SplitDecision | ValueError] = []
    for order, by_line in zip(orders, attributions, strict=True):
        try:
            decisions.append(_decision(order, by_line, found))
        except ValueError as error:
            decisions.append(error)
    return decisions


def decide_split(order: SaleorOrder) -> SplitDecision:
    """The order's split with what it was decided from (four queries)."""
    [decision] = decide_splits([order])
    if isinstance(decision, ValueError):
        raise decision
    return decision


def split_detail(split: Split) -> dict[str, object]:
    return {
        "currency": split.currency,
        "total": split.total,
        "components": [
            {
                "key": c.key,
                "gross": c.gross,
                "quantity": c.quantity,
                "parts": [[p.kind.value, p.id, r.value, a] for (p, r), a in c.parts.items()],
            }
            for c in split.components
        ],
    }


def split_from_detail(detail: dict[str, object]) -> Split:
    components = detail["components"]
    assert isinstance(components, list)
    return Split(
        currency=str(detail["currency"]),
        total=int(str(detail["total"])),
        components=tuple(
            Component(
                key=c["key"],
                gross=c["gross"],
                quantity=c["quantity"],
                parts={(Party(PartyKind(k), i), Role(r)): a for k, i, r, a in c["parts"]},
            )
            for c in components
        ),
    )
