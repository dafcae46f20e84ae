"""The directory's reads and writes: access_* fetch and check, validate_* check input, verbs
write (validated first, then in one transaction)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify

from storefront_plugins.accounts import services as accounts
from storefront_plugins.accounts.tasks import enqueue_invitation
from storefront_plugins.artisans import hooks
from storefront_plugins.artisans.crafts import CRAFT_NAMES
from storefront_plugins.artisans.error_codes import ArtisanErrorCode
from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership, Role
from storefront_plugins.artisans.permissions import ANONYMOUS, Viewer
from storefront_plugins.artisans.regions import REGION_NAMES, Region, time_zone_of
from storefront_plugins.core.translations import TranslatedText

ARTISAN_PROFILE_FIELDS = frozenset(
    {
        "name",
        "bio",
        "region",
        "city",
        "workshop",
        "crafts",
        "techniques",
        "years_of_practice",
        "labels",
        "is_published",
    }
)
COOPERATIVE_FIELDS = frozenset(
    {
        "name",
        "description",
        "ice",
        "rc",
        "fiscal_identifier",
        "nif",
        "region",
        "city",
        "crafts",
        "phone",
        "email",
        "address",
        "commission_rate",
        "is_published",
    }
)
COLLECTOR_FIELDS = frozenset({"name", "materials", "regions"})
TRANSLATED_FIELDS = frozenset({"bio", "description"})


@dataclass(frozen=True)
class ArtisanFilter:
    craft: str | None = None
    region: str | None = None
    cooperative: str | None = None  # a cooperative's slug
    search: str | None = None


@dataclass(frozen=True)
class MembershipResult:
    membership: Membership | None
    cooperative: Cooperative


# Viewers and what they see


@dataclass(frozen=True)
class CooperativePayoutTerms:
    """What payouts need of a cooperative: its Saleor channel and its commission."""

    id: int
    slug: str
    name: str
    saleor_channel_slug: str
    commission_bp: int  # basis points (the directory keeps a percent with two decimals)


def cooperative_payout_terms(
    *, ids: Iterable[int] = (), channel_slugs: Iterable[str] = ()
) -> list[CooperativePayoutTerms]:
    """One query: the cooperatives with these ids or these Saleor channel slugs."""
    ids, channel_slugs = list(ids), [slug for slug in channel_slugs if slug]
    if not ids and not channel_slugs:
        return []
    rows = Cooperative.objects.filter(
        Q(pk__in=ids) | Q(saleor_channel_slug__in=channel_slugs)
    ).values_list("pk", "slug", "name", "saleor_channel_slug", "commission_rate")
    return [
        CooperativePayoutTerms(
            id=pk,
            slug=slug,
            name=name,
            saleor_channel_slug=channel,
            commission_bp=int(rate * 100),
        )
        for pk, slug, name, channel, rate in rows
    ]


def cooperative_ids_by_slug(slugs: Iterable[str]) -> dict[str, int]:
    """One query (none for no slugs): cooperatives' ids by slug."""
    slugs = list(slugs)
    if not slugs:
        return {}
    return dict(Cooperative.objects.filter(slug__in=slugs).values_list("slug", "pk"))


def cooperative_member_ids(cooperative_id: int) -> list[int]:
    """One query: the artisans who are members of the cooperative (any role), by id."""
    return list(
        Membership.objects.filter(cooperative_id=cooperative_id)
        .order_by("artisan_id")
        .values_list("artisan_id", flat=True)
    )


def active_member_names(cooperative_id: int) -> dict[int, str]:
    """One query: the cooperative's members who are not suspended (any role), their names
    by id, in name order."""
    return dict(
        Membership.objects.filter(cooperative_id=cooperative_id, suspended_at__isnull=True)
        .order_by("artisan__name", "artisan_id")
        .values_list("artisan_id", "artisan__name")
    )


