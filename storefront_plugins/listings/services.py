"""Listings' reads and writes: access_* fetch and check, validate_* check input, verbs write
(validated first, then in one transaction). Every write bumps the listing's `version`; a
write made on an older version is refused (CONFLICT) rather than overwriting someone's
change."""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.listings import permissions
from storefront_plugins.listings.content import (
    COMMERCE_FIELDS,
    CONTENT_FIELDS,
    LISTING_FIELDS,
    TRANSLATED_FIELDS,
    VARIANT_COMMERCE_FIELDS,
    VARIANT_CONTENT_FIELDS,
    Readiness,
    VariantInput,
    approved_ids,
    content_snapshot,
    currency_for_country,
    has_title,
    review_problems,
)
from storefront_plugins.listings.error_codes import ListingErrorCode
from storefront_plugins.listings.models import (
    Listing,
    ListingEvent,
    ListingStatus,
    ListingVariant,
    ModerationComment,
    ModerationDecision,
)
from storefront_plugins.listings.saleor_writer import LISTING_WRITE_KIND
from storefront_plugins.listings.states import Action, Actor, IllegalTransition, next_status
from storefront_plugins.saleor_app import outbox
from storefront_plugins.saleor_app.models import Installation

logger = logging.getLogger(__name__)

MAX_COMMENT_LENGTH = 4000


def field_error(field: str, message: str, code: ListingErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def not_found(field: str = "id") -> ValidationError:
    return field_error(field, "Listing not found.", ListingErrorCode.NOT_FOUND)


# Reads


def visible_listings(viewer: Viewer) -> QuerySet[Listing]:
    """The listings the viewer may see: their own, their managed cooperatives', all for
    platform staff; none for anyone else."""
    if viewer.is_platform_staff:
        return Listing.objects.all()
    condition = Q(pk__in=[])
    if viewer.artisan_id is not None:
        condition |= Q(artisan_id=viewer.artisan_id)
    if viewer.managed_cooperative_ids:
        condition |= Q(cooperative_id__in=viewer.managed_cooperative_ids)
    return Listing.objects.filter(condition)


def my_listings(viewer: Viewer, *, include_archived: bool = False) -> QuerySet[Listing]:
    """The viewer's own listings, most recently changed first."""
    if viewer.artisan_id is None:
        return Listing.objects.none()
    listings = Listing.objects.filter(artisan_id=viewer.artisan_id)
    if not include_archived:
        listings = listings.exclude(status=ListingStatus.ARCHIVED)
    return listings


def moderation_queue(viewer: Viewer, cooperative_id: int) -> QuerySet[Listing]:
    """The cooperative's submitted listings, oldest submission first; nothing for viewers
    who do not moderate it."""
    if not (viewer.manages(cooperative_id) or viewer.is_platform_staff):
        return Listing.objects.none()
    return Listing.objects.filter(
        cooperative_id=cooperative_id, status=ListingStatus.SUBMITTED
    ).order_by("submitted_at", "pk")


# Access


def access_listing(viewer: Viewer, listing_id: int, *, for_update: bool = False) -> Listing:
    """The listing, if the viewer may see it: NOT_FOUND otherwise (never "forbidden": the
    answer does not tell that another artisan's listing exists)."""
    listings = Listing.objects.select_for_update() if for_update else Listing.objects
    listing = listings.filter(pk=listing_id).first()
    if listing is None or not permissions.can_see(
        viewer, listing.artisan_id, listing.cooperative_id
    ):
        raise not_found()
    return listing


def _access_as(viewer: Viewer, listing_id: int, actor: Actor) -> Listing:
    listing = access_listing(viewer, listing_id, for_update=True)
    if actor not in permissions.actors(viewer, listing.artisan_id, listing.cooperative_id):
        if actor is Actor.OWNER:
            raise PermissionDenied("Only the artisan whose listing it is changes it.")
        raise PermissionDenied("Only the cooperative's managers moderate its listings.")
    return listing


# Validation


def validate_version(listing: Listing, expected_version: int) -> None:
    """The listing is still as the viewer last read it; CONFLICT naming who changed it."""
    if listing.version == expected_version:
        return
    who = _user_label(listing.updated_by_id)
    when = listing.updated_at.isoformat(timespec="seconds")
    raise field_error(
        "version",
        f"Changed by {who} at {when} (version {listing.version}, you edited version "
        f"{expected_version}). Reload it to see the changes, then make yours again.",
        ListingErrorCode.CONFLICT,
    )


def _user_label(user_id: int | None) -> str:
    if user_id is None:
        return "someone"
    user = User.objects.filter(pk=user_id).only("email", "first_name", "last_name").first()
    if user is None:
        return "someone"
    return user.get_full_name() or user.email


def validate_changes(listing: Listing, changes: Mapping[str, Any]) -> set[str]:
    """Applies `changes` to the unsaved listing, runs the model's validation and returns the
    names of the fields whose value changed."""
    unknown = set(changes) - LISTING_FIELDS
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=ListingErrorCode.INVALID.value)
                for name in sorted(unknown)
            }
        )
    changed = set()
    for name, value in changes.items():
        if name in TRANSLATED_FIELDS and isinstance(value, Mapping):
            # A text sent in some languages keeps the others.
            value = {**(getattr(listing, name) or {}), **value}
        if name == "materials":
            value = sorted(set(value or []))
        if getattr(listing, name) != value:
            changed.add(name)
        setattr(listing, name, value)
    listing.full_clean(exclude=["artisan", "cooperative", "installation"])
    return changed


