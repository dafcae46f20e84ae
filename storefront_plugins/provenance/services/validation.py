"""validate_*: check input (and apply it to an unsaved instance), or raise a field error."""

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.provenance.certificates.digital_link import InvalidGTIN, normalize_gtin
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.evidence import (
    SNIFF_BYTES,
    EvidenceType,
    refuse_evidence,
    sniff_evidence_type,
)
from storefront_plugins.provenance.materials import ProvenanceMaterial
from storefront_plugins.provenance.models import (
    FULL_SHARE,
    BizStep,
    Certification,
    CertificationScheme,
    ContributionRole,
    Disposition,
    ProductProvenance,
)
from storefront_plugins.provenance.services.errors import field_error, not_found
from storefront_plugins.provenance.services.inputs import (
    ContributionInput,
    CustodyEventInput,
    MaterialInput,
    ProvenanceInput,
)

PROVENANCE_FIELDS = frozenset(
    {
        "workshop",
        "craft",
        "technique",
        "time_to_make_hours",
        "made_on",
        "quality_checked_by_name",
        "quality_checked_on",
        "quality_result",
        "quality_notes",
        "gtin",
        "eu_manufacturer_name",
        "eu_manufacturer_address",
        "eu_manufacturer_email",
        "eu_responsible_person_name",
        "eu_responsible_person_address",
        "eu_responsible_person_email",
    }
)
TRANSLATED_FIELDS = frozenset({"technique", "quality_notes"})
CERTIFICATION_FIELDS = frozenset(
    {"scheme", "name", "level", "issuer", "certificate_number", "valid_from", "valid_until"}
)
# Clocks disagree: an event a few minutes ahead of ours is not "in the future".
CLOCK_SKEW = timedelta(minutes=5)


def _refuse_unknown_fields(changes: Mapping[str, Any], known: frozenset[str]) -> None:
    """Every field outside `known` is refused at once, each with its own error."""
    unknown = set(changes) - known
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=ProvenanceErrorCode.INVALID.value)
                for name in sorted(unknown)
            }
        )


def validate_cooperative_and_product(cooperative_id: int, saleor_product_id: str) -> None:
    """A piece's cooperative exists and its Saleor product id is given."""
    if not Cooperative.objects.filter(pk=cooperative_id).exists():
        raise not_found("cooperative", "Cooperative")
    if not saleor_product_id.strip():
        raise field_error(
            "saleor_product_id", "The Saleor product id is required.", ProvenanceErrorCode.REQUIRED
        )


def validate_contributions(cooperative_id: int, contributions: Sequence[ContributionInput]) -> None:
    """At least one artisan, each once, each a member of the cooperative, each share
    1 to 10000 basis points, the shares summing to 10000 (100 %)."""
    if not contributions:
        raise field_error("contributions", "Name who made the piece.", ProvenanceErrorCode.REQUIRED)
    artisan_ids = [c.artisan_id for c in contributions]
    if len(set(artisan_ids)) != len(artisan_ids):
        raise field_error(
            "contributions", "Each artisan appears once.", ProvenanceErrorCode.DUPLICATE_ARTISAN
        )
    for contribution in contributions:
        if not 1 <= contribution.share <= FULL_SHARE:
            raise field_error(
                "contributions",
                "A share is 1 to 10000 basis points.",
                ProvenanceErrorCode.OUT_OF_RANGE,
            )
        if contribution.role not in ContributionRole.values:
            raise field_error("contributions", "Unknown role.", ProvenanceErrorCode.INVALID)
    if sum(c.share for c in contributions) != FULL_SHARE:
        raise field_error(
            "contributions",
            "The shares must sum to 10000 basis points (100 %).",
            ProvenanceErrorCode.SHARES_NOT_FULL,
        )
    found = set(Artisan.objects.filter(pk__in=artisan_ids).values_list("pk", flat=True))
    if found != set(artisan_ids):
        raise not_found("contributions", "Artisan")
    members = set(
        Membership.objects.filter(
            cooperative_id=cooperative_id, artisan_id__in=artisan_ids
        ).values_list("artisan_id", flat=True)
    )
    if members != set(artisan_ids):
        raise field_error(
            "contributions",
            "Every artisan must be a member of the piece's cooperative.",
            ProvenanceErrorCode.NOT_A_MEMBER,
        )


def validate_materials(materials: Sequence[MaterialInput]) -> None:
    for material in materials:
        if material.material not in ProvenanceMaterial.values:
            raise field_error("materials", "Unknown material.", ProvenanceErrorCode.INVALID)
    collector_ids = {m.collector_id for m in materials if m.collector_id is not None}
    found = set(Collector.objects.filter(pk__in=collector_ids).values_list("pk", flat=True))
    if found != collector_ids:
        raise not_found("materials", "Collector")


