"""A piece's provenance: recorded, edited, published, its custody events, its certificate.

A published piece's certificate is issued from `build_claim` when it is published and
whenever its provenance changes afterwards (the new certificate supersedes the old)."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.provenance import permissions
from storefront_plugins.provenance.certificates.services import CertificateError, issue_certificate
from storefront_plugins.provenance.claims import build_claim
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.models import (
    Certificate,
    Contribution,
    CustodyEvent,
    MaterialUse,
    ProductProvenance,
)
from storefront_plugins.provenance.services.access import access_provenance_for_edit
from storefront_plugins.provenance.services.errors import field_error
from storefront_plugins.provenance.services.inputs import CustodyEventInput, ProvenanceInput
from storefront_plugins.provenance.services.reads import provenance_for_claim
from storefront_plugins.provenance.services.validation import (
    validate_cooperative_and_product,
    validate_custody_event,
    validate_provenance_input,
)


@dataclass(frozen=True)
class ProvenanceResult:
    provenance: ProductProvenance
    certificate: Certificate | None


@dataclass(frozen=True)
class CustodyEventResult:
    event: CustodyEvent
    provenance: ProductProvenance
    certificate: Certificate | None


def replace_related(provenance: ProductProvenance, provenance_input: ProvenanceInput) -> None:
    if provenance_input.contributions is not None:
        provenance.contributions.all().delete()
        Contribution.objects.bulk_create(
            Contribution(provenance=provenance, artisan_id=c.artisan_id, share=c.share, role=c.role)
            for c in provenance_input.contributions
        )
    if provenance_input.materials is not None:
        provenance.materials.all().delete()
        MaterialUse.objects.bulk_create(
            MaterialUse(
                provenance=provenance,
                material=m.material,
                lot_code=m.lot_code,
                quantity=m.quantity,
                collector_id=m.collector_id,
                origin_region=m.origin_region,
            )
            for m in provenance_input.materials
        )


def certify(provenance_id: int) -> Certificate | None:
    """Issue (or supersede) the certificate of a published piece from its current data."""
    provenance = provenance_for_claim(provenance_id)
    if not provenance.is_published:
        return None
    try:
        certificate = issue_certificate(build_claim(provenance))
    except CertificateError as error:
        raise field_error(
            "certificate", error.message, ProvenanceErrorCode.CERTIFICATE_NOT_ISSUED
        ) from error
    if provenance.certificate_id != certificate.pk:
        ProductProvenance.objects.filter(pk=provenance_id).update(certificate=certificate)
    return certificate


@transaction.atomic
def create_provenance(
    viewer: Viewer,
    saleor_product_id: str,
    cooperative_id: int,
    provenance_input: ProvenanceInput,
    saleor_variant_id: str = "",
) -> ProvenanceResult:
    if viewer.is_anonymous:
        raise PermissionDenied("Sign in to record provenance.")
    contributor_ids = {c.artisan_id for c in provenance_input.contributions or ()}
    if not permissions.can_create_provenance(viewer, cooperative_id, contributor_ids):
        raise PermissionDenied(
            "Managers record their cooperative's pieces; artisans the pieces they made."
        )
    validate_cooperative_and_product(cooperative_id, saleor_product_id)
    if ProductProvenance.objects.filter(
        saleor_product_id=saleor_product_id, saleor_variant_id=saleor_variant_id
    ).exists():
        raise field_error(
            "saleor_product_id",
            "This product already has its provenance.",
            ProvenanceErrorCode.UNIQUE,
        )
    provenance = ProductProvenance(
        saleor_product_id=saleor_product_id,
        saleor_variant_id=saleor_variant_id,
        cooperative_id=cooperative_id,
        created_by_id=viewer.artisan_id,
    )
    if provenance_input.contributions is None:
        provenance_input = ProvenanceInput(
            changes=provenance_input.changes,
            contributions=(),
            materials=provenance_input.materials,
            quality_checked_by_artisan_id=provenance_input.quality_checked_by_artisan_id,
        )
    validate_provenance_input(provenance, provenance_input)
    provenance.save()
    replace_related(provenance, provenance_input)
    return ProvenanceResult(provenance=provenance, certificate=None)


@transaction.atomic
def update_provenance(
    viewer: Viewer, provenance_id: int, provenance_input: ProvenanceInput
) -> ProvenanceResult:
    provenance = access_provenance_for_edit(viewer, provenance_id)
    validate_provenance_input(provenance, provenance_input)
    provenance.save()
    replace_related(provenance, provenance_input)
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return ProvenanceResult(provenance=provenance, certificate=certificate)


@transaction.atomic
def publish_provenance(
    viewer: Viewer, provenance_id: int, is_published: bool = True
) -> ProvenanceResult:
    """Publishing issues the certificate; unpublishing hides the provenance (its certificate
    keeps verifying: revoke it to withdraw it)."""
    provenance = access_provenance_for_edit(viewer, provenance_id)
    if is_published and provenance.removed_from_saleor_at is not None:
        raise field_error(
            "id",
            "This product was deleted in Saleor: its provenance can no longer be published.",
            ProvenanceErrorCode.REMOVED_FROM_SALEOR,
        )
    provenance.is_published = is_published
    provenance.save(update_fields=["is_published", "updated_at"])
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return ProvenanceResult(provenance=provenance, certificate=certificate)


def append_custody_event(
    provenance: ProductProvenance,
    event_input: CustodyEventInput,
    *,
    recorded_by_id: int | None = None,
    recorded_by_name: str = "",
) -> CustodyEvent:
    """Validates and appends one event, keeping the time zone offset it was given in. Who
    recorded it: a signed-in artisan, or a name (the loader acts for no viewer)."""
    validate_custody_event(provenance, event_input)
    offset = event_input.event_time.strftime("%z") or "+0000"
    return CustodyEvent.objects.create(
        provenance=provenance,
        event_time=event_input.event_time,
        event_time_zone_offset=f"{offset[:3]}:{offset[3:]}",
        biz_step=event_input.biz_step,
        disposition=event_input.disposition,
        read_point=event_input.read_point.strip(),
        city=event_input.city,
        region=event_input.region,
        biz_location=event_input.biz_location,
        note=event_input.note,
        corrects_id=event_input.corrects_id,
        recorded_by_id=recorded_by_id,
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def record_custody_event(
    viewer: Viewer, provenance_id: int, event_input: CustodyEventInput
) -> CustodyEventResult:
    """Appends an event; events are never changed (a correction names the event it corrects)."""
    provenance = access_provenance_for_edit(viewer, provenance_id)
    event = append_custody_event(provenance, event_input, recorded_by_id=viewer.artisan_id)
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return CustodyEventResult(event=event, provenance=provenance, certificate=certificate)


@dataclass(frozen=True)
class RemovalResult:
    saleor_product_id: str
    removed_at: datetime | None  # when Saleor's deletion was first recorded; None: unknown piece
    newly_removed: int  # provenance rows (the product's and its variants') marked by this call


@transaction.atomic
def mark_removed_from_saleor(saleor_product_id: str) -> RemovalResult:
    """Saleor deleted the product: its provenance (and its variants') is no longer served as
    published, and its certificates, still valid, say the piece was withdrawn. Idempotent:
    a retried delivery keeps the first time."""
    rows = ProductProvenance.objects.select_for_update().filter(saleor_product_id=saleor_product_id)
    now = timezone.now()
    newly_removed = rows.filter(removed_from_saleor_at__isnull=True).update(
        removed_from_saleor_at=now, updated_at=now
    )
    first = rows.order_by("removed_from_saleor_at").values_list("removed_from_saleor_at", flat=True)
    return RemovalResult(saleor_product_id, first.first(), newly_removed)