@dataclass(frozen=True)
class VariantPlan:
    """What saving the variants does: rows to write, rows to remove, and whether moderated
    content (labels, skus, which variants there are) or price and stock changed."""

    rows: list[ListingVariant]
    removed: list[ListingVariant]
    content_changed: bool
    commerce_changed: bool


def validate_variants(listing: Listing, inputs: Sequence[VariantInput]) -> VariantPlan:
    existing = (
        {v.pk: v for v in listing.variants.filter(removed_at__isnull=True)} if listing.pk else {}
    )
    rows: list[ListingVariant] = []
    content_changed = commerce_changed = False
    for position, item in enumerate(inputs):
        if item.id is not None and item.id not in existing:
            raise field_error("variants", "Variant not found.", ListingErrorCode.NOT_FOUND)
        variant = existing.get(item.id) if item.id is not None else None
        if variant is None:
            variant = ListingVariant(listing=listing)
            content_changed = True
        new = {
            "label": {**(variant.label or {}), **dict(item.label)},
            "sku": item.sku.strip(),
            "price": item.price,
            "stock": item.stock,
        }
        content_changed |= any(getattr(variant, f) != new[f] for f in VARIANT_CONTENT_FIELDS)
        commerce_changed |= any(getattr(variant, f) != new[f] for f in VARIANT_COMMERCE_FIELDS) or (
            variant.position != position
        )
        for name, value in new.items():
            setattr(variant, name, value)
        variant.position = position
        if not has_title(variant.label):
            raise field_error(
                "variants",
                "Each variant has a label (a size, a colour).",
                ListingErrorCode.REQUIRED,
            )
        # SKUs are checked together below (one query, the UNIQUE code on `variants`).
        variant.full_clean(exclude=["listing"], validate_unique=False, validate_constraints=False)
        rows.append(variant)
    kept = {v.pk for v in rows if v.pk}
    removed = [v for pk, v in existing.items() if pk not in kept]
    # A removed variant Saleor never showed is deleted before the rows are saved: its SKU
    # is free for a new one (one Saleor shows keeps its SKU until the next approval).
    shown = approved_ids(listing.approved_content, "variants")
    freed = [v.pk for v in removed if v.pk not in shown]
    skus = [v.sku for v in rows if v.sku]
    if len(skus) != len(set(skus)) or (
        skus
        and ListingVariant.objects.filter(sku__in=skus).exclude(pk__in=[*kept, *freed]).exists()
    ):
        raise field_error("variants", "This SKU is already used.", ListingErrorCode.UNIQUE)
    return VariantPlan(rows, removed, content_changed or bool(removed), commerce_changed)


def _apply_variant_plan(listing: Listing, plan: VariantPlan) -> None:
    shown = approved_ids(listing.approved_content, "variants")
    now = timezone.now()
    for variant in plan.removed:
        if variant.pk in shown:  # Saleor shows it until the next approval
            variant.removed_at = now
            variant.save(update_fields=["removed_at"])
        else:
            variant.delete()
    for variant in plan.rows:
        variant.listing = listing
        variant.save()


def validate_ready_for_review(listing: Listing) -> None:
    variants = list(
        listing.variants.filter(removed_at__isnull=True).values_list("price", flat=True)
    )
    readiness = Readiness(
        has_title=has_title(listing.title),
        has_category=bool(listing.saleor_category_id),
        has_price=listing.price is not None or (bool(variants) and None not in variants),
        photo_count=listing.photos.filter(removed_at__isnull=True).count(),
    )
    problems = review_problems(readiness)
    if problems:
        raise ValidationError(
            {p.field: ValidationError(p.message, code=p.code.value) for p in problems}
        )


def _transition(listing: Listing, action: Action) -> ListingStatus:
    try:
        return next_status(listing.status, action)
    except IllegalTransition as error:
        raise field_error("id", str(error), ListingErrorCode.INVALID_TRANSITION) from error


# Verbs


