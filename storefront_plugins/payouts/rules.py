"""Reading a paid order's split: the cooperatives' rules and policies, the makers of its
products (asked of provenance and the directory, a fixed number of queries), the pure split
decision, and how the decision is kept with the posting (refunds reverse that decision,
whatever the rules or provenance say later)."""

from collections import defaultdict
from collections.abc import Iterable
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
from storefront_plugins.provenance.services import makers_of_products


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
class RulesForOrder:
    rules: SplitRules
    channel_cooperative_id: int | None
    channel_policy: Policy  # the channel's cooperative's hold (the default without one)


def split_rules_for(cooperative_ids: Iterable[int], channel_slug: str) -> RulesForOrder:
    """The rules of these cooperatives and of the channel's cooperative, and the channel's
    cooperative with its policy (three queries)."""
    terms = cooperative_payout_terms(ids=cooperative_ids, channel_slugs=[channel_slug])
    channel_cooperative = next(
        (t.id for t in terms if channel_slug and t.saleor_channel_slug == channel_slug), None
    )
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
    return RulesForOrder(
        SplitRules(cooperatives, fallback=Rule(0, fee)),
        channel_cooperative,
        _policy_of(policies.get(channel_cooperative) if channel_cooperative else None),
    )


# The split


def _attributions(order: SaleorOrder) -> dict[str, Attribution]:
    """Per line id: the variant's provenance, else the product's (one query)."""
    product_ids = [line.product_id for line in order.lines if line.product_id]
    makers = {
        (m.saleor_product_id, m.saleor_variant_id): m for m in makers_of_products(product_ids)
    }
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


def decide_split(order: SaleorOrder) -> SplitDecision:
    """The order's split with what it was decided from (four queries)."""
    attributions = _attributions(order)
    found = split_rules_for({a.cooperative_id for a in attributions.values()}, order.channel_slug)
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
        channel_cooperative_id=found.channel_cooperative_id,
    )
    return SplitDecision(
        split_order(to_split, found.rules), found.channel_cooperative_id, found.channel_policy
    )


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
