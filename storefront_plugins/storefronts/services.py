"""Storefronts' reads and writes: access_* fetch and check, validate_* (validation.py) check
input, verbs write (validated first, then in one transaction). The cooperative comes from the
directory's services."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.text import slugify

from storefront_plugins.artisans import services as directory
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.core.translations import FALLBACK_ORDER
from storefront_plugins.storefronts.error_codes import StorefrontErrorCode as Code
from storefront_plugins.storefronts.inputs import StorefrontInput
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from storefront_plugins.storefronts.permissions import can_edit_storefront
from storefront_plugins.storefronts.themes import PageKind, is_valid_path
from storefront_plugins.storefronts.validation import (
    PAGE_FIELDS,
    STOREFRONT_FIELDS,
    apply_changes,
    field_error,
    hero_image_rows,
    not_found,
    validate_page,
    validate_storefront,
)

# Reads


def visible_storefronts(viewer: Viewer) -> QuerySet[Storefront]:
    """Published storefronts, and those the viewer edits."""
    if viewer.is_platform_staff:
        return Storefront.objects.all()
    return Storefront.objects.filter(
        Q(is_published=True) | Q(cooperative_id__in=list(viewer.managed_cooperative_ids))
    )


def find_storefront(
    viewer: Viewer, *, slug: str | None = None, domain: str | None = None
) -> Storefront | None:
    storefronts = visible_storefronts(viewer)
    if slug is not None:
        return storefronts.filter(slug=slug).first()
    return storefronts.filter(domain=(domain or "").strip().lower()).first()


def storefront_to_edit(viewer: Viewer, cooperative_id: int) -> Storefront | None:
    """The cooperative's storefront with its hero images and pages (three queries), or None
    when it has none yet; PermissionDenied for a viewer who may not edit it."""
    if not can_edit_storefront(viewer, cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff edit it.")
    return (
        Storefront.objects.filter(cooperative_id=cooperative_id)
        .prefetch_related("hero_images", "pages")
        .first()
    )


def name_ordering(language: str | None) -> Any:
    """The name in `language`, else in the fallback order, case-insensitive."""
    order = [language] if language else []
    order += [code for code in FALLBACK_ORDER if code != language]
    return Lower(Coalesce(*(NullIf(KT(f"name__{code}"), Value("")) for code in order)))


def marketplace(search: str | None = None, language: str | None = None) -> QuerySet[Storefront]:
    """Published storefronts by name; `search` in their names and taglines, and in their
    cooperatives' names, cities, regions and crafts (the directory answers those)."""
    storefronts = Storefront.objects.filter(is_published=True)
    term = (search or "").strip()
    if term:
        condition = Q(cooperative_id__in=directory.cooperative_ids_matching(term))
        for field in ("name", "tagline"):
            for code in FALLBACK_ORDER:
                condition |= Q(**{f"{field}__{code}__icontains": term})
        storefronts = storefronts.filter(condition)
    return storefronts.order_by(name_ordering(language), "slug")


# Access


