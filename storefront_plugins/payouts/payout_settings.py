"""A cooperative's payout schedule and each party's payout method: validate, then write.

- `set_payout_schedule(viewer, ScheduleInput)`: treasurers and managers of the cooperative.
- `set_payout_method(viewer, MethodInput)`: the artisan for themself; a treasurer or manager
  for the cooperative and its members (`access.check_sets_method_of`). The new method becomes
  the party's default (the previous one is kept, no longer default: payouts already made
  with it keep pointing at it). A bank transfer needs a valid Moroccan RIB (key checked) and
  a holder name; a mobile wallet its number; Stripe Connect needs nothing here (the connected
  account is the Stripe layer's).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import cooperative_payout_terms
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import Frequency, PayoutMethod, PayoutSchedule, Rail
from storefront_plugins.payouts.payout_access import (
    check_runs_payouts_of,
    check_sets_method_of,
    not_found,
)
from storefront_plugins.payouts.rib import is_valid_rib, normalize_rib
from storefront_plugins.payouts.splits import CURRENCY_EXPONENTS, Party, PartyKind

WALLET_NUMBER = re.compile(r"^\+?[0-9]{8,15}$")


@dataclass(frozen=True)
class ScheduleTerms:
    """What a run needs of its cooperative's schedule (defaults without one: manual, no
    minimum, no second approval)."""

    frequency: Frequency
    minimums: dict[str, int]
    requires_second_approval: bool

    def minimum_for(self, currency: str) -> int:
        return max(1, self.minimums.get(currency, 1))


def schedule_terms(cooperative_id: int) -> ScheduleTerms:
    row = PayoutSchedule.objects.filter(cooperative_id=cooperative_id).first()
    if row is None:
        return ScheduleTerms(Frequency.MANUAL, {}, False)
    return ScheduleTerms(Frequency(row.frequency), dict(row.minimums), row.requires_second_approval)


def validate_cooperative_exists(cooperative_id: int) -> None:
    if not cooperative_payout_terms(ids=[cooperative_id]):
        raise not_found("cooperative", "Cooperative")


def _error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


@dataclass(frozen=True)
class ScheduleInput:
    cooperative_id: int
    frequency: str
    weekday: int | None = None
    day_of_month: int | None = None
    minimums: dict[str, int] = field(default_factory=dict)  # minor units per currency
    requires_second_approval: bool = False


def validate_schedule(schedule: ScheduleInput) -> None:
    if schedule.frequency not in Frequency.values:
        raise _error("frequency", "Weekly, monthly or manual.", PayoutErrorCode.INVALID)
    if schedule.frequency == Frequency.WEEKLY and not (
        schedule.weekday is not None and 0 <= schedule.weekday <= 6
    ):
        raise _error("weekday", "0 (Monday) to 6 (Sunday).", PayoutErrorCode.OUT_OF_RANGE)
    if schedule.frequency == Frequency.MONTHLY and not (
        schedule.day_of_month is not None and 1 <= schedule.day_of_month <= 28
    ):
        raise _error("dayOfMonth", "A day from 1 to 28.", PayoutErrorCode.OUT_OF_RANGE)
    for currency, amount in schedule.minimums.items():
        if currency not in CURRENCY_EXPONENTS:
            raise _error(
                "minimums", f"Unknown currency {currency}.", PayoutErrorCode.UNKNOWN_CURRENCY
            )
        if amount < 0:
            raise _error("minimums", "A minimum is not negative.", PayoutErrorCode.OUT_OF_RANGE)


@transaction.atomic
def set_payout_schedule(viewer: Viewer, schedule: ScheduleInput) -> PayoutSchedule:
    validate_cooperative_exists(schedule.cooperative_id)
    check_runs_payouts_of(viewer, schedule.cooperative_id)
    validate_schedule(schedule)
    weekly = schedule.frequency == Frequency.WEEKLY
    monthly = schedule.frequency == Frequency.MONTHLY
    row, _ = PayoutSchedule.objects.update_or_create(
        cooperative_id=schedule.cooperative_id,
        defaults={
            "frequency": schedule.frequency,
            "weekday": schedule.weekday if weekly else None,
            "day_of_month": schedule.day_of_month if monthly else None,
            "minimums": dict(schedule.minimums),
            "requires_second_approval": schedule.requires_second_approval,
        },
    )
    return row


@dataclass(frozen=True)
class MethodInput:
    party: Party
    rail: str
    cooperative_id: int | None = None  # the cooperative a treasurer acts for
    holder_name: str = ""
    rib: str = ""
    wallet_number: str = ""
    wallet_provider: str = ""


def validate_method(method: MethodInput) -> MethodInput:
    """The input, normalized (RIB without separators); raises on what a rail cannot use."""
    if method.rail not in Rail.values:
        raise _error("rail", "An unknown payout rail.", PayoutErrorCode.INVALID)
    holder = method.holder_name.strip()
    rib = normalize_rib(method.rib)
    wallet = method.wallet_number.replace(" ", "")
    if method.rail == Rail.BANK_TRANSFER:
        if not holder:
            raise _error("holderName", "The account holder's name.", PayoutErrorCode.REQUIRED)
        if not is_valid_rib(rib):
            raise _error(
                "rib",
                "A RIB is 24 digits whose last two are its key; this one's key does not match.",
                PayoutErrorCode.INVALID_RIB,
            )
    if method.rail == Rail.MOBILE_WALLET and not WALLET_NUMBER.match(wallet):
        raise _error("walletNumber", "The wallet's phone number.", PayoutErrorCode.INVALID)
    return MethodInput(
        party=method.party,
        rail=method.rail,
        cooperative_id=method.cooperative_id,
        holder_name=holder,
        rib=rib if method.rail == Rail.BANK_TRANSFER else "",
        wallet_number=wallet if method.rail == Rail.MOBILE_WALLET else "",
        wallet_provider=method.wallet_provider.strip() if method.rail == Rail.MOBILE_WALLET else "",
    )


@transaction.atomic
def set_payout_method(viewer: Viewer, method: MethodInput) -> PayoutMethod:
    if method.cooperative_id is not None:
        validate_cooperative_exists(method.cooperative_id)
    check_sets_method_of(viewer, method.party, method.cooperative_id)
    valid = validate_method(method)
    party = valid.party
    PayoutMethod.objects.select_for_update().filter(
        party_kind=party.kind, party_id=party.id, is_default=True
    ).update(is_default=False)
    return PayoutMethod.objects.create(
        party_kind=party.kind,
        party_id=party.id,
        rail=valid.rail,
        holder_name=valid.holder_name,
        rib=valid.rib,
        wallet_number=valid.wallet_number,
        wallet_provider=valid.wallet_provider,
        is_default=True,
    )


def default_methods(parties: Iterable[Party]) -> dict[Party, PayoutMethod]:
    """One query: each party's default payout method."""
    wanted = list(parties)
    by_kind: dict[str, list[int]] = {}
    for party in wanted:
        by_kind.setdefault(party.kind, []).append(party.id)
    rows = PayoutMethod.objects.none()
    for kind, ids in by_kind.items():
        rows = rows | PayoutMethod.objects.filter(
            party_kind=kind, party_id__in=ids, is_default=True
        )
    return {Party(PartyKind(m.party_kind), m.party_id): m for m in rows}
