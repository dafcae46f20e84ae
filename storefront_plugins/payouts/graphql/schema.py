"""The payouts read API and the cooperative settings mutations. Who sees what:
`payouts.access` (an artisan their own; a cooperative's manager or treasurer the
cooperative's and its members'; staff everything; anonymous nothing)."""

from typing import Any

import graphene
from django.contrib.auth.base_user import AbstractBaseUser
from graphql import GraphQLError

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.enums import LanguageCodeEnum
from storefront_plugins.core.graphql.errors import PermissionDeniedError
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.pagination import MAX_PAGE_SIZE, paginate
from storefront_plugins.payouts import access as payout_access
from storefront_plugins.payouts.graphql import stripe_schema
from storefront_plugins.payouts.graphql.context import ledger_access_of
from storefront_plugins.payouts.graphql.inputs import (
    LedgerEntryFilterInput,
    PayoutPartyInput,
    StatementPeriodInput,
    enum_value,
    party_from_input,
    period_from_input,
)
from storefront_plugins.payouts.graphql.mutations.policy_set import PayoutPolicySet
from storefront_plugins.payouts.graphql.mutations.split_rule_set import SplitRuleSet
from storefront_plugins.payouts.graphql.types import (
    CooperativePayoutSettingsType,
    LedgerEntryCountableConnection,
    OrderSplit,
    OrderSplitValue,
    PayoutBalance,
    PayoutStatement,
    StatementValue,
    order_split_value,
)
from storefront_plugins.payouts.services import balances_of_parties
from storefront_plugins.payouts.splits import Party, PartyKind, UnknownCurrency
from storefront_plugins.payouts.statement_links import StatementRequest
from storefront_plugins.payouts.statement_texts import language_or_default
from storefront_plugins.payouts.statements import statement_for_period


def _require_reads(info: Any, party: Party) -> None:
    if not ledger_access_of(info).reads(party):
        raise PermissionDeniedError()


class Query(stripe_schema.Query, graphene.ObjectType):
    payout_balances = graphene.List(
        graphene.NonNull(PayoutBalance),
        required=True,
        parties=graphene.List(graphene.NonNull(PayoutPartyInput), required=True),
        description="Held, payable and in-transit balances per party and currency.",
    )
    ledger_entries = graphene.relay.ConnectionField(
        LedgerEntryCountableConnection,
        filter=LedgerEntryFilterInput(),
        description="Ledger entries of the parties you may read, newest first.",
    )
    order_split = graphene.Field(
        OrderSplit,
        saleor_order_id=graphene.ID(required=True),
        description="What each party you may read got from a paid order.",
    )
    payout_statement = graphene.Field(
        PayoutStatement,
        party=PayoutPartyInput(required=True),
        currency=graphene.String(required=True),
        period=StatementPeriodInput(required=True),
        language=graphene.Argument(LanguageCodeEnum, description="Of the CSV and PDF."),
    )
    cooperative_payout_settings = graphene.Field(
        CooperativePayoutSettingsType, cooperative_id=graphene.ID(required=True)
    )

    @staticmethod
    def resolve_payout_balances(root: Any, info: Any, parties: list[Any]) -> list[Any]:
        if len(parties) > MAX_PAGE_SIZE:
            raise GraphQLError(f"At most {MAX_PAGE_SIZE} parties.")
        wanted = [party_from_input(value) for value in parties]
        for party in wanted:
            _require_reads(info, party)
        unique = list(dict.fromkeys(wanted))
        found = balances_of_parties(unique)  # one query for every party
        return [balance for party in unique for balance in found.get(party, [])]

    @staticmethod
    def resolve_ledger_entries(root: Any, info: Any, filter: Any = None, **args: Any) -> Any:
        access = ledger_access_of(info)
        if access.is_anonymous:
            raise PermissionDeniedError()
        filter = filter or {}
        party = party_from_input(filter["party"]) if filter.get("party") else None
        if party is not None:
            _require_reads(info, party)
        period = period_from_input(filter["period"]) if filter.get("period") else None
        entries = payout_access.visible_entries(
            access,
            payout_access.EntryFilter(
                party=party,
                currency=filter.get("currency"),
                account_kinds=tuple(enum_value(k) for k in filter.get("account_kinds") or ()),
                transaction_kinds=tuple(
                    enum_value(k) for k in filter.get("transaction_kinds") or ()
                ),
                first_day=period.first_day if period else None,
                last_day=period.last_day if period else None,
            ),
        )
        return paginate(entries, args, LedgerEntryCountableConnection)

    @staticmethod
    def resolve_order_split(root: Any, info: Any, saleor_order_id: str) -> OrderSplitValue | None:
        access = ledger_access_of(info)
        if access.is_anonymous:
            raise PermissionDeniedError()
        found = payout_access.visible_split(access, saleor_order_id)
        if found is None:
            return None
        split, order_number = found
        return order_split_value(split, saleor_order_id, order_number)

    @staticmethod
    def resolve_payout_statement(
        root: Any,
        info: Any,
        party: Any,
        currency: str,
        period: Any,
        language: Any = None,
    ) -> StatementValue:
        wanted = party_from_input(party)
        _require_reads(info, wanted)
        chosen = period_from_input(period)
        context = context_of(info)
        try:
            statement = statement_for_period(wanted, currency, chosen)
        except UnknownCurrency as error:
            raise GraphQLError(str(error)) from error
        user = context.user
        assert isinstance(user, AbstractBaseUser)  # anonymous readers were refused above
        return StatementValue(
            statement=statement,
            request=StatementRequest(
                wanted,
                currency,
                chosen,
                language_or_default(enum_value(language) or context.language),
            ),
            user_id=int(user.pk),
            token_version=int(getattr(user, "token_version", 0)),
        )

    @staticmethod
    def resolve_cooperative_payout_settings(root: Any, info: Any, cooperative_id: str) -> Any:
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        _require_reads(info, Party(PartyKind.COOPERATIVE, pk))
        (settings,) = payout_access.cooperative_payout_settings([pk])
        return settings


class Mutation(stripe_schema.Mutation, graphene.ObjectType):
    split_rule_set = SplitRuleSet.Field()
    payout_policy_set = PayoutPolicySet.Field()
