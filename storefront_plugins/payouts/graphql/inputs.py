from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.types import (
    AccountKindEnum,
    HoldStartEnum,
    ShippingToEnum,
    TransactionKindEnum,
)
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.statements import (
    InvalidPeriod,
    Period,
    period_of_days,
    period_of_month,
)


class PayoutPartyInput(graphene.InputObjectType):
    artisan_id = graphene.ID()
    cooperative_id = graphene.ID()


class StatementPeriodInput(graphene.InputObjectType):
    month = graphene.String(description="YYYY-MM.")
    from_ = graphene.Date(name="from", description="First day (UTC), with `to`.")
    to = graphene.Date(description="Last day, inclusive.")


class LedgerEntryFilterInput(graphene.InputObjectType):
    party = PayoutPartyInput()
    currency = graphene.String()
    account_kinds = graphene.List(graphene.NonNull(AccountKindEnum))
    transaction_kinds = graphene.List(graphene.NonNull(TransactionKindEnum))
    period = StatementPeriodInput()


class SplitRuleInput(graphene.InputObjectType):
    category_slug = graphene.String(description="A Saleor category's slug; empty or null: all.")
    commission_bp = graphene.Int(description="Basis points; null: the cooperative's rate.")
    platform_fee_bp = graphene.Int(description="Basis points; null: the platform's default.")


class PayoutPolicyInput(graphene.InputObjectType):
    hold_days = graphene.Int(required=True)
    hold_starts = HoldStartEnum(required=True)
    shipping_to = ShippingToEnum()


def enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def party_from_input(value: Any) -> Party:
    artisan, cooperative = value.get("artisan_id"), value.get("cooperative_id")
    if (artisan is None) == (cooperative is None):
        raise GraphQLError("Provide exactly one of `artisanId` or `cooperativeId`.")
    if artisan is not None:
        return Party(PartyKind.ARTISAN, pk_from_global_id(artisan, "Artisan"))
    return Party(PartyKind.COOPERATIVE, pk_from_global_id(cooperative, "Cooperative"))


def period_from_input(value: Any) -> Period:
    month, first, last = value.get("month"), value.get("from_"), value.get("to")
    try:
        if month is not None and first is None and last is None:
            return period_of_month(month)
        if month is None and first is not None and last is not None:
            return period_of_days(first, last)
    except InvalidPeriod as error:
        raise GraphQLError(str(error)) from error
    raise GraphQLError("Provide either `month`, or both `from` and `to`.")
