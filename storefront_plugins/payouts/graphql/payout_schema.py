"""Paying out in the App's GraphQL API (`storefront_plugins.api.schema` mixes these in)."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.pagination import paginate
from storefront_plugins.payouts.graphql.mutations.payout_approve import PayoutApprove
from storefront_plugins.payouts.graphql.mutations.payout_cancel import PayoutCancel
from storefront_plugins.payouts.graphql.mutations.payout_method_set import PayoutMethodSet
from storefront_plugins.payouts.graphql.mutations.payout_record_manual_payment import (
    PayoutRecordManualPayment,
)
from storefront_plugins.payouts.graphql.mutations.payout_run_start import PayoutRunStart
from storefront_plugins.payouts.graphql.mutations.payout_schedule_set import PayoutScheduleSet
from storefront_plugins.payouts.graphql.payout_types import (
    Payout,
    PayoutRun,
    PayoutRunCountableConnection,
)
from storefront_plugins.payouts.runs import runs_of


class PayoutRunQuery(graphene.ObjectType):
    payout_run = graphene.Field(
        PayoutRun, id=graphene.ID(required=True), description="For its cooperative's treasury."
    )
    payout_runs = graphene.relay.ConnectionField(
        PayoutRunCountableConnection,
        cooperative_id=graphene.ID(required=True),
        description="A cooperative's payout runs, newest first, for its treasury.",
    )
    payout = graphene.Field(
        Payout, id=graphene.ID(required=True), description="For its artisan and the treasury."
    )

    @staticmethod
    def resolve_payout_run(root: Any, info: Any, id: str) -> Any:
        return graphene.relay.Node.get_node_from_global_id(info, id, only_type=PayoutRun)

    @staticmethod
    def resolve_payout_runs(root: Any, info: Any, cooperative_id: str, **args: Any) -> Any:
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        try:
            runs = runs_of(viewer_of(info), pk)
        except ValidationError as error:
            raise GraphQLError("No such cooperative.") from error
        return paginate(runs, args, PayoutRunCountableConnection)

    @staticmethod
    def resolve_payout(root: Any, info: Any, id: str) -> Any:
        return graphene.relay.Node.get_node_from_global_id(info, id, only_type=Payout)


class PayoutRunMutation(graphene.ObjectType):
    payout_run_start = PayoutRunStart.Field()
    payout_record_manual_payment = PayoutRecordManualPayment.Field()
    payout_approve = PayoutApprove.Field()
    payout_cancel = PayoutCancel.Field()
    payout_method_set = PayoutMethodSet.Field()
    payout_schedule_set = PayoutScheduleSet.Field()
