"""Loads product provenance from fixtures/souk/provenance.json, keyed by Saleor product slug.

`parse_provenance_fixtures` is pure: it checks the whole file against a snapshot of the
directory and reports every error, each naming its entry, before anything is written.
`load_provenance` then writes through the provenance services' system path: idempotent (a
second run writes nothing and issues no certificate)."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.provenance import services
from storefront_plugins.provenance.materials import ProvenanceMaterial
from storefront_plugins.provenance.models import (
    FULL_SHARE,
    BizStep,
    CertificationScheme,
    ContributionRole,
    Disposition,
    QualityResult,
)

LOADER_NAME = "load_provenance"


class ProvenanceFixtureError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class DirectorySnapshot:
    """Slugs to primary keys, and who belongs to which cooperative (artisan, cooperative)."""

    cooperatives: Mapping[str, int]
    artisans: Mapping[str, int]
    collectors: Mapping[str, int]
    memberships: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class PieceFixture:
    product_slug: str
    cooperative_id: int
    provenance_input: services.ProvenanceInput
    custody_events: tuple[services.CustodyEventInput, ...]
    is_published: bool


@dataclass(frozen=True)
class CertificationFixture:
    cooperative_id: int
    changes: Mapping[str, Any]


@dataclass(frozen=True)
class ProvenanceFixtures:
    certifications: tuple[CertificationFixture, ...]
    pieces: tuple[PieceFixture, ...]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # no such product in Saleor: skipped
    certifications_changed: int = 0
    certificate_ids: dict[str, str] = field(default_factory=dict)  # product slug -> certificate


def directory_snapshot() -> DirectorySnapshot:
    memberships = Membership.objects.values_list("artisan__slug", "cooperative__slug")
    return DirectorySnapshot(
        cooperatives=dict(Cooperative.objects.values_list("slug", "pk")),
        artisans=dict(Artisan.objects.values_list("slug", "pk")),
        collectors=dict(Collector.objects.values_list("slug", "pk")),
        memberships=frozenset(memberships),
    )


def read_fixtures_file(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# Pure validation


class _Entry:
    """Collects the errors of one entry, each prefixed with its name."""

    def __init__(self, name: str, errors: list[str]) -> None:
        self.name = name
        self.errors = errors

    def error(self, message: str) -> None:
        self.errors.append(f"{self.name}: {message}")

    def required(self, data: Mapping[str, Any], key: str) -> Any:
        if data.get(key) in (None, "", [], {}):
            self.error(f'"{key}" is required')
            return None
        return data[key]

    def date(self, value: Any, key: str) -> date | None:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.error(f'"{key}" is not a date: {value!r}')
            return None

    def datetime(self, value: Any, key: str) -> datetime | None:
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.error(f'"{key}" is not a date and time with its offset: {value!r}')
            return None
        return parsed


def _choice(choices: Any, name: str) -> str | None:
    try:
        return str(choices[name.upper()].value)
    except (KeyError, AttributeError):
        return None


def parse_provenance_fixtures(
    data: Mapping[str, Any], directory: DirectorySnapshot
) -> ProvenanceFixtures:
    """The whole file checked against the directory; raises with every error found."""
    errors: list[str] = []
    certifications = [
        fixture
        for slug, holder in sorted((data.get("cooperatives") or {}).items())
        for fixture in _parse_cooperative(slug, holder, directory, errors)
    ]
    pieces = []
    for slug, piece in (data.get("products") or {}).items():
        parsed = _parse_piece(slug, piece, directory, errors)
        if parsed is not None:
            pieces.append(parsed)
    if errors:
        raise ProvenanceFixtureError(errors)
    return ProvenanceFixtures(tuple(certifications), tuple(pieces))


def _parse_cooperative(
    slug: str, holder: Mapping[str, Any], directory: DirectorySnapshot, errors: list[str]
) -> list[CertificationFixture]:
    entry = _Entry(f"cooperatives.{slug}", errors)
    cooperative_id = directory.cooperatives.get(slug)
    if cooperative_id is None:
        entry.error(f'unknown cooperative "{slug}"')
        return []
    fixtures = []
    for certification in holder.get("certifications") or []:
        changes = dict(certification)
        if changes.get("scheme") not in CertificationScheme.values:
            entry.error(f'unknown certification scheme "{changes.get("scheme")}"')
            continue
        entry.required(changes, "name")
        entry.required(changes, "issuer")
        for key in ("valid_from", "valid_until"):
            if changes.get(key):
                changes[key] = entry.date(changes[key], key)
        fixtures.append(CertificationFixture(cooperative_id, changes))
    return fixtures


def _parse_piece(
    slug: str, piece: Mapping[str, Any], directory: DirectorySnapshot, errors: list[str]
) -> PieceFixture | None:
    entry = _Entry(slug, errors)
    start = len(errors)
    cooperative_slug = entry.required(piece, "cooperative")
    cooperative_id = directory.cooperatives.get(cooperative_slug or "")
    if cooperative_slug and cooperative_id is None:
        entry.error(f'unknown cooperative "{cooperative_slug}"')

    def member(artisan_slug: str, what: str) -> int | None:
        artisan_id = directory.artisans.get(artisan_slug)
        if artisan_id is None:
            entry.error(f'unknown {what} "{artisan_slug}"')
        elif cooperative_id is not None and (
            (artisan_slug, cooperative_slug) not in directory.memberships
        ):
            entry.error(f'{what} "{artisan_slug}" is not a member of "{cooperative_slug}"')
        return artisan_id

    contributions = []
    for contribution in entry.required(piece, "contributions") or []:
        artisan_id = member(contribution.get("artisan", ""), "artisan")
        role = contribution.get("role", ContributionRole.MADE)
        if role not in ContributionRole.values:
            entry.error(f'unknown role "{role}"')
        share = contribution.get("share")
        if not isinstance(share, int) or not 1 <= share <= FULL_SHARE:
            entry.error(f"a share is 1 to {FULL_SHARE} basis points, not {share!r}")
            share = 0
        if artisan_id is not None:
            contributions.append(services.ContributionInput(artisan_id, share, role))
    shares = sum(c.get("share", 0) for c in piece.get("contributions") or [] if _is_int(c))
    if piece.get("contributions") and shares != FULL_SHARE:
        entry.error(f"the shares sum to {shares} basis points, not {FULL_SHARE}")

    materials = []
    for material in piece.get("materials") or []:
        code = material.get("material")
        if code not in ProvenanceMaterial.values:
            entry.error(f'unknown material "{code}"')
        collector_slug = material.get("collector")
        collector_id = directory.collectors.get(collector_slug) if collector_slug else None
        if collector_slug and collector_id is None:
            entry.error(f'unknown collector "{collector_slug}"')
        materials.append(
            services.MaterialInput(
                material=code or "",
                lot_code=material.get("lot_code", ""),
                quantity=material.get("quantity", ""),
                collector_id=collector_id,
                origin_region=material.get("origin_region", ""),
            )
        )

    changes: dict[str, Any] = {
        "workshop": piece.get("workshop", ""),
        "craft": piece.get("craft", ""),
        "technique": dict(piece.get("technique") or {}),
        "time_to_make_hours": piece.get("time_to_make_hours"),
        "made_on": entry.date(piece["made_on"], "made_on") if piece.get("made_on") else None,
    }
    checker_id = None
    check = piece.get("quality_check")
    if check:
        checker_id = member(check.get("by", ""), "quality checker")
        if check.get("result", QualityResult.PASSED) not in QualityResult.values:
            entry.error(f'unknown quality result "{check.get("result")}"')
        changes["quality_result"] = check.get("result", QualityResult.PASSED)
        changes["quality_checked_on"] = entry.date(check.get("on"), "quality_check.on")
    eu_safety = piece.get("eu_safety") or {}
    for key, prefix in (
        ("manufacturer", "eu_manufacturer"),
        ("responsible_person", "eu_responsible_person"),
    ):
        party = eu_safety.get(key) or {}
        for part in ("name", "address", "email"):
            changes[f"{prefix}_{part}"] = party.get(part, "")

    events = []
    for event in piece.get("custody") or []:
        biz_step = _choice(BizStep, event.get("biz_step") or "")
        if biz_step is None:
            entry.error(f'unknown business step "{event.get("biz_step")}"')
        disposition = _choice(Disposition, event["disposition"]) if event.get("disposition") else ""
        if disposition is None:
            entry.error(f'unknown disposition "{event.get("disposition")}"')
        event_time = entry.datetime(event.get("event_time"), "custody.event_time")
        if biz_step and disposition is not None and event_time:
            events.append(
                services.CustodyEventInput(
                    event_time=event_time,
                    biz_step=biz_step,
                    read_point=event.get("read_point", ""),
                    disposition=disposition,
                    city=event.get("city", ""),
                    region=event.get("region", ""),
                )
            )
    times = [e.event_time for e in events]
    if times != sorted(times):
        entry.error("the custody events are not in date order")

    if len(errors) > start or cooperative_id is None:
        return None
    return PieceFixture(
        product_slug=slug,
        cooperative_id=cooperative_id,
        provenance_input=services.ProvenanceInput(
            changes=changes,
            contributions=tuple(contributions),
            materials=tuple(materials),
            quality_checked_by_artisan_id=checker_id,
        ),
        custody_events=tuple(events),
        is_published=bool(piece.get("published", True)),
    )


def _is_int(contribution: Mapping[str, Any]) -> bool:
    return isinstance(contribution.get("share"), int)


# Writes


@transaction.atomic
def load_provenance(fixtures: ProvenanceFixtures, product_ids: Mapping[str, str]) -> LoadReport:
    """Writes every piece whose product Saleor has (`product_ids`: slug -> Saleor id); the
    others are reported as missing. One failure rolls the whole load back."""
    report = LoadReport()
    for certification in fixtures.certifications:
        result = services.put_cooperative_certification_as_system(
            certification.cooperative_id, certification.changes
        )
        report.certifications_changed += result.changed
    for piece in fixtures.pieces:
        product_id = product_ids.get(piece.product_slug)
        if product_id is None:
            report.missing.append(piece.product_slug)
            continue
        written = services.put_provenance_as_system(
            product_id,
            piece.cooperative_id,
            piece.provenance_input,
            piece.custody_events,
            is_published=piece.is_published,
            recorded_by_name=LOADER_NAME,
        )
        bucket = (
            report.created
            if written.created
            else report.updated
            if written.changed
            else report.unchanged
        )
        bucket.append(piece.product_slug)
        if written.certificate is not None:
            report.certificate_ids[piece.product_slug] = str(written.certificate.pk)
    return report
