"""The seed's upserts: find a row by its key, create it when missing, save it only when
a field differs, and count what happened."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class SeedReport:
    """How many rows of each kind were created, updated or found as they should be."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)

    def count(self, kind: str, status: str) -> None:
        getattr(self, status)[kind] += 1

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]


class Writer:
    def __init__(self, report: SeedReport) -> None:
        self.report = report

    def upsert(
        self, model: type[M], kind: str, lookup: dict[str, Any], values: dict[str, Any]
    ) -> M:
        """The row matching `lookup` with `values`, saved only if something differs."""
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is None:
            self.report.count(kind, "created")
            return model._default_manager.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.save()
            self.report.count(kind, "updated")
        else:
            self.report.count(kind, "unchanged")
        return instance

    def link(self, kind: str, manager: Any, objects: Iterable[models.Model]) -> None:
        """Sets a many-to-many relation, only if it differs."""
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.report.count(kind, "updated")

    def translations(
        self, model: type[models.Model], owner_field: str, owner: models.Model, specs: Any
    ) -> None:
        """One translation row per language of `specs` (TranslationSpecs); the SEO texts
        follow the translated name and first paragraph, as the seeded objects' own do."""
        for spec in specs:
            values: dict[str, Any] = {"name": spec.name}
            fields = {f.name for f in model._meta.fields}
            if "description" in fields:
                values["description"] = spec.description
            if "seo_title" in fields:
                blocks = (spec.description or {}).get("blocks", [])
                values["seo_title"] = spec.name[:70]
                values["seo_description"] = blocks[0]["data"]["text"][:300] if blocks else None
            self.upsert(
                model,
                "translations",
                {owner_field: owner, "language_code": spec.language_code},
                values,
            )
