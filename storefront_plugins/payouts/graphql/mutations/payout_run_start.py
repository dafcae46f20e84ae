from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import PayoutRun
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.runs import request_payout_run


class PayoutRunStart(graphene.Mutation):
    """A treasurer or manager starts a payout run of their cooperative in one currency."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        currency = graphene.String(required=True)

    run = graphene.Field(PayoutRun)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, currency: str) -> "PayoutRunStart":
        user = signed_in_user(info)
        viewer = viewer_of(info)
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        return payload(
            cls,
            lambda: {"run": request_payout_run(viewer, user, pk, currency.strip().upper()).run},
        )