@dataclass(frozen=True)
class PayoutReader:
    """Whose payouts a signed-in user may read: their own (as an artisan), and those of the
    cooperatives they manage or keep the accounts of (manager, treasurer) with their members."""

    artisan_ids: frozenset[int]
    cooperative_ids: frozenset[int]  # manager or treasurer
    managed_cooperative_ids: frozenset[int]


def payout_reader_for(viewer: Viewer) -> PayoutReader:
    """One query when the viewer reads a cooperative's members, none otherwise."""
    cooperative_ids = viewer.member_reader_cooperative_ids
    artisan_ids = set(
        Membership.objects.filter(cooperative_id__in=cooperative_ids).values_list(
            "artisan_id", flat=True
        )
        if cooperative_ids
        else ()
    )
    if viewer.artisan_id is not None:
        artisan_ids.add(viewer.artisan_id)
    return PayoutReader(
        artisan_ids=frozenset(artisan_ids),
        cooperative_ids=cooperative_ids,
        managed_cooperative_ids=viewer.managed_cooperative_ids,
    )


def artisan_names(ids: Iterable[int]) -> dict[int, str]:
    """One query (none for no ids): the artisans' names by id."""
    ids = list(ids)
    return dict(Artisan.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def cooperative_names(ids: Iterable[int]) -> dict[int, str]:
    """One query (none for no ids): the cooperatives' names by id."""
    ids = list(ids)
    return dict(Cooperative.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def artisan_time_zone(artisan_id: int) -> str:
    """One query: the time zone of the artisan's region (UTC when unknown)."""
    region = Artisan.objects.filter(pk=artisan_id).values_list("region", flat=True).first()
    return time_zone_of(region) if region else "UTC"


def cooperative_time_zone(cooperative_id: int) -> str:
    """One query: the time zone of the cooperative's region (UTC when unknown)."""
    region = Cooperative.objects.filter(pk=cooperative_id).values_list("region", flat=True).first()
    return time_zone_of(region) if region else "UTC"


def _codes_named(names: Mapping[str, TranslatedText], term: str) -> list[str]:
    """The codes whose name, in any language, contains `term` (case-insensitive)."""
    needle = term.casefold()
    return [
        code
        for code, name in names.items()
        if any(needle in text.casefold() for text in name.to_json().values() if text)
    ]


def cooperative_ids_matching(term: str) -> list[int]:
    """One query (none for a blank term): the cooperatives whose name or city contains
    `term`, whose region is named by it, or who, or whose members, practise a craft named by
    it (names in French, Arabic or English), by id."""
    term = term.strip()
    if not term:
        return []
    region_names = {
        code: REGION_NAMES.get(code) or TranslatedText(fr=str(label))
        for code, label in Region.choices
    }
    crafts = _codes_named(CRAFT_NAMES, term)
    condition = (
        Q(name__icontains=term)
        | Q(city__icontains=term)
        | Q(region__in=_codes_named(region_names, term))
    )
    if crafts:
        condition |= Q(crafts__overlap=crafts) | Q(
            pk__in=Membership.objects.filter(artisan__crafts__overlap=crafts).values(
                "cooperative_id"
            )
        )
    return list(Cooperative.objects.filter(condition).values_list("pk", flat=True))


def viewer_for(user: AbstractBaseUser | AnonymousUser | None) -> Viewer:
    """One query for a signed-in user (their artisan profile and memberships), none otherwise."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    rows = Artisan.objects.filter(user_id=user.pk).values_list(
        "id", "memberships__cooperative_id", "memberships__role", "memberships__suspended_at"
    )
    artisan_id = None
    roles: dict[int, str] = {}
    for artisan_pk, cooperative_id, role, suspended_at in rows:
        artisan_id = artisan_pk
        # A suspended membership gives no role: the member cannot act for the cooperative.
        if cooperative_id is not None and suspended_at is None:
            roles[cooperative_id] = role
    is_staff = bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))
    return Viewer(user_id=user.pk, artisan_id=artisan_id, roles=roles, is_platform_staff=is_staff)


def visible_cooperatives(viewer: Viewer) -> QuerySet[Cooperative]:
    return Cooperative.objects.filter(Q(is_published=True) | Q(pk__in=list(viewer.roles)))


def visible_artisans(viewer: Viewer) -> QuerySet[Artisan]:
    condition = Q(is_published=True)
    if viewer.artisan_id is not None:
        condition |= Q(pk=viewer.artisan_id)
    if viewer.member_reader_cooperative_ids:
        condition |= Q(
            pk__in=Membership.objects.filter(
                cooperative_id__in=viewer.member_reader_cooperative_ids
            ).values("artisan_id")
        )
    return Artisan.objects.filter(condition)


def search_artisans(viewer: Viewer, artisan_filter: ArtisanFilter) -> QuerySet[Artisan]:
    artisans = visible_artisans(viewer)
    if artisan_filter.craft:
        artisans = artisans.filter(crafts__contains=[artisan_filter.craft])
    if artisan_filter.region:
        artisans = artisans.filter(region=artisan_filter.region)
    if artisan_filter.cooperative:
        artisans = artisans.filter(
            pk__in=Membership.objects.filter(cooperative__slug=artisan_filter.cooperative).values(
                "artisan_id"
            )
        )
    if artisan_filter.search:
        term = artisan_filter.search.strip()
        artisans = artisans.filter(
            Q(name__icontains=term)
            | Q(city__icontains=term)
            | Q(workshop__icontains=term)
            | Q(bio__fr__icontains=term)
            | Q(bio__ar__icontains=term)
            | Q(bio__en__icontains=term)
        )
    return artisans


def visible_collectors(viewer: Viewer) -> QuerySet[Collector]:
    """Collectors appear in provenance: everyone may read them."""
    return Collector.objects.all()


# Access


def access_artisan_for_edit(viewer: Viewer, artisan_id: int) -> Artisan:
    artisan = Artisan.objects.select_for_update().filter(pk=artisan_id).first()
    if artisan is None:
        raise _not_found("id", "Artisan")
    cooperative_ids = set(artisan.memberships.values_list("cooperative_id", flat=True))
    if not viewer.can_edit_artisan_profile(artisan.pk, cooperative_ids):
        raise PermissionDenied("Artisans edit their own profile; managers their members'.")
    return artisan


def access_cooperative_for_management(viewer: Viewer, cooperative_id: int) -> Cooperative:
    cooperative = Cooperative.objects.select_for_update().filter(pk=cooperative_id).first()
    if cooperative is None:
        raise _not_found("id", "Cooperative")
    if not viewer.manages(cooperative.pk):
        raise PermissionDenied("Only the cooperative's managers may change it.")
    return cooperative


def access_collector_for_management(viewer: Viewer, collector_id: int) -> Collector:
    collector = Collector.objects.select_for_update().filter(pk=collector_id).first()
    if collector is None:
        raise _not_found("id", "Collector")
    linked = set(collector.cooperatives.values_list("pk", flat=True))
    if not linked & viewer.managed_cooperative_ids:
        raise PermissionDenied("Only managers of the collector's cooperatives may change it.")
    return collector


# Validation


def validate_changes(
    instance: Artisan | Cooperative | Collector, changes: Mapping[str, Any], allowed: frozenset[str]
) -> None:
    """Applies `changes` to the unsaved instance and runs the model's validation."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=ArtisanErrorCode.INVALID.value)
                for name in sorted(unknown)
            }
        )
    for name, value in changes.items():
        if name in TRANSLATED_FIELDS and isinstance(value, Mapping):
            # A text sent in some languages keeps the others.
            value = {**(getattr(instance, name) or {}), **value}
        setattr(instance, name, value)
    instance.full_clean()


