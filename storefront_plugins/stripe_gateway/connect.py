"""Stripe Connect (Express) accounts of artisans and cooperatives: the only writers of
`ConnectedAccount`.

- `create_or_get_express_account(party, email, country)`: the party's account, created once.
  Refused with `STRIPE_NOT_AVAILABLE_IN_COUNTRY` where Stripe has no accounts (Morocco,
  Algeria: those parties use the manual rails). A pending row is written first; every try
  sends its country and email with the Idempotency-Key derived from the party and that row,
  so a lost answer, a retry or a concurrent call never makes a second Stripe account.
- `onboarding_link(party, return_url, refresh_url)`: an Account Link (account_onboarding).
- `connected_account_for(party)`, `connected_accounts_for(parties)`: `ConnectedAccountState`
  (`can_receive_transfers` says whether a transfer may be sent).
- `refresh_connected_account(party)`: retrieve the account from Stripe and keep its state.
- `account.updated` (a Connect event) keeps the state it carries unless a newer one is kept
  (compared by the event's `created`); an account Souk created whose row lost its id is
  linked again by the `souk_party_*` metadata.

`party` is anything with `kind` ("artisan" | "cooperative") and `id`: payouts' `Party`.
"""

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import stripe
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient, stripe_client
from storefront_plugins.stripe_gateway.countries import stripe_connect_available_in
from storefront_plugins.stripe_gateway.error_codes import StripeErrorCode
from storefront_plugins.stripe_gateway.handlers import StripeEventMessage, stripe_event_handler
from storefront_plugins.stripe_gateway.models import ConnectedAccount, TransfersStatus

logger = logging.getLogger(__name__)

PARTY_KINDS = ("artisan", "cooperative")


