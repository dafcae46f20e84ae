"""The split and the refund allocator conserve money for any order, rules and refunds."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storefront_plugins.payouts.splits import (
    CURRENCY_EXPONENTS,
    FULL_SHARE,
    PLATFORM,
    SHIPPING,
    Attribution,
    CooperativeRules,
    GrantedLine,
    GrantedRefund,
    GrantedRefundStatus,
    LineToSplit,
    OrderToSplit,
    Party,
    PartyKind,
    RefundState,
    Role,
    Rule,
    Share,
    ShippingTo,
    Split,
    SplitRules,
    UnknownCurrency,
    allocate_refund,
    from_minor,
    largest_remainder,
    split_order,
    to_minor,
)

COOPERATIVES = [1, 2, 3]
CATEGORIES = ["ceramics", "rugs", "leather"]


@st.composite
def shares(draw):
    count = draw(st.integers(1, 4))
    cuts = sorted(
        draw(st.sets(st.integers(1, FULL_SHARE - 1), min_size=count - 1, max_size=count - 1))
    )
    bounds = [0, *cuts, FULL_SHARE]
    artisans = draw(st.lists(st.integers(1, 50), min_size=count, max_size=count, unique=True))
    return tuple(Share(a, bounds[i + 1] - bounds[i]) for i, a in enumerate(artisans))


@st.composite
def rules(draw):
    commission = draw(st.integers(0, FULL_SHARE))
    fee = draw(st.integers(0, FULL_SHARE - commission))
    return Rule(commission, fee)


@st.composite
def split_rules(draw):
    cooperatives = {
        c: CooperativeRules(
            default=draw(rules()),
            by_category=draw(st.dictionaries(st.sampled_from(CATEGORIES), rules(), max_size=2)),
            shipping_to=draw(st.sampled_from(list(ShippingTo))),
        )
        for c in draw(st.sets(st.sampled_from(COOPERATIVES)))
    }
    return SplitRules(cooperatives, fallback=draw(rules()))


@st.composite
def amounts(draw, maximum=10_000_000):
    gross = draw(st.integers(0, maximum))
    return gross, draw(st.integers(0, gross))


@st.composite
def lines(draw):
    gross, tax = draw(amounts())
    attribution = draw(st.none() | st.builds(Attribution, st.sampled_from(COOPERATIVES), shares()))
    return (
        gross,
        tax,
        draw(st.integers(1, 5)),
        draw(st.none() | st.sampled_from(CATEGORIES)),
        attribution,
    )


@st.composite
def orders(draw, exact_total=False):
    drawn = draw(st.lists(lines(), min_size=1, max_size=6))
    shipping_gross, shipping_tax = draw(amounts(100_000))
    declared = sum(g for g, *_ in drawn) + shipping_gross
    total = declared if exact_total else draw(st.just(declared) | st.integers(0, declared + 1000))
    return OrderToSplit(
        currency=draw(st.sampled_from(sorted(CURRENCY_EXPONENTS))),
        total_gross=total,
        lines=tuple(
            LineToSplit(f"line-{i}", quantity, gross, tax, category, attribution)
            for i, (gross, tax, quantity, category, attribution) in enumerate(drawn)
        ),
        shipping_gross=shipping_gross,
        shipping_tax=shipping_tax,
        channel_cooperative_id=draw(st.none() | st.sampled_from(COOPERATIVES)),
    )


def original_parts(split: Split) -> dict:
    return {(p.party, p.role): p.amount for p in split.postings}


@given(st.integers(-(10**12), 10**12), st.lists(st.integers(0, 10**6), min_size=1, max_size=8))
def test_largest_remainder_sums_exactly_and_stays_within_one_unit_of_each_quota(total, weights):
    if sum(weights) == 0:
        weights = [*weights[:-1], 1]
    # when
    parts = largest_remainder(total, weights)
    # then
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - Fraction(total * weight, sum(weights))) < 1


@given(orders(), split_rules())
@settings(max_examples=300)
def test_the_parts_of_any_order_add_up_exactly_to_what_the_shopper_paid(order, rules):
    # when
    split = split_order(order, rules)
    # then
    assert sum(p.amount for p in split.postings) == order.total_gross
    assert all(p.amount > 0 for p in split.postings)
    assert sum(c.gross for c in split.components) == order.total_gross
    for component in split.components:
        assert sum(component.parts.values()) == component.gross


@given(orders(exact_total=True), split_rules())
@settings(max_examples=300)
def test_tax_commission_fee_and_shares_are_respected_within_one_minor_unit(order, rules):
    # when
    split = split_order(order, rules)
    # then
    components = {c.key: c for c in split.components}
    for line in order.lines:
        parts = components[line.line_id].parts
        attribution = line.attribution
        cooperative_id = attribution.cooperative_id if attribution else order.channel_cooperative_id
        cooperative = Party(PartyKind.COOPERATIVE, cooperative_id) if cooperative_id else PLATFORM
        assert parts.get((cooperative, Role.TAX), 0) == line.tax
        net = line.gross - line.tax
        rule = rules.for_cooperative(cooperative_id, line.category_slug)
        assert (
            abs(
                parts.get((PLATFORM, Role.PLATFORM_FEE), 0)
                - Fraction(net * rule.platform_fee_bp, FULL_SHARE)
            )
            < 1
        )
        makers = FULL_SHARE - rule.commission_bp - rule.platform_fee_bp
        if attribution is not None:
            for share in attribution.shares:
                exact = Fraction(net * makers * share.share_bp, FULL_SHARE * FULL_SHARE)
                got = parts.get((Party(PartyKind.ARTISAN, share.artisan_id), Role.ARTISAN_SHARE), 0)
                assert abs(got - exact) < 1
    shipping = components[SHIPPING]
    assert shipping.gross == order.shipping_gross


@given(st.sampled_from(sorted(CURRENCY_EXPONENTS)), st.integers(-(10**15), 10**15))
def test_minor_units_round_trip_for_currencies_with_0_2_and_3_decimals(currency, amount):
    assert to_minor(from_minor(amount, currency), currency) == amount


def test_minor_units_follow_each_currencys_exponent():
    assert [to_minor("12.345", c) for c in ("MAD", "JPY", "KWD")] == [1235, 12, 12345]


def test_an_unknown_currency_is_refused():
    with pytest.raises(UnknownCurrency):
        to_minor("12.50", "XYZ")


@st.composite
def refund_sequences(draw, split: Split):
    """Cumulative refund states as Saleor would show them, one per refund event."""
    line_components = [c for c in split.components if c.key != SHIPPING]
    states, granted, refunded = [], [], 0
    for step in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["lines", "amount", "ungranted"]))
        amount = draw(st.integers(0, max(0, split.total - refunded) + 50))
        status = draw(st.sampled_from(list(GrantedRefundStatus)))
        if kind == "ungranted":
            refunded += amount
        else:
            chosen = (
                draw(
                    st.lists(
                        st.sampled_from(line_components), max_size=3, unique_by=lambda c: c.key
                    )
                )
                if kind == "lines"
                else []
            )
            granted.append(
                GrantedRefund(
                    id=f"granted-{step}",
                    amount=amount,
                    status=status,
                    lines=tuple(
                        GrantedLine(c.key, draw(st.integers(1, c.quantity))) for c in chosen
                    ),
                    shipping=kind == "lines" and draw(st.booleans()),
                )
            )
            if status == GrantedRefundStatus.SUCCESS:
                refunded += amount
        states.append(RefundState(refunded, tuple(granted)))
    return states


@given(st.data(), orders(), split_rules())
@settings(max_examples=200)
def test_any_refund_sequence_reverses_exactly_what_was_refunded_and_no_part_beyond_what_it_got(
    data, order, rules
):
    # given
    split = split_order(order, rules)
    originals = original_parts(split)
    states = data.draw(refund_sequences(split))
    for state in states:
        # when
        target = allocate_refund(split, state)
        # then
        assert sum(target.values()) == min(state.refunded_total, split.total)
        for key, amount in target.items():
            assert 0 < amount <= originals[key]


@given(st.data(), orders(), split_rules())
@settings(max_examples=200)
def test_posting_differences_in_any_delivery_order_with_duplicates_ends_at_the_latest_state(
    data, order, rules
):
    # given the ledger's rule: apply a state only if it is not older than the last applied,
    # and post the difference between its target and what was already reversed
    split = split_order(order, rules)
    states = data.draw(refund_sequences(split))
    deliveries = data.draw(
        st.permutations(
            [
                *range(len(states)),
                *data.draw(st.lists(st.sampled_from(range(len(states))), max_size=4)),
            ]
        )
    )
    reversed_so_far: dict = {}
    last_applied = -1
    # when
    for index in deliveries:
        if index < last_applied:
            continue
        target = allocate_refund(split, states[index])
        for key in set(target) | set(reversed_so_far):
            difference = target.get(key, 0) - reversed_so_far.get(key, 0)
            reversed_so_far[key] = reversed_so_far.get(key, 0) + difference
        last_applied = index
        # then money is conserved at every step
        assert sum(reversed_so_far.values()) == min(states[index].refunded_total, split.total)
    # then
    final = {k: v for k, v in reversed_so_far.items() if v}
    assert final == allocate_refund(split, states[-1])
