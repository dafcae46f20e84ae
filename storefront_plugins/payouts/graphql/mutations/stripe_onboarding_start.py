from typing import Any

import graphene
from django.core.exceptions import ValidationError

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.errors import MutationError, errors_from_validation_error
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.stripe_types import (
    StripeConnectedAccount,
    StripeOnboardingError,
)
from storefront_plugins.payouts.stripe_onboarding import (
    start_stripe_onboarding,
    validate_party_choice,
)
from storefront_plugins.stripe_gateway.client import StripeUnavailable
from storefront_plugins.stripe_gateway.error_codes import StripeErrorCode


class StripeOnboardingStart(graphene.Mutation):
    """An artisan (for themselves) or a cooperative's manager (for the cooperative) starts or
    resumes Stripe Connect onboarding: the Express account is created once, and a fresh
    single-use onboarding URL is returned. Stripe Connect is not available in Morocco or
    Algeria (STRIPE_NOT_AVAILABLE_IN_COUNTRY): payouts there use the manual rails."""

    class Arguments:
        artisan_id = graphene.ID(description="The artisan to onboard (themselves).")
        cooperative_id = graphene.ID(description="The cooperative to onboard (its manager).")
        country = graphene.String(
            required=True,
            description="ISO 3166-1 alpha-2 code of the country where the artisan or the "
            "cooperative is established and banks (e.g. FR, ES).",
        )
        email = graphene.String(description="The account's email; the viewer's by default.")
        return_url = graphene.String(required=True, description="Where Stripe sends back.")
        refresh_url = graphene.String(
            required=True, description="Where Stripe sends an expired or used link."
        )

    onboarding_url = graphene.String()
    expires_at = graphene.DateTime()
    connected_account = graphene.Field(StripeConnectedAccount)
    errors = graphene.List(graphene.NonNull(StripeOnboardingError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        country: str,
        return_url: str,
        refresh_url: str,
        artisan_id: str | None = None,
        cooperative_id: str | None = None,
        email: str | None = None,
    ) -> "StripeOnboardingStart":
        viewer = viewer_of(info)
        try:
            party = validate_party_choice(
                pk_from_global_id(artisan_id, "Artisan") if artisan_id else None,
                pk_from_global_id(cooperative_id, "Cooperative") if cooperative_id else None,
            )
            started = start_stripe_onboarding(
                viewer,
                party,
                country=country,
                email=email or str(getattr(context_of(info).user, "email", "") or ""),
                return_url=return_url,
                refresh_url=refresh_url,
            )
        except ValidationError as error:
            return cls(errors=errors_from_validation_error(error, StripeErrorCode.INVALID))
        except StripeUnavailable as error:
            return cls(
                errors=[MutationError(field=None, code=error.code.value, message=error.message)]
            )
        return cls(
            errors=[],
            onboarding_url=started.link.url,
            expires_at=started.link.expires_at,
            connected_account=started.link.account,
        )