class PartyRef(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> int: ...


@dataclass(frozen=True)
class ConnectedAccountState:
    party_kind: str
    party_id: int
    stripe_account_id: str
    country: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool
    transfers_status: str
    requirements_due: tuple[str, ...]
    updated_at: datetime

    @property
    def can_receive_transfers(self) -> bool:
        """A transfer to this account is accepted: its `transfers` capability is active."""
        return self.transfers_status == TransfersStatus.ACTIVE

    @property
    def status(self) -> str:
        """`active` (transfers may be sent), `restricted` (details submitted, Stripe still
        wants something) or `onboarding` (details not submitted yet)."""
        if self.can_receive_transfers:
            return "active"
        return "restricted" if self.details_submitted else "onboarding"


@dataclass(frozen=True)
class OnboardingLink:
    url: str
    expires_at: datetime
    account: ConnectedAccountState


@dataclass(frozen=True)
class AccountSnapshot:
    """What Souk keeps of a Stripe account object."""

    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool
    transfers_status: str
    requirements_due: tuple[str, ...]


# Pure decisions


def snapshot_of(account: Mapping[str, Any]) -> AccountSnapshot:
    capabilities = account.get("capabilities") or {}
    requirements = account.get("requirements") or {}
    transfers = capabilities.get("transfers") or TransfersStatus.UNREQUESTED
    if transfers not in TransfersStatus.values:
        transfers = TransfersStatus.INACTIVE
    return AccountSnapshot(
        charges_enabled=bool(account.get("charges_enabled")),
        payouts_enabled=bool(account.get("payouts_enabled")),
        details_submitted=bool(account.get("details_submitted")),
        transfers_status=str(transfers),
        requirements_due=tuple(sorted(requirements.get("currently_due") or ())),
    )


def supersedes(as_of: int, kept_as_of: int | None) -> bool:
    """A state of time `as_of` replaces the kept one unless the kept one is newer. Stripe's
    times are seconds: two states of the same second are taken in arrival order."""
    return kept_as_of is None or as_of >= kept_as_of


def idempotency_key(party: PartyRef, attempt_pk: int) -> str:
    return f"souk-connect-account-{party.kind}-{party.id}-{attempt_pk}"


def validate_party(party: PartyRef) -> None:
    if str(party.kind) not in PARTY_KINDS or party.id <= 0:
        raise ValidationError(
            {"party": ValidationError(
                "Only artisans and cooperatives have Stripe accounts.",
                code=StripeErrorCode.INVALID.value,
            )}
        )  # fmt: skip


def validate_country(country: str) -> str:
    code = (country or "").strip().upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise ValidationError(
            {"country": ValidationError(
                "A country is its ISO 3166-1 alpha-2 code, such as FR or MA.",
                code=StripeErrorCode.INVALID_COUNTRY.value,
            )}
        )  # fmt: skip
    if not stripe_connect_available_in(code):
        raise ValidationError(
            {"country": ValidationError(
                f"Stripe Connect is not available in {code}: payouts there go through "
                "bank, cash or mobile transfers.",
                code=StripeErrorCode.STRIPE_NOT_AVAILABLE_IN_COUNTRY.value,
            )}
        )  # fmt: skip
    return code


# Reads


def _state(row: ConnectedAccount) -> ConnectedAccountState:
    assert row.stripe_account_id
    return ConnectedAccountState(
        party_kind=row.party_kind,
        party_id=row.party_id,
        stripe_account_id=row.stripe_account_id,
        country=row.country,
        charges_enabled=row.charges_enabled,
        payouts_enabled=row.payouts_enabled,
        details_submitted=row.details_submitted,
        transfers_status=row.transfers_status,
        requirements_due=tuple(row.requirements_due),
        updated_at=row.updated_at,
    )


def connected_account_for(party: PartyRef) -> ConnectedAccountState | None:
    """The party's Stripe account, or None when it has none (yet)."""
    row = ConnectedAccount.objects.filter(
        party_kind=str(party.kind), party_id=party.id, stripe_account_id__isnull=False
    ).first()
    return _state(row) if row else None


def connected_accounts_for(
    parties: Iterable[PartyRef],
) -> dict[tuple[str, int], ConnectedAccountState]:
    """One query: the accounts of these parties by (kind, id); parties without one omitted."""
    wanted = {(str(party.kind), party.id) for party in parties}
    if not wanted:
        return {}
    condition = Q()
    for kind in {kind for kind, _ in wanted}:
        condition |= Q(party_kind=kind, party_id__in=[i for k, i in wanted if k == kind])
    rows = ConnectedAccount.objects.filter(condition, stripe_account_id__isnull=False)
    return {(row.party_kind, row.party_id): _state(row) for row in rows}


# Writes


def create_or_get_express_account(
    party: PartyRef, email: str, country: str
) -> ConnectedAccountState:
    validate_party(party)
    country = validate_country(country)
    attempt = _begin_attempt(party, email, country)
    if attempt.stripe_account_id:
        return _state(attempt)
    try:
        account = stripe_client().v1.accounts.create(
            params={
                "type": "express",
                "country": attempt.country,
                "email": attempt.email,
                "capabilities": {"transfers": {"requested": True}},
                "metadata": {"souk_party_kind": str(party.kind), "souk_party_id": str(party.id)},
            },
            options={"idempotency_key": idempotency_key(party, attempt.pk)},
        )
    except stripe.StripeError as error:
        if not is_transient(error):
            # Stripe refused the parameters: no account was made, so a corrected call may
            # start a new attempt.
            ConnectedAccount.objects.filter(pk=attempt.pk, stripe_account_id=None).delete()
        raise _stripe_failure(error) from error
    return _link_account(attempt.pk, account.to_dict())


def _begin_attempt(party: PartyRef, email: str, country: str) -> ConnectedAccount:
    try:
        with transaction.atomic():
            row, _ = ConnectedAccount.objects.get_or_create(
                party_kind=str(party.kind),
                party_id=party.id,
                defaults={"country": country, "email": email or ""},
            )
    except IntegrityError:  # a concurrent call began it first
        row = ConnectedAccount.objects.get(party_kind=str(party.kind), party_id=party.id)
    return row


def _link_account(attempt_pk: int, account: Mapping[str, Any]) -> ConnectedAccountState:
    with transaction.atomic():
        row = ConnectedAccount.objects.select_for_update().get(pk=attempt_pk)
        if row.stripe_account_id is None:
            row.stripe_account_id = str(account["id"])
            _apply(row, snapshot_of(account), int(account.get("created") or time.time()))
        elif row.stripe_account_id != account["id"]:
            logger.error(
                "Party %s %s has Stripe account %s; Stripe answered %s.",
                row.party_kind,
                row.party_id,
                row.stripe_account_id,
                account["id"],
            )
        return _state(row)


def _apply(row: ConnectedAccount, snapshot: AccountSnapshot, as_of: int) -> None:
    row.charges_enabled = snapshot.charges_enabled
    row.payouts_enabled = snapshot.payouts_enabled
    row.details_submitted = snapshot.details_submitted
    row.transfers_status = snapshot.transfers_status
    row.requirements_due = list(snapshot.requirements_due)
    row.state_as_of = as_of
    row.save()


def onboarding_link(party: PartyRef, return_url: str, refresh_url: str) -> OnboardingLink:
    """A single-use link to Stripe's hosted onboarding for the party's account."""
    state = connected_account_for(party)
    if state is None:
        raise ValidationError(
            {"party": ValidationError(
                "This party has no Stripe account yet.",
                code=StripeErrorCode.STRIPE_ACCOUNT_REQUIRED.value,
            )}
        )  # fmt: skip
    try:
        link = stripe_client().v1.account_links.create(
            params={
                "account": state.stripe_account_id,
                "refresh_url": refresh_url,
                "return_url": return_url,
                "type": "account_onboarding",
            }
        )
    except stripe.StripeError as error:
        raise _stripe_failure(error) from error
    return OnboardingLink(
        url=link.url, expires_at=datetime.fromtimestamp(link.expires_at, UTC), account=state
    )


def refresh_connected_account(party: PartyRef) -> ConnectedAccountState | None:
    """Read the account from Stripe now (e.g. when onboarding returns) and keep its state."""
    state = connected_account_for(party)
    if state is None:
        return None
    try:
        account = stripe_client().v1.accounts.retrieve(state.stripe_account_id)
    except stripe.StripeError as error:
        raise _stripe_failure(error) from error
    return apply_account_state(account.to_dict(), as_of=int(time.time()))


def apply_account_state(account: Mapping[str, Any], *, as_of: int) -> ConnectedAccountState | None:
    """Keep a Stripe account object's state unless a newer one is kept; None for an account
    Souk does not know."""
    with transaction.atomic():
        row = (
            ConnectedAccount.objects.select_for_update()
            .filter(stripe_account_id=account["id"])
            .first()
        )
        if row is None:
            row = _relink(account)
        if row is None:
            logger.info("Stripe account %s is not one of Souk's parties'.", account["id"])
            return None
        if supersedes(as_of, row.state_as_of):
            _apply(row, snapshot_of(account), as_of)
        return _state(row)


def _relink(account: Mapping[str, Any]) -> ConnectedAccount | None:
    """The pending row of the party named in the account's metadata: its creation's answer
    was lost, and this is that account."""
    metadata = account.get("metadata") or {}
    kind, party_id = metadata.get("souk_party_kind"), metadata.get("souk_party_id")
    if kind not in PARTY_KINDS or not str(party_id or "").isdigit():
        return None
    row = (
        ConnectedAccount.objects.select_for_update()
        .filter(party_kind=kind, party_id=int(str(party_id)), stripe_account_id=None)
        .first()
    )
    if row is not None:
        row.stripe_account_id = str(account["id"])
    return row


def _stripe_failure(error: stripe.StripeError) -> Exception:
    if is_transient(error):
        return StripeUnavailable(f"Stripe did not answer: {error.user_message or error}")
    if isinstance(error, stripe.AuthenticationError | stripe.PermissionError):
        return StripeUnavailable(
            "Stripe refused the App's key.", code=StripeErrorCode.STRIPE_NOT_CONFIGURED
        )
    return ValidationError(
        str(error.user_message or error), code=StripeErrorCode.STRIPE_REFUSED.value
    )


# Event handlers


def update_connected_account(message: StripeEventMessage) -> None:
    """account.updated: the account's state as of the event, unless a newer one is kept."""
    apply_account_state(message.object, as_of=message.created)


def register_stripe_event_handlers() -> None:
    stripe_event_handler("account.updated")(update_connected_account)