def validate_managed_cooperatives(viewer: Viewer, cooperative_ids: Iterable[int]) -> set[int]:
    ids = set(cooperative_ids)
    if not ids:
        raise ValidationError(
            {
                "cooperatives": ValidationError(
                    "At least one cooperative.", code=ArtisanErrorCode.REQUIRED.value
                )
            }
        )
    if not ids <= viewer.managed_cooperative_ids:
        raise PermissionDenied("Managers attach collectors to their own cooperatives only.")
    found = set(Cooperative.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if found != ids:
        raise _not_found("cooperatives", "Cooperative")
    return ids


def validate_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(
            {"role": ValidationError("Unknown role.", code=ArtisanErrorCode.INVALID.value)}
        )


def validate_keeps_a_manager(
    cooperative: Cooperative, membership: Membership, new_role: str | None
) -> None:
    """A cooperative with managers keeps at least one who is not suspended."""
    if membership.role != Role.MANAGER or membership.is_suspended or new_role == Role.MANAGER:
        return
    others = cooperative.memberships.filter(role=Role.MANAGER, suspended_at__isnull=True).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "The cooperative's last manager cannot leave that role.",
                    code=ArtisanErrorCode.LAST_MANAGER.value,
                )
            }
        )


# Verbs


@transaction.atomic
def update_artisan_profile(viewer: Viewer, artisan_id: int, changes: Mapping[str, Any]) -> Artisan:
    artisan = access_artisan_for_edit(viewer, artisan_id)
    validate_changes(artisan, changes, ARTISAN_PROFILE_FIELDS)
    artisan.save()
    hooks.artisan_changed(artisan.pk)
    return artisan


