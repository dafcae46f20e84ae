"""Loads the directory from fixtures/souk/directory.json: idempotent by slug."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership


@dataclass(frozen=True)
class LoadResult:
    cooperatives: int
    artisans: int
    memberships: int
    collectors: int


def load_directory_file(path: Path) -> LoadResult:
    return load_directory(json.loads(path.read_text(encoding="utf-8")))


@transaction.atomic
def load_directory(data: dict[str, Any]) -> LoadResult:
    """Creates or updates each cooperative, artisan and collector by slug. Every row is
    validated before it is saved; one invalid row rolls the whole load back."""
    cooperatives: dict[str, Cooperative] = {}
    for fields in data.get("cooperatives", []):
        fields = dict(fields)
        slug = fields.pop("slug")
        cooperative = Cooperative.objects.filter(slug=slug).first() or Cooperative(slug=slug)
        _assign_and_save(cooperative, fields)
        cooperatives[slug] = cooperative

    memberships = 0
    for fields in data.get("artisans", []):
        fields = dict(fields)
        slug = fields.pop("slug")
        member_of = fields.pop("memberships", [])
        artisan = Artisan.objects.filter(slug=slug).first() or Artisan(slug=slug)
        _assign_and_save(artisan, fields)
        for membership in member_of:
            cooperative = cooperatives.get(membership["cooperative"]) or Cooperative.objects.get(
                slug=membership["cooperative"]
            )
            Membership.objects.update_or_create(
                artisan=artisan, cooperative=cooperative, defaults={"role": membership["role"]}
            )
            memberships += 1

    collectors = 0
    for fields in data.get("collectors", []):
        fields = dict(fields)
        slug = fields.pop("slug")
        cooperative_slugs = fields.pop("cooperatives", [])
        collector = Collector.objects.filter(slug=slug).first() or Collector(slug=slug)
        _assign_and_save(collector, fields)
        collector.cooperatives.set(Cooperative.objects.filter(slug__in=cooperative_slugs))
        collectors += 1

    return LoadResult(
        cooperatives=len(cooperatives),
        artisans=len(data.get("artisans", [])),
        memberships=memberships,
        collectors=collectors,
    )


def _assign_and_save(instance: Cooperative | Artisan | Collector, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
