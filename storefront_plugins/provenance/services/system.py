"""System writes: an operator's command (the fixture loader) acts for no signed-in viewer. Same
validation as the viewer's verbs; writes only what differs, so a second run changes nothing."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.models import (
    Certificate,
    Certification,
    ProductProvenance,
)
from storefront_plugins.provenance.services.certifications import recertify_holder
from storefront_plugins.provenance.services.errors import field_error, not_found
from storefront_plugins.provenance.services.inputs import CustodyEventInput, ProvenanceInput
from storefront_plugins.provenance.services.pieces import (
    append_custody_event,
    certify,
    replace_related,
)
from storefront_plugins.provenance.services.validation import (
    CERTIFICATION_FIELDS,
    PROVENANCE_FIELDS,
    validate_certification,
    validate_cooperative_and_product,
    validate_provenance_input,
)


@dataclass(frozen=True)
class SystemProvenanceResult:
    provenance: ProductProvenance
    certificate: Certificate | None
    created: bool
    changed: bool


def _provenance_state(provenance: ProductProvenance) -> tuple[Any, ...]:
    return (
        tuple(getattr(provenance, name) for name in sorted(PROVENANCE_FIELDS)),
        provenance.quality_checked_by_id,
    )


def _related_state(provenance: ProductProvenance) -> tuple[Any, ...]:
    if provenance.pk is None:
        return ((), ())
    contributions = tuple(
        sorted(provenance.contributions.values_list("artisan_id", "share", "role"))
    )
    materials = tuple(
        provenance.materials.order_by("pk").values_list(
            "material", "lot_code", "quantity", "collector_id", "origin_region"
        )
    )
    return (contributions, materials)


def _input_related_state(
    provenance_input: ProvenanceInput, current: tuple[Any, ...]
) -> tuple[Any, ...]:
    contributions = (
        tuple(sorted((c.artisan_id, c.share, c.role) for c in provenance_input.contributions))
        if provenance_input.contributions is not None
        else current[0]
    )
    materials = (
        tuple(
            (m.material, m.lot_code, m.quantity, m.collector_id, m.origin_region)
            for m in provenance_input.materials
        )
        if provenance_input.materials is not None
        else current[1]
    )
    return (contributions, materials)


def _event_key(event_time: datetime, biz_step: str, read_point: str) -> tuple[datetime, str, str]:
    return (event_time, biz_step, read_point.strip())


@transaction.atomic
def put_provenance_as_system(
    saleor_product_id: str,
    cooperative_id: int,
    provenance_input: ProvenanceInput,
    custody_events: Sequence[CustodyEventInput] = (),
    is_published: bool = True,
    recorded_by_name: str = "",
) -> SystemProvenanceResult:
    """Create or update a product's provenance, append the custody events it does not have
    yet (events are append-only: matched by time, step and place), publish it and certify it.
    A piece already in the wanted state is not written, and its certificate stays the same."""
    validate_cooperative_and_product(cooperative_id, saleor_product_id)
    provenance = (
        ProductProvenance.objects.select_for_update()
        .filter(saleor_product_id=saleor_product_id, saleor_variant_id="")
        .first()
    )
    created = provenance is None
    if provenance is None:
        provenance = ProductProvenance(
            saleor_product_id=saleor_product_id, cooperative_id=cooperative_id
        )
        if provenance_input.contributions is None:
            raise field_error(
                "contributions", "Name who made the piece.", ProvenanceErrorCode.REQUIRED
            )
    elif provenance.cooperative_id != cooperative_id:
        raise field_error(
            "cooperative",
            "This product's provenance belongs to another cooperative.",
            ProvenanceErrorCode.INVALID,
        )
    before = (_provenance_state(provenance), _related_state(provenance))
    validate_provenance_input(provenance, provenance_input)
    after = (
        _provenance_state(provenance),
        _input_related_state(provenance_input, before[1]),
    )
    changed = created or before != after
    if changed:
        provenance.save()
        replace_related(provenance, provenance_input)

    existing_events = {
        _event_key(*row)
        for row in provenance.custody_events.values_list("event_time", "biz_step", "read_point")
    }
    for event_input in sorted(custody_events, key=lambda e: e.event_time):
        if _event_key(event_input.event_time, event_input.biz_step, event_input.read_point) in (
            existing_events
        ):
            continue
        append_custody_event(provenance, event_input, recorded_by_name=recorded_by_name)
        changed = True

    if provenance.is_published != is_published:
        provenance.is_published = is_published
        provenance.save(update_fields=["is_published", "updated_at"])
        changed = True
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return SystemProvenanceResult(provenance, certificate, created, changed)


@dataclass(frozen=True)
class SystemCertificationResult:
    certification: Certification
    created: bool
    changed: bool
    certificates: list[Certificate]


@transaction.atomic
def put_cooperative_certification_as_system(
    cooperative_id: int, changes: Mapping[str, Any]
) -> SystemCertificationResult:
    """Create or update a cooperative's certification, found by scheme and name; its
    published pieces are re-certified only when it changed."""
    if not Cooperative.objects.filter(pk=cooperative_id).exists():
        raise not_found("cooperative", "Cooperative")
    certification = (
        Certification.objects.select_for_update()
        .filter(
            cooperative_id=cooperative_id,
            scheme=changes.get("scheme"),
            name=changes.get("name"),
        )
        .first()
    )
    created = certification is None
    if certification is None:
        certification = Certification(cooperative_id=cooperative_id)
    before = {name: getattr(certification, name) for name in CERTIFICATION_FIELDS}
    validate_certification(certification, changes)
    after = {name: getattr(certification, name) for name in CERTIFICATION_FIELDS}
    if not created and before == after:
        return SystemCertificationResult(certification, False, False, [])
    certification.save()
    return SystemCertificationResult(certification, created, True, recertify_holder(certification))
