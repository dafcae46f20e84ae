"""Writing a cooperative's split rules and payout policy: validate first, then write.

Permission is the caller's: the GraphQL layer (to come) checks that the viewer manages the
cooperative (`artisans.services.access_cooperative_for_management`) before calling these.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from storefront_plugins.artisans.services import cooperative_payout_terms
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import HoldStart, PayoutPolicy, SplitRule
from storefront_plugins.payouts.splits import FULL_SHARE, ShippingTo

MAX_HOLD_DAYS = 365


@dataclass(frozen=True)
class SplitRuleInput:
    cooperative_id: int
    category_slug: str  # "" for every category without a rule of its own
    commission_bp: int | None  # None: the cooperative's commission rate
    platform_fee_bp: int | None  # None: SOUK_PLATFORM_FEE_BP


@dataclass(frozen=True)
class PayoutPolicyInput:
    cooperative_id: int
    hold_days: int
    hold_starts: str
    shipping_to: str


def _error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def validate_cooperative(cooperative_id: int) -> int:
    """The cooperative's commission in basis points; NOT_FOUND if there is none."""
    terms = cooperative_payout_terms(ids=[cooperative_id])
    if not terms:
        raise _error("cooperative", "No such cooperative.", PayoutErrorCode.NOT_FOUND)
    return terms[0].commission_bp


def validate_split_rule(rule: SplitRuleInput) -> None:
    commission_bp = validate_cooperative(rule.cooperative_id)
    for field, value in (
        ("commissionBp", rule.commission_bp),
        ("platformFeeBp", rule.platform_fee_bp),
    ):
        if value is not None and not 0 <= value <= FULL_SHARE:
            raise _error(field, "Between 0 and 10000 basis points.", PayoutErrorCode.OUT_OF_RANGE)
    commission = rule.commission_bp if rule.commission_bp is not None else commission_bp
    fee = (
        rule.platform_fee_bp if rule.platform_fee_bp is not None else settings.SOUK_PLATFORM_FEE_BP
    )
    if commission + fee > FULL_SHARE:
        raise _error(
            "commissionBp",
            "The commission and the platform fee cannot exceed 100 %.",
            PayoutErrorCode.RATES_EXCEED_TOTAL,
        )


@transaction.atomic
def set_split_rule(rule: SplitRuleInput) -> SplitRule:
    validate_split_rule(rule)
    row, _ = SplitRule.objects.update_or_create(
        cooperative_id=rule.cooperative_id,
        category_slug=rule.category_slug,
        defaults={"commission_bp": rule.commission_bp, "platform_fee_bp": rule.platform_fee_bp},
    )
    return row


def validate_payout_policy(policy: PayoutPolicyInput) -> None:
    validate_cooperative(policy.cooperative_id)
    if not 0 <= policy.hold_days <= MAX_HOLD_DAYS:
        raise _error("holdDays", "Between 0 and 365 days.", PayoutErrorCode.OUT_OF_RANGE)
    if policy.hold_starts not in HoldStart.values:
        raise _error("holdStarts", "Payment or fulfilment.", PayoutErrorCode.INVALID)
    if policy.shipping_to not in {s.value for s in ShippingTo}:
        raise _error("shippingTo", "The cooperative or the platform.", PayoutErrorCode.INVALID)


@transaction.atomic
def set_payout_policy(policy: PayoutPolicyInput) -> PayoutPolicy:
    """Applies to orders paid or fulfilled from now on (a hold already started keeps its end)."""
    validate_payout_policy(policy)
    row, _ = PayoutPolicy.objects.update_or_create(
        cooperative_id=policy.cooperative_id,
        defaults={
            "hold_days": policy.hold_days,
            "hold_starts": policy.hold_starts,
            "shipping_to": policy.shipping_to,
        },
    )
    return row
