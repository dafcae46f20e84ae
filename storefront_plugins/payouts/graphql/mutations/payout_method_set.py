from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import (
    PayoutMethod,
    PayoutRailEnum,
)
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.payout_settings import MethodInput, set_payout_method
from storefront_plugins.payouts.splits import Party, PartyKind


class PayoutMethodInput(graphene.InputObjectType):
    artisan_id = graphene.ID(description="The artisan paid; omit for the cooperative.")
    cooperative_id = graphene.ID(
        description="The cooperative paid, or the one a treasurer acts for (an artisan's)."
    )
    rail = graphene.Field(PayoutRailEnum, required=True)
    holder_name = graphene.String()
    rib = graphene.String(description="Moroccan RIB, 24 digits (spaces allowed).")
    wallet_number = graphene.String()
    wallet_provider = graphene.String()


class PayoutMethodSet(graphene.Mutation):
    """Sets how an artisan (by themself or their treasurer) or a cooperative is paid."""

    class Arguments:
        input = PayoutMethodInput(required=True)

    method = graphene.Field(PayoutMethod)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "PayoutMethodSet":
        signed_in_user(info)
        viewer = viewer_of(info)
        cooperative = (
            pk_from_global_id(input.cooperative_id, "Cooperative") if input.cooperative_id else None
        )
        if input.artisan_id:
            party = Party(PartyKind.ARTISAN, pk_from_global_id(input.artisan_id, "Artisan"))
        elif cooperative is not None:
            party = Party(PartyKind.COOPERATIVE, cooperative)
        else:
            raise GraphQLError("Provide `artisanId` or `cooperativeId`.")
        rail = input.rail.value if hasattr(input.rail, "value") else input.rail
        method = MethodInput(
            party=party,
            rail=rail,
            cooperative_id=cooperative,
            holder_name=input.holder_name or "",
            rib=input.rib or "",
            wallet_number=input.wallet_number or "",
            wallet_provider=input.wallet_provider or "",
        )
        return payload(cls, lambda: {"method": set_payout_method(viewer, method)})
