from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import Payout
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.payout_flow import cancel_payout


class PayoutCancel(graphene.Mutation):
    """Cancels a payout not yet paid (a recorded manual payment refused at approval too):
    its amount is payable again."""

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    payout = graphene.Field(Payout)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, reason: str = "") -> "PayoutCancel":
        user = signed_in_user(info)
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Payout")
        return payload(cls, lambda: {"payout": cancel_payout(viewer, user, pk, reason or "")})
