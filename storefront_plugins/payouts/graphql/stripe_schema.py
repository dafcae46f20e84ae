"""Stripe Connect onboarding in the App's API: `stripeOnboardingStart` and the connected
account's status for the viewer (`stripeConnectedAccount`)."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.mutations.stripe_onboarding_start import (
    StripeOnboardingStart,
)
from storefront_plugins.payouts.graphql.stripe_types import StripeConnectedAccount
from storefront_plugins.payouts.stripe_onboarding import stripe_account_of, validate_party_choice
from storefront_plugins.stripe_gateway.connect import ConnectedAccountState


class Query(graphene.ObjectType):
    stripe_connected_account = graphene.Field(
        StripeConnectedAccount,
        artisan_id=graphene.ID(),
        cooperative_id=graphene.ID(),
        description="The Stripe account of an artisan (for themselves) or of a cooperative "
        "(for its managers and treasurers); with neither named, the signed-in artisan's own. "
        "Null when there is none.",
    )

    @staticmethod
    def resolve_stripe_connected_account(
        root: Any, info: Any, artisan_id: str | None = None, cooperative_id: str | None = None
    ) -> ConnectedAccountState | None:
        party = None
        if artisan_id or cooperative_id:
            try:
                party = validate_party_choice(
                    pk_from_global_id(artisan_id, "Artisan") if artisan_id else None,
                    pk_from_global_id(cooperative_id, "Cooperative") if cooperative_id else None,
                )
            except ValidationError as error:
                raise GraphQLError(" ".join(error.messages)) from error
        return stripe_account_of(viewer_of(info), party)


class Mutation(graphene.ObjectType):
    stripe_onboarding_start = StripeOnboardingStart.Field()