def validate_provenance_changes(provenance: ProductProvenance, changes: Mapping[str, Any]) -> None:
    """Applies `changes` to the unsaved instance, then checks fields, GTIN and dates."""
    _refuse_unknown_fields(changes, PROVENANCE_FIELDS)
    for name, value in changes.items():
        if name in TRANSLATED_FIELDS and isinstance(value, Mapping):
            value = {**(getattr(provenance, name) or {}), **value}
        if value is None and name not in {"made_on", "quality_checked_on", "time_to_make_hours"}:
            value = "" if name not in TRANSLATED_FIELDS else {}
        setattr(provenance, name, value)
    provenance.full_clean(
        exclude=["cooperative", "certificate", "created_by"], validate_unique=False
    )
    if provenance.gtin:
        try:
            normalize_gtin(provenance.gtin)
        except InvalidGTIN as error:
            raise field_error("gtin", str(error), ProvenanceErrorCode.INVALID_GTIN) from error
    today = timezone.localdate()
    if provenance.made_on and provenance.made_on > today:
        raise field_error(
            "made_on", "A piece cannot be made in the future.", ProvenanceErrorCode.INVALID_DATE
        )
    checked_on = provenance.quality_checked_on
    if checked_on and checked_on > today:
        raise field_error(
            "quality_checked_on",
            "A check cannot happen in the future.",
            ProvenanceErrorCode.INVALID_DATE,
        )
    if checked_on and provenance.made_on and checked_on < provenance.made_on:
        raise field_error(
            "quality_checked_on",
            "The quality check comes after the piece is made.",
            ProvenanceErrorCode.INVALID_DATE,
        )


def validate_quality_checker(cooperative_id: int, artisan_id: int) -> Membership:
    membership = Membership.objects.filter(
        cooperative_id=cooperative_id, artisan_id=artisan_id
    ).first()
    if membership is None:
        raise field_error(
            "quality_checked_by",
            "The checker is a member of the cooperative.",
            ProvenanceErrorCode.NOT_A_MEMBER,
        )
    return membership


def validate_custody_event(provenance: ProductProvenance, event: CustodyEventInput) -> None:
    if event.biz_step not in BizStep.values:
        raise field_error("biz_step", "Unknown business step.", ProvenanceErrorCode.INVALID)
    if event.disposition and event.disposition not in Disposition.values:
        raise field_error("disposition", "Unknown disposition.", ProvenanceErrorCode.INVALID)
    if not event.read_point.strip():
        raise field_error("read_point", "Say where it happened.", ProvenanceErrorCode.REQUIRED)
    if timezone.is_naive(event.event_time):
        raise field_error(
            "event_time", "Give the time with its time zone.", ProvenanceErrorCode.INVALID_DATE
        )
    if event.event_time > timezone.now() + CLOCK_SKEW:
        raise field_error(
            "event_time", "An event cannot happen in the future.", ProvenanceErrorCode.INVALID_DATE
        )
    if (
        event.corrects_id is not None
        and not provenance.custody_events.filter(pk=event.corrects_id).exists()
    ):
        raise not_found("corrects", "Custody event")


def validate_certification(certification: Certification, changes: Mapping[str, Any]) -> None:
    _refuse_unknown_fields(changes, CERTIFICATION_FIELDS)
    for name, value in changes.items():
        if value is None and name not in {"valid_from", "valid_until"}:
            value = ""
        setattr(certification, name, value)
    if certification.scheme not in CertificationScheme.values:
        raise field_error("scheme", "Unknown scheme.", ProvenanceErrorCode.INVALID)
    start, end = certification.valid_from, certification.valid_until
    if start and end and end < start:
        raise field_error(
            "valid_until", "Valid until comes after valid from.", ProvenanceErrorCode.INVALID_DATE
        )
    certification.full_clean(exclude=["cooperative", "artisan", "provenance", "evidence"])


def validate_provenance_input(
    provenance: ProductProvenance, provenance_input: ProvenanceInput
) -> None:
    validate_provenance_changes(provenance, provenance_input.changes)
    if provenance_input.contributions is not None:
        validate_contributions(provenance.cooperative_id, provenance_input.contributions)
    if provenance_input.materials is not None:
        validate_materials(provenance_input.materials)
    if provenance_input.quality_checked_by_artisan_id is not None:
        provenance.quality_checked_by = validate_quality_checker(
            provenance.cooperative_id, provenance_input.quality_checked_by_artisan_id
        )


def validate_evidence_file(file: File) -> EvidenceType:
    """The file's sniffed type; refuses other types, empty or too large files."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    refusal = refuse_evidence(int(file.size or 0), head)
    if refusal is not None:
        raise field_error("file", refusal.message, ProvenanceErrorCode(refusal.code))
    evidence_type = sniff_evidence_type(head)
    assert evidence_type is not None
    return evidence_type