@transaction.atomic
def update_cooperative(
    viewer: Viewer, cooperative_id: int, changes: Mapping[str, Any]
) -> Cooperative:
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    validate_changes(cooperative, changes, COOPERATIVE_FIELDS)
    cooperative.save()
    return cooperative


@transaction.atomic
def add_member(viewer: Viewer, cooperative_id: int, artisan_id: int, role: str) -> MembershipResult:
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    validate_role(role)
    if not Artisan.objects.filter(pk=artisan_id).exists():
        raise _not_found("artisan", "Artisan")
    if cooperative.memberships.filter(artisan_id=artisan_id).exists():
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "Already a member.", code=ArtisanErrorCode.ALREADY_MEMBER.value
                )
            }
        )
    membership = Membership.objects.create(
        cooperative=cooperative, artisan_id=artisan_id, role=role
    )
    hooks.artisan_changed(artisan_id)
    return MembershipResult(membership=membership, cooperative=cooperative)


@transaction.atomic
def update_member_role(
    viewer: Viewer, cooperative_id: int, artisan_id: int, role: str
) -> MembershipResult:
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    validate_role(role)
    membership = membership_in(cooperative, artisan_id)
    validate_keeps_a_manager(cooperative, membership, role)
    membership.role = role
    membership.save(update_fields=["role"])
    return MembershipResult(membership=membership, cooperative=cooperative)


@transaction.atomic
def remove_member(viewer: Viewer, cooperative_id: int, artisan_id: int) -> MembershipResult:
    cooperative = access_cooperative_for_management(viewer, cooperative_id)
    membership = membership_in(cooperative, artisan_id)
    validate_keeps_a_manager(cooperative, membership, None)
    membership.delete()
    hooks.artisan_changed(artisan_id)
    return MembershipResult(membership=None, cooperative=cooperative)


@transaction.atomic
def create_collector(
    viewer: Viewer, changes: Mapping[str, Any], cooperative_ids: Iterable[int]
) -> Collector:
    if not viewer.managed_cooperative_ids:
        raise PermissionDenied("Only cooperative managers add collectors.")
    ids = validate_managed_cooperatives(viewer, cooperative_ids)
    collector = Collector(slug=_unique_slug(Collector, str(changes.get("name") or "")))
    validate_changes(collector, changes, COLLECTOR_FIELDS)
    collector.save()
    collector.cooperatives.set(ids)
    return collector


