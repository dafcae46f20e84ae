from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import Payout
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.manual_payments import approve_payout


class PayoutApprove(graphene.Mutation):
    """The second approval of a recorded manual payment (not by the one who recorded it)."""

    class Arguments:
        id = graphene.ID(required=True)

    payout = graphene.Field(Payout)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> "PayoutApprove":
        user = signed_in_user(info)
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Payout")
        return payload(cls, lambda: {"payout": approve_payout(viewer, user, pk)})
