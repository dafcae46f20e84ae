"""Loads fixtures/souk/storefronts.json: one storefront per fixture cooperative, keyed by the
cooperative's slug. Every entry is checked (through the services' validation) before anything
is written; a second run writes nothing."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from storefront_plugins.artisans import services as directory
from storefront_plugins.storefronts.inputs import HeroImageInput
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from storefront_plugins.storefronts.validation import (
    STOREFRONT_FIELDS,
    apply_changes,
    hero_image_rows,
    validate_storefront,
)

PAGE_STATE = ("kind", "slug", "title", "body", "position")
IMAGE_STATE = ("position", "url", "alt", "width", "height")


class StorefrontFixtureError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_fixtures_file(path: Path) -> list[Mapping[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    storefronts: list[Mapping[str, Any]] = data["storefronts"]
    return storefronts


def _changes(entry: Mapping[str, Any]) -> dict[str, Any]:
    changes = {name: entry[name] for name in STOREFRONT_FIELDS if name in entry}
    changes.update({k: v for k, v in (entry.get("theme") or {}).items() if k in STOREFRONT_FIELDS})
    return changes


def _images(entry: Mapping[str, Any]) -> list[HeroImageInput]:
    return [
        HeroImageInput(url=i["url"], width=i["width"], height=i["height"], alt=i.get("alt") or {})
        for i in entry.get("hero_images") or []
    ]


def _pages(storefront: Storefront, entry: Mapping[str, Any]) -> list[StorefrontPage]:
    return [
        StorefrontPage(
            storefront=storefront,
            kind=page["kind"],
            slug=page["slug"],
            title=page.get("title") or {},
            body=page.get("body") or {},
            position=position,
        )
        for position, page in enumerate(entry.get("pages") or [])
    ]


def _state(rows: Sequence[Any], fields: Sequence[str]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(row, name) for name in fields) for row in rows]


@transaction.atomic
def load_storefronts(entries: Sequence[Mapping[str, Any]]) -> LoadReport:
    cooperative_ids = directory.cooperative_ids_by_slug(e.get("cooperative", "") for e in entries)
    errors: list[str] = []
    planned: list[tuple[str, Storefront, list[HeroImageInput], list[StorefrontPage], bool]] = []
    for entry in entries:
        slug = entry.get("cooperative", "")
        cooperative_id = cooperative_ids.get(slug)
        if cooperative_id is None:
            errors.append(f"{slug}: no such cooperative in the directory")
            continue
        storefront = Storefront.objects.filter(cooperative_id=cooperative_id).first()
        storefront = storefront or Storefront(cooperative_id=cooperative_id)
        before = {name: getattr(storefront, name) for name in STOREFRONT_FIELDS}
        was = (storefront.slug, storefront.channel_slug, storefront.is_published)
        storefront.slug = entry.get("slug") or slug
        storefront.channel_slug = entry.get("channel_slug") or slug
        storefront.is_published = bool(entry.get("published", True))
        apply_changes(storefront, _changes(entry), STOREFRONT_FIELDS)
        images = _images(entry)
        pages = _pages(storefront, entry)
        try:
            validate_storefront(storefront, images)
            for page in pages:
                page.full_clean(
                    exclude=["storefront"], validate_unique=False, validate_constraints=False
                )
        except ValidationError as error:
            errors.append(
                f"{slug}: {error.message_dict if hasattr(error, 'error_dict') else error}"
            )
            continue
        changed = (
            storefront.pk is None
            or before != {name: getattr(storefront, name) for name in STOREFRONT_FIELDS}
            or was != (storefront.slug, storefront.channel_slug, storefront.is_published)
        )
        planned.append((slug, storefront, images, pages, changed))
    if errors:
        raise StorefrontFixtureError(errors)

    report = LoadReport()
    for slug, storefront, images, pages, changed in planned:
        created = storefront.pk is None
        if changed:
            storefront.save()
        wanted_images = hero_image_rows(storefront, images)
        current_images = list(storefront.hero_images.order_by("position", "pk"))
        images_changed = _state(current_images, IMAGE_STATE) != _state(wanted_images, IMAGE_STATE)
        if images_changed:
            HeroImage.objects.filter(storefront=storefront).delete()
            HeroImage.objects.bulk_create(wanted_images)
        for page in pages:
            page.storefront = storefront
        current_pages = list(storefront.pages.order_by("position", "pk"))
        pages_changed = _state(current_pages, PAGE_STATE) != _state(pages, PAGE_STATE)
        if pages_changed:
            StorefrontPage.objects.filter(storefront=storefront).delete()
            StorefrontPage.objects.bulk_create(pages)
        bucket = (
            report.created
            if created
            else report.updated
            if changed or images_changed or pages_changed
            else report.unchanged
        )
        bucket.append(slug)
    return report
