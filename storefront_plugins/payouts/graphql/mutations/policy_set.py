from typing import Any

import graphene

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts import configuration
from storefront_plugins.payouts.graphql.inputs import PayoutPolicyInput, enum_value
from storefront_plugins.payouts.graphql.mutations.base import payload, require_configures
from storefront_plugins.payouts.graphql.types import (
    HoldStartEnum,
    PayoutError,
    PayoutPolicy,
    ShippingToEnum,
)
from storefront_plugins.payouts.models import PayoutPolicy as PayoutPolicyModel
from storefront_plugins.payouts.splits import ShippingTo


def policy_type(row: PayoutPolicyModel) -> PayoutPolicy:
    return PayoutPolicy(
        hold_days=row.hold_days,
        hold_starts=HoldStartEnum.get(row.hold_starts),
        shipping_to=ShippingToEnum.get(row.shipping_to),
        is_default=False,
    )


class PayoutPolicySet(graphene.Mutation):
    """A cooperative's manager sets how long funds are held, from payment or fulfilment,
    and who is paid the shipping. Holds already started keep their end."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        input = PayoutPolicyInput(required=True)

    payout_policy = graphene.Field(PayoutPolicy)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, input: Any) -> "PayoutPolicySet":
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        require_configures(info, pk)
        policy = configuration.PayoutPolicyInput(
            cooperative_id=pk,
            hold_days=input["hold_days"],
            hold_starts=enum_value(input["hold_starts"]),
            shipping_to=enum_value(input.get("shipping_to")) or ShippingTo.COOPERATIVE.value,
        )
        return payload(
            cls,
            lambda: {"payout_policy": policy_type(configuration.set_payout_policy(policy))},
        )
