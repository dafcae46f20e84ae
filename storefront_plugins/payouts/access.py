"""Who reads whose payouts, and the reads the API serves with that answer.

- An artisan reads their own balances, entries, splits and statements.
- A cooperative's manager or treasurer reads the cooperative's and its members'.
- Platform staff (`is_staff`) read everything, the platform's included.
- Anonymous visitors read nothing.
- A cooperative's split rules and payout policy: read by whoever reads the cooperative,
  changed by its managers and staff.

`ledger_access_for(user)` asks the directory (`artisans.services`) who the user is there
(two queries at most); `LedgerAccess` decides, pure.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import payout_reader_for, viewer_for
from storefront_plugins.payouts.models import (
    HoldStart,
    LedgerEntry,
    LedgerOrder,
    PayoutPolicy,
    SplitRule,
)
from storefront_plugins.payouts.rules import Policy, policy_for
from storefront_plugins.payouts.services import posted_split
from storefront_plugins.payouts.splits import Component, Party, PartyKind, ShippingTo, Split


@dataclass(frozen=True)
class LedgerAccess:
    staff: bool = False
    artisan_ids: frozenset[int] = frozenset()
    cooperative_ids: frozenset[int] = frozenset()  # manager or treasurer
    managed_cooperative_ids: frozenset[int] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return not (self.staff or self.artisan_ids or self.cooperative_ids)

    def reads(self, party: Party) -> bool:
        if self.staff:
            return True
        if party.kind == PartyKind.ARTISAN:
            return party.id in self.artisan_ids
        if party.kind == PartyKind.COOPERATIVE:
            return party.id in self.cooperative_ids
        return False

    def configures(self, cooperative_id: int) -> bool:
        return self.staff or cooperative_id in self.managed_cooperative_ids

    def party_condition(self, prefix: str = "") -> Q:
        """The readable parties as a filter on accounts (`prefix` "account__" for entries)."""
        if self.staff:
            return Q()
        return Q(
            **{f"{prefix}party_kind": PartyKind.ARTISAN, f"{prefix}party_id__in": self.artisan_ids}
        ) | Q(
            **{
                f"{prefix}party_kind": PartyKind.COOPERATIVE,
                f"{prefix}party_id__in": self.cooperative_ids,
            }
        )


NO_ACCESS = LedgerAccess()


def ledger_access_for(
    user: AbstractBaseUser | AnonymousUser | None, viewer: Viewer | None = None
) -> LedgerAccess:
    """`viewer`: the user's, when the caller has it already (one query less)."""
    if user is None or not user.is_authenticated:
        return NO_ACCESS
    if getattr(user, "is_staff", False):
        return LedgerAccess(staff=True)
    reader = payout_reader_for(viewer if viewer is not None else viewer_for(user))
    return LedgerAccess(
        artisan_ids=reader.artisan_ids,
        cooperative_ids=reader.cooperative_ids,
        managed_cooperative_ids=reader.managed_cooperative_ids,
    )


@dataclass(frozen=True)
class EntryFilter:
    party: Party | None = None
    currency: str | None = None
    account_kinds: tuple[str, ...] = ()
    transaction_kinds: tuple[str, ...] = ()
    first_day: date | None = None  # inclusive, UTC
    last_day: date | None = None


def visible_entries(access: LedgerAccess, entry_filter: EntryFilter) -> "QuerySet[LedgerEntry]":
    """Entries of the parties `access` reads, newest first, with their account, transaction
    and order (one query per page)."""
    entries = LedgerEntry.objects.filter(access.party_condition("account__"))
    if entry_filter.party is not None:
        entries = entries.filter(
            account__party_kind=entry_filter.party.kind, account__party_id=entry_filter.party.id
        )
    if entry_filter.currency:
        entries = entries.filter(account__currency=entry_filter.currency)
    if entry_filter.account_kinds:
        entries = entries.filter(account__kind__in=entry_filter.account_kinds)
    if entry_filter.transaction_kinds:
        entries = entries.filter(transaction__kind__in=entry_filter.transaction_kinds)
    if entry_filter.first_day is not None:
        entries = entries.filter(transaction__created_at__date__gte=entry_filter.first_day)
    if entry_filter.last_day is not None:
        entries = entries.filter(transaction__created_at__date__lte=entry_filter.last_day)
    return entries.select_related("account", "transaction", "transaction__order").order_by(
        "-transaction__created_at", "-pk"
    )


def visible_split(access: LedgerAccess, saleor_order_id: str) -> tuple[Split, str] | None:
    """What each party the viewer reads got from a paid order (the parts of others left
    out, components without a visible part dropped), with the order's number; None when
    the order is unknown, unpaid, or nothing in it is the viewer's (two queries)."""
    order = (
        LedgerOrder.objects.filter(saleor_order_id=saleor_order_id)
        .values_list("saleor_api_url", "order_number")
        .first()
    )
    if order is None:
        return None
    split = posted_split(order[0], saleor_order_id)
    if split is None:
        return None
    components = tuple(
        Component(
            key=component.key,
            gross=component.gross,
            quantity=component.quantity,
            parts={k: v for k, v in component.parts.items() if access.reads(k[0])},
        )
        for component in split.components
    )
    visible = tuple(c for c in components if c.parts)
    if not visible:
        return None
    return Split(currency=split.currency, total=split.total, components=visible), order[1]


@dataclass(frozen=True)
class CooperativePayoutSettings:
    cooperative_id: int
    split_rules: tuple[SplitRule, ...]
    policy: Policy
    policy_is_default: bool  # no PayoutPolicy row: the SOUK_PAYOUT_HOLD_* settings apply


def cooperative_payout_settings(cooperative_ids: Iterable[int]) -> list[CooperativePayoutSettings]:
    """Two queries for any number of cooperatives."""
    ids = list(cooperative_ids)
    rules: dict[int, list[SplitRule]] = {pk: [] for pk in ids}
    for rule in SplitRule.objects.filter(cooperative_id__in=ids).order_by("category_slug", "pk"):
        rules[rule.cooperative_id].append(rule)
    policies = {
        row.cooperative_id: Policy(
            row.hold_days, HoldStart(row.hold_starts), ShippingTo(row.shipping_to)
        )
        for row in PayoutPolicy.objects.filter(cooperative_id__in=ids)
    }
    default = policy_for(None)
    return [
        CooperativePayoutSettings(
            cooperative_id=pk,
            split_rules=tuple(rules[pk]),
            policy=policies.get(pk, default),
            policy_is_default=pk not in policies,
        )
        for pk in ids
    ]
