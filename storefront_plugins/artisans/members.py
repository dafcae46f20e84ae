"""A cooperative's members as its managers see them, and suspending and reinstating them.

A suspended member stays listed with their role but acts with none (`viewer_for` ignores
the membership) until reinstated; suspending follows the rules of roles: the cooperative's
managers decide, a manager cannot suspend themself, and the last active manager stays."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from storefront_plugins.accounts.tasks import enqueue_invitation
from storefront_plugins.artisans.error_codes import ArtisanErrorCode
from storefront_plugins.artisans.models import Cooperative, Membership
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import (
    MembershipResult,
    access_cooperative_for_management,
    membership_in,
    validate_keeps_a_manager,
)


@dataclass(frozen=True)
class CooperativeSummary:
    id: int
    name: str
    slug: str
    region: str
    city: str


@dataclass(frozen=True)
class Member:
    artisan_id: int
    name: str
    slug: str
    role: str
    joined_at: datetime
    suspended_at: datetime | None
    email: str  # "" for an artisan without an account
    has_password: bool  # False: invited, no password chosen yet (or no account)

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_invited(self) -> bool:
        """Has an account whose owner never chose a password: the invitation may go again."""
        return bool(self.email) and not self.has_password


@dataclass(frozen=True)
class CooperativeMembers:
    cooperative: CooperativeSummary
    members: list[Member]
    can_manage: bool  # change roles, suspend, reinstate (the cooperative's managers)
    can_invite: bool  # add artisans and send invitations (managers and Souk's staff)


SUMMARY_FIELDS = ("pk", "name", "slug", "region", "city")


def cooperatives_to_manage(viewer: Viewer) -> list[CooperativeSummary]:
    """One query (none for a viewer who manages nothing): the cooperatives the viewer
    manages, every cooperative for Souk's staff, by name."""
    if viewer.is_platform_staff:
        cooperatives = Cooperative.objects.all()
    elif viewer.managed_cooperative_ids:
        cooperatives = Cooperative.objects.filter(pk__in=viewer.managed_cooperative_ids)
    else:
        return []
    rows = cooperatives.order_by("name", "pk").values_list(*SUMMARY_FIELDS)
    return [CooperativeSummary(*row) for row in rows]


def cooperative_summary(viewer: Viewer, cooperative_id: int) -> CooperativeSummary:
    """One query: a cooperative the viewer manages (or any, for Souk's staff); PermissionDenied
    for any other, existing or not, so that callers answer both the same."""
    if not viewer.lists_members_of(cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff.")
    row = Cooperative.objects.filter(pk=cooperative_id).values_list(*SUMMARY_FIELDS).first()
    if row is None:
        raise PermissionDenied("No such cooperative.")
    return CooperativeSummary(*row)


def cooperative_members(viewer: Viewer, cooperative_id: int) -> CooperativeMembers:
    """Two queries: the cooperative and its members (with their accounts), by name."""
    cooperative = cooperative_summary(viewer, cooperative_id)
    memberships = (
        Membership.objects.filter(cooperative_id=cooperative_id)
        .select_related("artisan__user")
        .only(
            "role",
            "joined_at",
            "suspended_at",
            "artisan__name",
            "artisan__slug",
            "artisan__user__email",
            "artisan__user__password",
        )
        .order_by("artisan__name", "pk")
    )
    members = [
        Member(
            artisan_id=m.artisan_id,
            name=m.artisan.name,
            slug=m.artisan.slug,
            role=m.role,
            joined_at=m.joined_at,
            suspended_at=m.suspended_at,
            email=m.artisan.user.email if m.artisan.user else "",
            has_password=bool(m.artisan.user and m.artisan.user.has_usable_password()),
        )
        for m in memberships
    ]
    return CooperativeMembers(
        cooperative=cooperative,
        members=members,
        can_manage=viewer.manages(cooperative_id),
        can_invite=viewer.can_add_artisans_to(cooperative_id),
    )


def validate_not_self(viewer: Viewer, artisan_id: int) -> None:
    if viewer.artisan_id == artisan_id:
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "A manager cannot suspend themself.",
                    code=ArtisanErrorCode.CANNOT_SUSPEND_SELF.value,
                )
            }
        )


@transaction.atomic
def suspend_member(viewer: Viewer, cooperative_id: int, artisan_id: int) -> MembershipResult:
    """The member keeps their place and role but acts with none from their next request;
    suspending a suspended member changes nothing."""
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    membership = membership_in(cooperative, artisan_id)
    validate_not_self(viewer, artisan_id)
    if membership.is_suspended:
        return MembershipResult(membership=membership, cooperative=cooperative)
    validate_keeps_a_manager(cooperative, membership, None)
    membership.suspended_at = timezone.now()
    membership.suspended_by_id = viewer.user_id
    membership.save(update_fields=["suspended_at", "suspended_by"])
    return MembershipResult(membership=membership, cooperative=cooperative)


@transaction.atomic
def reinstate_member(viewer: Viewer, cooperative_id: int, artisan_id: int) -> MembershipResult:
    """The member acts with their role again; reinstating an active member changes nothing."""
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    membership = membership_in(cooperative, artisan_id)
    if membership.is_suspended:
        membership.suspended_at = None
        membership.suspended_by_id = None
        membership.save(update_fields=["suspended_at", "suspended_by"])
    return MembershipResult(membership=membership, cooperative=cooperative)


def resend_invitation(viewer: Viewer, cooperative_id: int, artisan_id: int) -> None:
    """The invitation e-mail again, for a member whose account has no password yet (the
    link of the first one expired or was lost). Sent after commit."""
    if not viewer.can_add_artisans_to(cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff invite.")
    membership = (
        Membership.objects.filter(cooperative_id=cooperative_id, artisan_id=artisan_id)
        .select_related("artisan__user", "cooperative")
        .first()
    )
    if membership is None:
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "Not a member of this cooperative.", code=ArtisanErrorCode.NOT_A_MEMBER.value
                )
            }
        )
    user = membership.artisan.user
    if user is None or user.has_usable_password():
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "This member has no account waiting for a password.",
                    code=ArtisanErrorCode.ALREADY_HAS_ACCOUNT.value,
                )
            }
        )
    enqueue_invitation(user.pk, membership.artisan.name, membership.cooperative.name)
