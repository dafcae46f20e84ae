"""A cooperative's split rules and payout policy are validated before they are written."""

import pytest
from django.core.exceptions import ValidationError

from storefront_plugins.payouts.configuration import (
    PayoutPolicyInput,
    SplitRuleInput,
    set_payout_policy,
    set_split_rule,
)
from storefront_plugins.payouts.models import PayoutPolicy, SplitRule


def codes(error: ValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_a_category_rule_is_written_then_replaced(safi):
    # when
    set_split_rule(SplitRuleInput(safi.pk, "tapis", 1500, None))
    set_split_rule(SplitRuleInput(safi.pk, "tapis", 1000, 300))

    # then
    assert list(
        SplitRule.objects.values_list("category_slug", "commission_bp", "platform_fee_bp")
    ) == [("tapis", 1000, 300)]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (lambda coop: SplitRuleInput(0, "", 100, 100), {"cooperative": ["NOT_FOUND"]}),
        (lambda coop: SplitRuleInput(coop, "", None, 10_001), {"platformFeeBp": ["OUT_OF_RANGE"]}),
        # the cooperative's 12 % with a 90 % fee
        (
            lambda coop: SplitRuleInput(coop, "", None, 9_000),
            {"commissionBp": ["RATES_EXCEED_TOTAL"]},
        ),
        # 96 % commission with the default 5 % fee
        (
            lambda coop: SplitRuleInput(coop, "", 9_600, None),
            {"commissionBp": ["RATES_EXCEED_TOTAL"]},
        ),
    ],
)
def test_bad_rules_are_refused_with_their_codes(safi, rule, expected):
    # when
    with pytest.raises(ValidationError) as raised:
        set_split_rule(rule(safi.pk))

    # then
    assert codes(raised.value) == expected
    assert SplitRule.objects.count() == 0


def test_a_payout_policy_is_validated_then_written(safi):
    # when
    with pytest.raises(ValidationError) as raised:
        set_payout_policy(PayoutPolicyInput(safi.pk, 400, "payment", "cooperative"))
    set_payout_policy(PayoutPolicyInput(safi.pk, 10, "payment", "platform"))

    # then
    assert codes(raised.value) == {"holdDays": ["OUT_OF_RANGE"]}
    assert list(PayoutPolicy.objects.values_list("hold_days", "hold_starts", "shipping_to")) == [
        (10, "payment", "platform")
    ]