def access_storefront_for_edit(viewer: Viewer, storefront_id: int) -> Storefront:
    storefront = Storefront.objects.select_for_update().filter(pk=storefront_id).first()
    if storefront is None:
        raise not_found("id", "Storefront")
    if not can_edit_storefront(viewer, storefront.cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff edit it.")
    return storefront


def access_page_for_edit(viewer: Viewer, page_id: int) -> StorefrontPage:
    page = (
        StorefrontPage.objects.select_for_update(of=("self",))
        .select_related("storefront")
        .filter(pk=page_id)
        .first()
    )
    if page is None:
        raise not_found("id", "Storefront page")
    if not can_edit_storefront(viewer, page.storefront.cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff edit it.")
    return page


# Verbs


def _write(storefront: Storefront, storefront_input: StorefrontInput) -> Storefront:
    storefront.save()
    if storefront_input.hero_images is not None:
        HeroImage.objects.filter(storefront=storefront).delete()
        HeroImage.objects.bulk_create(hero_image_rows(storefront, storefront_input.hero_images))
    return storefront


def revision_of(*changed_at: datetime | None) -> str:
    """The revision an editor read: the latest of the times its parts last changed (pure)."""
    return max(stamp for stamp in changed_at if stamp is not None).isoformat()


def storefront_revision(storefront: Storefront) -> str:
    """The storefront's revision: its own last change or its pages' (one query)."""
    pages = StorefrontPage.objects.filter(storefront_id=storefront.pk)
    return revision_of(storefront.updated_at, pages.aggregate(latest=Max("updated_at"))["latest"])


def lock_for_edit(storefront_id: int, revision: str) -> Storefront:
    """Call first in the transaction of an edit made on the form read at `revision`: the
    storefront locked, as it was read; CONFLICT when another edit came in between, rather
    than overwriting it."""
    storefront = Storefront.objects.select_for_update().get(pk=storefront_id)
    if storefront_revision(storefront) != revision:
        raise ValidationError(
            {
                "revision": ValidationError(
                    "The storefront was changed since this form was read.",
                    code=Code.CONFLICT.value,
                )
            }
        )
    return storefront


@transaction.atomic
def create_storefront(
    viewer: Viewer, cooperative_id: int, storefront_input: StorefrontInput
) -> Storefront:
    """A cooperative's storefront, unpublished, on the cooperative's Saleor channel; its slug
    is the cooperative's and its path "/<slug>" unless given."""
    if not can_edit_storefront(viewer, cooperative_id):
        raise PermissionDenied("Only the cooperative's managers and Souk's staff create it.")
    terms = directory.cooperative_payout_terms(ids=[cooperative_id])
    if not terms:
        raise not_found("cooperative", "Cooperative")
    cooperative = terms[0]
    if Storefront.objects.filter(cooperative_id=cooperative_id).exists():
        raise field_error(
            "cooperative", "This cooperative has a storefront already.", Code.ALREADY_EXISTS
        )
    if not cooperative.saleor_channel_slug:
        raise field_error(
            "cooperative", "The cooperative has no Saleor channel yet.", Code.NO_CHANNEL
        )
    slug = _unique_slug(cooperative.slug)
    storefront = Storefront(
        cooperative_id=cooperative_id,
        slug=slug,
        channel_slug=cooperative.saleor_channel_slug,
        name={"fr": cooperative.name},
        path=f"/{slug}" if is_valid_path(f"/{slug}") else "",
    )
    apply_changes(storefront, storefront_input.changes, STOREFRONT_FIELDS)
    validate_storefront(storefront, storefront_input.hero_images)
    return _write(storefront, storefront_input)


@transaction.atomic
def update_storefront(
    viewer: Viewer, storefront_id: int, storefront_input: StorefrontInput
) -> Storefront:
    storefront = access_storefront_for_edit(viewer, storefront_id)
    apply_changes(storefront, storefront_input.changes, STOREFRONT_FIELDS)
    validate_storefront(storefront, storefront_input.hero_images)
    return _write(storefront, storefront_input)


@transaction.atomic
def publish_storefront(viewer: Viewer, storefront_id: int, is_published: bool) -> Storefront:
    storefront = access_storefront_for_edit(viewer, storefront_id)
    if storefront.is_published != is_published:
        storefront.is_published = is_published
        storefront.save(update_fields=["is_published", "updated_at"])
    return storefront


@transaction.atomic
def create_page(viewer: Viewer, storefront_id: int, changes: Mapping[str, Any]) -> StorefrontPage:
    storefront = access_storefront_for_edit(viewer, storefront_id)
    page = StorefrontPage(storefront=storefront)
    apply_changes(page, changes, PAGE_FIELDS)
    if not page.slug:
        page.slug = _page_slug(page)
    if "position" not in changes:
        page.position = storefront.pages.count()
    validate_page(page)
    page.save()
    return page


@transaction.atomic
def update_page(viewer: Viewer, page_id: int, changes: Mapping[str, Any]) -> StorefrontPage:
    page = access_page_for_edit(viewer, page_id)
    apply_changes(page, changes, PAGE_FIELDS)
    validate_page(page)
    page.save()
    return page


@transaction.atomic
def delete_page(viewer: Viewer, page_id: int) -> Storefront:
    page = access_page_for_edit(viewer, page_id)
    storefront = page.storefront
    page.delete()
    # A deletion leaves no page's `updated_at` behind: the storefront's own marks the change
    # (`storefront_revision`), so an editor read before it does not bring the page back.
    storefront.save(update_fields=["updated_at"])
    return storefront


def _page_slug(page: StorefrontPage) -> str:
    if page.kind and page.kind != PageKind.CUSTOM:
        return page.kind.replace("_", "-")
    title = page.title or {}
    return slugify(title.get("fr") or title.get("en") or "") or "page"


def _unique_slug(base: str) -> str:
    slug, suffix = base, 2
    while Storefront.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
