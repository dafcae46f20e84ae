"""A cooperative's unattributed funds in the App's GraphQL API (`storefront_plugins.api.schema`
mixes these in): what may be allocated, and allocating it to member artisans."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from storefront_plugins.core.graphql.errors import PermissionDeniedError
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.context import ledger_access_of
from storefront_plugins.payouts.graphql.mutations.unattributed_funds_allocate import (
    UnattributedFundsAllocate,
)
from storefront_plugins.payouts.graphql.unattributed_types import UnattributedFunds
from storefront_plugins.payouts.unattributed import COOPERATIVE_FIELD, access_unattributed_funds
from storefront_plugins.payouts.unattributed import UnattributedFunds as Funds


class UnattributedFundsQuery(graphene.ObjectType):
    unattributed_funds = graphene.Field(
        UnattributedFunds,
        cooperative_id=graphene.ID(required=True),
        currency=graphene.String(required=True),
        description="A cooperative's makers' shares of pieces sold without a known artisan: "
        "for its managers, treasurers and platform staff.",
    )

    @staticmethod
    def resolve_unattributed_funds(
        root: Any, info: Any, cooperative_id: str, currency: str
    ) -> Funds:
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        try:
            return access_unattributed_funds(ledger_access_of(info), pk, currency.strip().upper())
        except ValidationError as error:
            if COOPERATIVE_FIELD in error.error_dict:
                raise PermissionDeniedError() from error
            raise GraphQLError(" ".join(error.messages)) from error


class UnattributedFundsMutation(graphene.ObjectType):
    unattributed_funds_allocate = UnattributedFundsAllocate.Field()
