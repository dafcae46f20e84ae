"""Stripe Connect onboarding of artisans and cooperatives, for the GraphQL layer.

Who may start it: an artisan for themselves, a cooperative's manager for the cooperative.
Who may read the account's status: the artisan; the cooperative's managers and treasurers.
Permission decisions are the directory's (`artisans.permissions.Viewer`); the Stripe side
is `stripe_gateway.connect`. Errors carry `StripeErrorCode`s.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.stripe_gateway.connect import (
    ConnectedAccountState,
    OnboardingLink,
    connected_account_for,
    create_or_get_express_account,
    onboarding_link,
)
from storefront_plugins.stripe_gateway.error_codes import StripeErrorCode


@dataclass(frozen=True)
class OnboardingStarted:
    party: Party
    link: OnboardingLink


def validate_party_choice(artisan_id: int | None, cooperative_id: int | None) -> Party:
    if (artisan_id is None) == (cooperative_id is None):
        raise ValidationError(
            "Name either an artisan or a cooperative.", code=StripeErrorCode.INVALID.value
        )
    if artisan_id is not None:
        return Party(PartyKind.ARTISAN, artisan_id)
    assert cooperative_id is not None
    return Party(PartyKind.COOPERATIVE, cooperative_id)


def access_party_for_onboarding(viewer: Viewer, party: Party) -> Party:
    allowed = (
        viewer.can_edit_artisan(party.id)
        if party.kind == PartyKind.ARTISAN
        else viewer.manages(party.id)
    )
    if not allowed:
        raise PermissionDenied(
            "Artisans set up their own payouts; a cooperative's managers set up its payouts."
        )
    return party


def access_party_for_reading(viewer: Viewer, party: Party) -> Party:
    allowed = (
        viewer.can_edit_artisan(party.id)
        if party.kind == PartyKind.ARTISAN
        else viewer.reads_members_of(party.id)
    )
    if not allowed:
        raise PermissionDenied("Only the artisan, or the cooperative's managers and treasurers.")
    return party


def validate_return_urls(return_url: str, refresh_url: str) -> None:
    validate = URLValidator(schemes=["http", "https"])
    errors: dict[str, ValidationError] = {}
    for field, url in (("return_url", return_url), ("refresh_url", refresh_url)):
        try:
            validate(url)
        except ValidationError:
            errors[field] = ValidationError(
                "An http or https URL.", code=StripeErrorCode.INVALID.value
            )
    if errors:
        raise ValidationError(errors)


def validate_email(email: str) -> str:
    if not email:
        raise ValidationError(
            {"email": ValidationError("An email is required.", code=StripeErrorCode.REQUIRED.value)}
        )
    return email


def start_stripe_onboarding(
    viewer: Viewer,
    party: Party,
    *,
    country: str,
    email: str,
    return_url: str,
    refresh_url: str,
) -> OnboardingStarted:
    """The party's Express account (created once) and a fresh onboarding link to it."""
    access_party_for_onboarding(viewer, party)
    validate_return_urls(return_url, refresh_url)
    create_or_get_express_account(party, validate_email(email), country)
    return OnboardingStarted(party, onboarding_link(party, return_url, refresh_url))


def stripe_account_of(viewer: Viewer, party: Party | None) -> ConnectedAccountState | None:
    """The party's account; with no party named, the signed-in artisan's own."""
    if party is None:
        if viewer.is_anonymous:
            raise PermissionDenied("Sign in to see your Stripe account.")
        if viewer.artisan_id is None:
            return None
        party = Party(PartyKind.ARTISAN, viewer.artisan_id)
    access_party_for_reading(viewer, party)
    return connected_account_for(party)