@transaction.atomic
def update_collector(
    viewer: Viewer,
    collector_id: int,
    changes: Mapping[str, Any],
    cooperative_ids: Iterable[int] | None = None,
) -> Collector:
    """A manager changes the collector and its links to their own cooperatives; links to
    other cooperatives stay as they are."""
    collector = access_collector_for_management(viewer, collector_id)
    ids = (
        validate_managed_cooperatives(viewer, cooperative_ids)
        if cooperative_ids is not None
        else None
    )
    validate_changes(collector, changes, COLLECTOR_FIELDS)
    collector.save()
    if ids is not None:
        others = (
            set(collector.cooperatives.values_list("pk", flat=True))
            - viewer.managed_cooperative_ids
        )
        collector.cooperatives.set(others | ids)
    return collector


@dataclass(frozen=True)
class ArtisanCreateResult:
    artisan: Artisan
    membership: Membership
    cooperative: Cooperative
    invited_user_created: bool  # a new account was made for the e-mail given


@transaction.atomic
def create_cooperative(viewer: Viewer, changes: Mapping[str, Any]) -> Cooperative:
    """Platform staff register a cooperative (unpublished unless said otherwise); its slug
    comes from its name."""
    if not viewer.can_create_cooperative():
        raise PermissionDenied("Only Souk's staff register cooperatives.")
    cooperative = Cooperative(slug=_unique_slug(Cooperative, str(changes.get("name") or "")))
    validate_changes(cooperative, changes, COOPERATIVE_FIELDS)
    cooperative.save()
    return cooperative


def validate_new_artisan_user(email: str) -> str:
    """The normalized e-mail to invite; refused when its account already has an artisan."""
    normalized = accounts.validate_invitation_email(email)
    user_id = accounts.existing_user_id(normalized)
    if user_id is not None and Artisan.objects.filter(user_id=user_id).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    "This account already has an artisan profile.",
                    code=ArtisanErrorCode.UNIQUE.value,
                )
            }
        )
    return normalized


@transaction.atomic
def create_artisan(
    viewer: Viewer,
    cooperative_id: int,
    changes: Mapping[str, Any],
    role: str = Role.ARTISAN,
    email: str | None = None,
    language: str | None = None,
) -> ArtisanCreateResult:
    """A manager (or platform staff) adds a new artisan to the cooperative, with their role,
    and optionally the account of `email` (made if it does not exist, speaking `language`,
    French by default, and invited by e-mail). Everything is checked before the first write."""
    cooperative = Cooperative.objects.select_for_update().filter(pk=cooperative_id).first()
    if cooperative is None:
        raise _not_found("cooperative", "Cooperative")
    if not viewer.can_add_artisans_to(cooperative.pk):
        raise PermissionDenied("Only the cooperative's managers add its artisans.")
    validate_role(role)
    artisan = Artisan(slug=_unique_slug(Artisan, str(changes.get("name") or "")))
    validate_changes(artisan, changes, ARTISAN_PROFILE_FIELDS)
    normalized_email = validate_new_artisan_user(email) if email else None

    invited_created = False
    if normalized_email is not None:
        invited = (
            accounts.invite_user(normalized_email, language)
            if language
            else accounts.invite_user(normalized_email)
        )
        artisan.user = invited.user
        invited_created = invited.created
    artisan.save()
    membership = Membership.objects.create(cooperative=cooperative, artisan=artisan, role=role)
    hooks.artisan_changed(artisan.pk)
    if invited_created and artisan.user_id is not None:
        enqueue_invitation(artisan.user_id, artisan.name, cooperative.name)
    return ArtisanCreateResult(artisan, membership, cooperative, invited_created)


def membership_in(cooperative: Cooperative, artisan_id: int) -> Membership:
    membership = cooperative.memberships.filter(artisan_id=artisan_id).first()
    if membership is None:
        raise ValidationError(
            {
                "artisan": ValidationError(
                    "Not a member of this cooperative.", code=ArtisanErrorCode.NOT_A_MEMBER.value
                )
            }
        )
    return membership


def _unique_slug(model: type[Artisan | Cooperative | Collector], name: str) -> str:
    base = slugify(name)[:90] or model.__name__.lower()
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _not_found(field: str, what: str) -> ValidationError:
    return ValidationError(
        {field: ValidationError(f"{what} not found.", code=ArtisanErrorCode.NOT_FOUND.value)}
    )
