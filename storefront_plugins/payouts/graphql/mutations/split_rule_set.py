from typing import Any

import graphene

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts import configuration
from storefront_plugins.payouts.graphql.inputs import SplitRuleInput
from storefront_plugins.payouts.graphql.mutations.base import payload, require_configures
from storefront_plugins.payouts.graphql.types import PayoutError, SplitRule


class SplitRuleSet(graphene.Mutation):
    """A cooperative's manager sets its split for all its products or one Saleor category:
    commission and platform fee in basis points (null: the defaults). Applies to orders
    paid from now on."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        input = SplitRuleInput(required=True)

    split_rule = graphene.Field(SplitRule)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, input: Any) -> "SplitRuleSet":
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        require_configures(info, pk)
        rule = configuration.SplitRuleInput(
            cooperative_id=pk,
            category_slug=input.get("category_slug") or "",
            commission_bp=input.get("commission_bp"),
            platform_fee_bp=input.get("platform_fee_bp"),
        )
        return payload(cls, lambda: {"split_rule": configuration.set_split_rule(rule)})