def _save(listing: Listing, viewer: Viewer, action: str, from_status: str) -> None:
    """Saves the listing as a new version and records the event."""
    listing.version += 1
    listing.updated_by_id = viewer.user_id
    listing.save()
    ListingEvent.objects.create(
        listing=listing,
        action=action,
        from_status=from_status,
        to_status=listing.status,
        actor_id=viewer.user_id,
    )


def _enqueue_saleor_write(listing: Listing) -> None:
    """Saleor converges to the listing after the commit (the outbox retries while Saleor is
    slow or down). The listing is written into one Saleor: the one it was first written to,
    else the App's oldest installation."""
    if listing.installation_id is None:
        listing.installation_id = (
            Installation.objects.order_by("pk").values_list("pk", flat=True).first()
        )
        if listing.installation_id is None:
            logger.warning("No Saleor installation: listing %s is not written.", listing.pk)
            return
        Listing.objects.filter(pk=listing.pk).update(installation_id=listing.installation_id)
    outbox.enqueue_write(listing.installation_id, LISTING_WRITE_KIND, str(listing.pk))


def save_edit(viewer: Viewer, listing: Listing, action: str, *, content_changed: bool) -> None:
    """Saves an edit by the artisan: a content change sends an approved listing back into
    moderation (see states.TRANSITIONS)."""
    from_status = listing.status
    if content_changed:
        listing.status = _transition(listing, Action.EDIT_CONTENT)
        if listing.status == ListingStatus.SUBMITTED and from_status != ListingStatus.SUBMITTED:
            listing.submitted_at = timezone.now()
    _save(listing, viewer, action, from_status)


def access_listing_for_edit(viewer: Viewer, listing_id: int) -> Listing:
    """The listing locked for update, if the viewer edits it as its artisan (or staff)."""
    listing = _access_as(viewer, listing_id, Actor.OWNER)
    if listing.status == ListingStatus.ARCHIVED:
        raise field_error(
            "id", "An archived listing is not edited.", ListingErrorCode.INVALID_TRANSITION
        )
    return listing


@transaction.atomic
def create_listing(
    viewer: Viewer,
    cooperative_id: int,
    changes: Mapping[str, Any],
    variants: Sequence[VariantInput] = (),
) -> Listing:
    """The artisan drafts a piece to sell in one of their cooperatives."""
    if viewer.artisan_id is None:
        raise PermissionDenied("Only artisans list pieces.")
    cooperative = Cooperative.objects.filter(pk=cooperative_id).first()
    if cooperative is None:
        raise field_error("cooperative", "Cooperative not found.", ListingErrorCode.NOT_FOUND)
    if not permissions.can_create_in(viewer, cooperative.pk):
        raise field_error(
            "cooperative",
            "You list pieces in your own cooperatives only.",
            ListingErrorCode.NOT_A_MEMBER,
        )
    listing = Listing(
        artisan_id=viewer.artisan_id,
        cooperative=cooperative,
        currency=currency_for_country(cooperative.country),
        version=0,
    )
    validate_changes(listing, changes)
    plan = validate_variants(listing, variants)
    _save(listing, viewer, "create", ListingStatus.DRAFT)
    _apply_variant_plan(listing, plan)
    return listing


@transaction.atomic
def update_listing(
    viewer: Viewer,
    listing_id: int,
    version: int,
    changes: Mapping[str, Any],
    variants: Sequence[VariantInput] | None = None,
) -> Listing:
    """The artisan changes their listing as they read it at `version`. Content changes to an
    approved listing send it back to moderation (Saleor keeps its approved content); price
    and stock reach Saleor at once."""
    listing = access_listing_for_edit(viewer, listing_id)
    validate_version(listing, version)
    changed = validate_changes(listing, changes)
    plan = validate_variants(listing, variants) if variants is not None else None
    content_changed = bool(changed & CONTENT_FIELDS) or bool(plan and plan.content_changed)
    commerce_changed = bool(changed & COMMERCE_FIELDS) or bool(plan and plan.commerce_changed)
    if not (content_changed or commerce_changed):
        return listing
    save_edit(viewer, listing, "edit", content_changed=content_changed)
    if plan is not None:
        _apply_variant_plan(listing, plan)
    if commerce_changed and listing.is_published:
        _enqueue_saleor_write(listing)
    return listing


@transaction.atomic
def submit_listing(viewer: Viewer, listing_id: int, version: int) -> Listing:
    """The artisan sends the listing to their cooperative's managers for review."""
    listing = _access_as(viewer, listing_id, Actor.OWNER)
    validate_version(listing, version)
    from_status = listing.status
    listing.status = _transition(listing, Action.SUBMIT)
    validate_ready_for_review(listing)
    listing.submitted_at = timezone.now()
    _save(listing, viewer, Action.SUBMIT, from_status)
    return listing


