from typing import Any

import graphene

from storefront_plugins.stripe_gateway.connect import ConnectedAccountState
from storefront_plugins.stripe_gateway.error_codes import StripeErrorCode

StripeOnboardingErrorCodeEnum = graphene.Enum.from_enum(
    StripeErrorCode, name="StripeOnboardingErrorCode"
)


class StripeOnboardingError(graphene.ObjectType):
    field = graphene.String(description="The argument the error is about, or null.")
    code = graphene.Field(StripeOnboardingErrorCodeEnum, required=True)
    message = graphene.String(required=True)


class StripeConnectedAccountStatusEnum(graphene.Enum):
    ONBOARDING = "onboarding"
    RESTRICTED = "restricted"
    ACTIVE = "active"


class StripeConnectedAccount(graphene.ObjectType):
    """A Stripe Connect (Express) account an artisan or a cooperative is paid through."""

    stripe_account_id = graphene.String(required=True)
    country = graphene.String(required=True)
    status = graphene.Field(
        StripeConnectedAccountStatusEnum,
        required=True,
        description="ACTIVE: transfers may be sent; RESTRICTED: Stripe still wants details; "
        "ONBOARDING: details not submitted yet.",
    )
    can_receive_transfers = graphene.Boolean(required=True)
    charges_enabled = graphene.Boolean(required=True)
    payouts_enabled = graphene.Boolean(required=True)
    details_submitted = graphene.Boolean(required=True)
    requirements_due = graphene.List(graphene.NonNull(graphene.String), required=True)
    updated_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_status(root: ConnectedAccountState, info: Any) -> str:
        return root.status

    @staticmethod
    def resolve_requirements_due(root: ConnectedAccountState, info: Any) -> list[str]:
        return list(root.requirements_due)
