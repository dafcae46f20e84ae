from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import (
    PayoutFrequencyEnum,
    PayoutSchedule,
)
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.payout_settings import ScheduleInput, set_payout_schedule


class PayoutMinimumInput(graphene.InputObjectType):
    currency = graphene.String(required=True)
    amount = graphene.Int(required=True, description="Minor units (centimes for MAD).")


class PayoutScheduleInput(graphene.InputObjectType):
    frequency = graphene.Field(PayoutFrequencyEnum, required=True)
    weekday = graphene.Int(description="0 = Monday ... 6 = Sunday (weekly).")
    day_of_month = graphene.Int(description="1-28 (monthly).")
    minimums = graphene.List(graphene.NonNull(PayoutMinimumInput))
    requires_second_approval = graphene.Boolean()


class PayoutScheduleSet(graphene.Mutation):
    """A treasurer or manager sets when the cooperative's payouts run."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        input = PayoutScheduleInput(required=True)

    schedule = graphene.Field(PayoutSchedule)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, input: Any) -> "PayoutScheduleSet":
        signed_in_user(info)
        viewer = viewer_of(info)
        frequency = input.frequency.value if hasattr(input.frequency, "value") else input.frequency
        schedule = ScheduleInput(
            cooperative_id=pk_from_global_id(cooperative_id, "Cooperative"),
            frequency=frequency,
            weekday=input.weekday,
            day_of_month=input.day_of_month,
            minimums={m.currency.upper(): m.amount for m in input.minimums or []},
            requires_second_approval=bool(input.requires_second_approval),
        )
        return payload(cls, lambda: {"schedule": set_payout_schedule(viewer, schedule)})