@transaction.atomic
def approve_listing(viewer: Viewer, listing_id: int, version: int, comment: str = "") -> Listing:
    """A manager approves the listing as they reviewed it (at `version`): its content is
    what Saleor shows from now on, published in the cooperative's channel."""
    listing = _access_as(viewer, listing_id, Actor.MODERATOR)
    validate_version(listing, version)
    from_status = listing.status
    listing.status = _transition(listing, Action.APPROVE)
    validate_ready_for_review(listing)
    variants = listing.variants.filter(removed_at__isnull=True)
    photos = listing.photos.filter(removed_at__isnull=True)
    listing.approved_content = content_snapshot(
        {name: getattr(listing, name) for name in CONTENT_FIELDS},
        list(variants.values("id", "label", "sku")),
        list(photos.values("id", "alt")),
    )
    listing.is_published = True
    listing.approved_at = timezone.now()
    listing.approved_by_id = viewer.user_id
    _save(listing, viewer, Action.APPROVE, from_status)
    _record_comment(listing, viewer, comment, ModerationDecision.APPROVED)
    # Removed rows Saleor never had are gone now; the others once Saleor drops them.
    listing.variants.filter(removed_at__isnull=False, saleor_variant_id="").delete()
    listing.photos.filter(removed_at__isnull=False, saleor_media_id="").delete()
    _enqueue_saleor_write(listing)
    return listing


@transaction.atomic
def request_changes(viewer: Viewer, listing_id: int, version: int, comment: str) -> Listing:
    """A manager sends the listing back to the artisan, saying what to change."""
    listing = _access_as(viewer, listing_id, Actor.MODERATOR)
    validate_version(listing, version)
    body = validate_comment(comment)
    from_status = listing.status
    listing.status = _transition(listing, Action.REQUEST_CHANGES)
    _save(listing, viewer, Action.REQUEST_CHANGES, from_status)
    _record_comment(listing, viewer, body, ModerationDecision.CHANGES_REQUESTED)
    return listing


def validate_comment(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise field_error("comment", "Write a comment.", ListingErrorCode.REQUIRED)
    if len(body) > MAX_COMMENT_LENGTH:
        raise field_error(
            "comment",
            f"A comment is at most {MAX_COMMENT_LENGTH} characters.",
            ListingErrorCode.OUT_OF_RANGE,
        )
    return body


def _record_comment(listing: Listing, viewer: Viewer, body: str, decision: str = "") -> None:
    if body.strip() or decision:
        ModerationComment.objects.create(
            listing=listing,
            author_id=viewer.user_id,
            body=body.strip(),
            decision=decision,
            listing_version=listing.version,
        )


@transaction.atomic
def comment_on_listing(viewer: Viewer, listing_id: int, body: str) -> ModerationComment:
    """The artisan or a manager writes in the listing's moderation thread."""
    listing = access_listing(viewer, listing_id)
    text = validate_comment(body)
    return ModerationComment.objects.create(
        listing=listing, author_id=viewer.user_id, body=text, listing_version=listing.version
    )


@transaction.atomic
def set_listing_published(viewer: Viewer, listing_id: int, is_published: bool) -> Listing:
    """The artisan or a manager takes the piece out of the channel (sold elsewhere, away from
    the workshop) or puts its approved content back in."""
    listing = access_listing(viewer, listing_id, for_update=True)
    if listing.is_published == is_published:
        return listing
    if is_published and (
        listing.approved_content is None or listing.status == ListingStatus.ARCHIVED
    ):
        raise field_error(
            "id", "Only approved content is published.", ListingErrorCode.INVALID_TRANSITION
        )
    listing.is_published = is_published
    _save(listing, viewer, "publish" if is_published else "unpublish", listing.status)
    _enqueue_saleor_write(listing)
    return listing


@dataclass(frozen=True)
class DeleteResult:
    deleted: bool  # gone for good (never shown in Saleor); else archived and unpublished
    listing: Listing | None


@transaction.atomic
def delete_listing(viewer: Viewer, listing_id: int) -> DeleteResult:
    """A listing Saleor never showed is deleted; one it did is archived and unpublished
    (orders may name its product). The artisan's decision (or staff's): managers moderate,
    they do not delete an artisan's piece."""
    listing = _access_as(viewer, listing_id, Actor.OWNER)
    if listing.approved_content is None and not listing.saleor_product_id:
        files = [str(photo.image.name) for photo in listing.photos.all()]
        listing.delete()
        transaction.on_commit(lambda: _delete_files(files))
        return DeleteResult(deleted=True, listing=None)
    from_status = listing.status
    listing.status = _transition(listing, Action.ARCHIVE)
    listing.is_published = False
    _save(listing, viewer, Action.ARCHIVE, from_status)
    _enqueue_saleor_write(listing)
    return DeleteResult(deleted=False, listing=listing)


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)
