"""Provenance reads and writes: access_* fetch and check, validate_* check input, verbs write
(validated first, then in one transaction: no partial writes).

A published piece's certificate is issued from `build_claim` when it is published and
whenever its provenance changes afterwards (the new certificate supersedes the old)."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.provenance import permissions
from storefront_plugins.provenance.certificates.digital_link import InvalidGTIN, normalize_gtin
from storefront_plugins.provenance.certificates.services import (
    CertificateError,
    issue_certificate,
)
from storefront_plugins.provenance.certificates.views import certificate_url
from storefront_plugins.provenance.claims import (
    CLAIM_PREFETCH,
    applicable_certifications,
    build_claim,
)
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.evidence import (
    CONTENT_TYPES,
    SNIFF_BYTES,
    EvidenceType,
    refuse_evidence,
    sniff_evidence_type,
)
from storefront_plugins.provenance.materials import ProvenanceMaterial, material_name
from storefront_plugins.provenance.models import (
    FULL_SHARE,
    BizStep,
    Certificate,
    Certification,
    CertificationScheme,
    Contribution,
    ContributionRole,
    CustodyEvent,
    Disposition,
    MaterialUse,
    ProductProvenance,
)

PROVENANCE_FIELDS = frozenset(
    {
        "workshop",
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


@dataclass(frozen=True)
class ContributionInput:
    artisan_id: int
    share: int  # basis points
    role: str = ContributionRole.MADE


@dataclass(frozen=True)
class MaterialInput:
    material: str
    lot_code: str = ""
    quantity: str = ""
    collector_id: int | None = None
    origin_region: str = ""


@dataclass(frozen=True)
class ProvenanceInput:
    """What a create or update sends: field changes, and the full lists it replaces."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    contributions: Sequence[ContributionInput] | None = None
    materials: Sequence[MaterialInput] | None = None
    quality_checked_by_artisan_id: int | None = None


@dataclass(frozen=True)
class CustodyEventInput:
    event_time: datetime
    biz_step: str
    read_point: str
    disposition: str = ""
    city: str = ""
    region: str = ""
    biz_location: str = ""
    note: str = ""
    corrects_id: int | None = None


@dataclass(frozen=True)
class CertificationHolder:
    cooperative_id: int | None = None
    artisan_id: int | None = None
    provenance_id: int | None = None


@dataclass(frozen=True)
class ProvenanceResult:
    provenance: ProductProvenance
    certificate: Certificate | None


@dataclass(frozen=True)
class CustodyEventResult:
    event: CustodyEvent
    provenance: ProductProvenance
    certificate: Certificate | None


@dataclass(frozen=True)
class CertificationResult:
    certification: Certification
    certificates: list[Certificate]


@dataclass(frozen=True)
class ArtisanShare:
    slug: str
    name: str
    share: int  # basis points
    role: str


@dataclass(frozen=True)
class ProvenanceSummary:
    """What the Saleor write-back shows on a product: published provenance only."""

    saleor_product_id: str
    saleor_variant_id: str
    artisans: list[ArtisanShare]
    cooperative_slug: str
    cooperative_name: str
    materials: list[TranslatedText]
    certification_names: list[str]
    certificate_serial: str | None
    certificate_url: str | None


@dataclass(frozen=True)
class PieceMakers:
    """Who made a Saleor product (or one variant) for payouts: the cooperative and each
    artisan's share in basis points (summing to 10000). Published or not."""

    saleor_product_id: str
    saleor_variant_id: str  # "" for the product as a whole
    cooperative_id: int
    shares: tuple[tuple[int, int], ...]  # (artisan id, basis points), largest share first


def makers_of_products(saleor_product_ids: Sequence[str]) -> list[PieceMakers]:
    """Two queries whatever the number of products: the provenance of these products and
    their variants, with the artisans' shares."""
    rows = list(
        ProductProvenance.objects.filter(
            saleor_product_id__in=list(dict.fromkeys(saleor_product_ids))
        ).values_list("pk", "saleor_product_id", "saleor_variant_id", "cooperative_id")
    )
    if not rows:
        return []
    shares: dict[int, list[tuple[int, int]]] = {pk: [] for pk, *_ in rows}
    for provenance_id, artisan_id, share in Contribution.objects.filter(
        provenance_id__in=list(shares)
    ).values_list("provenance_id", "artisan_id", "share"):
        shares[provenance_id].append((artisan_id, share))
    return [
        PieceMakers(
            saleor_product_id=product_id,
            saleor_variant_id=variant_id,
            cooperative_id=cooperative_id,
            shares=tuple(sorted(shares[pk], key=lambda s: (-s[1], s[0]))),
        )
        for pk, product_id, variant_id, cooperative_id in rows
        if shares[pk]
    ]


# Reads


def _contributed_by(artisan_id: int) -> Exists:
    return Exists(Contribution.objects.filter(provenance=OuterRef("pk"), artisan_id=artisan_id))


def visible_provenances(viewer: Viewer) -> QuerySet[ProductProvenance]:
    """Published provenance of pieces still in Saleor, and what the viewer may edit."""
    condition = Q(is_published=True, removed_from_saleor_at__isnull=True)
    if viewer.managed_cooperative_ids:
        condition |= Q(cooperative_id__in=viewer.managed_cooperative_ids)
    if viewer.artisan_id is not None:
        condition |= Q(created_by_id=viewer.artisan_id) | Q(_contributed_by(viewer.artisan_id))
    return ProductProvenance.objects.filter(condition)


def provenances_for_products(
    viewer: Viewer, saleor_product_ids: Sequence[str]
) -> list[ProductProvenance]:
    """One query: each product's provenance (product-level first, then its variants'), in the
    order the ids were asked for."""
    rows = (
        visible_provenances(viewer)
        .filter(saleor_product_id__in=list(saleor_product_ids))
        .select_related("quality_checked_by__artisan")
    )
    rank = {product_id: index for index, product_id in enumerate(saleor_product_ids)}
    return sorted(rows, key=lambda p: (rank[p.saleor_product_id], p.saleor_variant_id, p.pk))


def provenance_for_claim(provenance_id: int) -> ProductProvenance:
    return (
        ProductProvenance.objects.select_related("cooperative", "quality_checked_by__artisan")
        .prefetch_related(*CLAIM_PREFETCH)
        .get(pk=provenance_id)
    )


def provenance_summary(
    saleor_product_id: str, saleor_variant_id: str = ""
) -> ProvenanceSummary | None:
    """The published provenance of a Saleor product (or variant) for the write-back into
    Saleor: artisans with shares, cooperative, materials, certification names, certificate."""
    row = ProductProvenance.objects.filter(
        saleor_product_id=saleor_product_id,
        saleor_variant_id=saleor_variant_id,
        is_published=True,
        removed_from_saleor_at__isnull=True,
    ).first()
    if row is None:
        return None
    provenance = provenance_for_claim(row.pk)
    certificate = provenance.certificate
    return ProvenanceSummary(
        saleor_product_id=provenance.saleor_product_id,
        saleor_variant_id=provenance.saleor_variant_id,
        artisans=[
            ArtisanShare(slug=c.artisan.slug, name=c.artisan.name, share=c.share, role=c.role)
            for c in provenance.contributions.all()
        ],
        cooperative_slug=provenance.cooperative.slug,
        cooperative_name=provenance.cooperative.name,
        materials=[material_name(m.material) for m in provenance.materials.all()],
        certification_names=[
            f"{c.name} {c.level}".strip() for c in applicable_certifications(provenance)
        ],
        certificate_serial=certificate.serial if certificate else None,
        certificate_url=certificate_url(certificate) if certificate else None,
    )


# Access


def _contributor_ids(provenance: ProductProvenance) -> set[int]:
    return set(provenance.contributions.values_list("artisan_id", flat=True))


def access_provenance_for_edit(viewer: Viewer, provenance_id: int) -> ProductProvenance:
    if viewer.is_anonymous:
        raise PermissionDenied("Sign in to edit provenance.")
    provenance = ProductProvenance.objects.select_for_update().filter(pk=provenance_id).first()
    if provenance is None:
        raise _not_found("id", "Provenance")
    if not permissions.can_edit_provenance(
        viewer, provenance.cooperative_id, _contributor_ids(provenance), provenance.created_by_id
    ):
        raise PermissionDenied("Only its makers and its cooperative's managers edit it.")
    return provenance


def access_certification_holder(viewer: Viewer, holder: CertificationHolder) -> None:
    if viewer.is_anonymous:
        raise PermissionDenied("Sign in to record certifications.")
    given = [h for h in (holder.cooperative_id, holder.artisan_id, holder.provenance_id) if h]
    if len(given) != 1:
        raise ValidationError(
            {
                "holder": ValidationError(
                    "A certification belongs to one cooperative, artisan or piece.",
                    code=ProvenanceErrorCode.INVALID_HOLDER.value,
                )
            }
        )
    if holder.provenance_id is not None:
        access_provenance_for_edit(viewer, holder.provenance_id)
        return
    if holder.cooperative_id is not None:
        if not Cooperative.objects.filter(pk=holder.cooperative_id).exists():
            raise _not_found("cooperative", "Cooperative")
        allowed = permissions.can_edit_holder_certifications(
            viewer, cooperative_id=holder.cooperative_id
        )
    else:
        artisan_id = int(holder.artisan_id or 0)
        if not Artisan.objects.filter(pk=artisan_id).exists():
            raise _not_found("artisan", "Artisan")
        cooperative_ids = Membership.objects.filter(artisan_id=artisan_id).values_list(
            "cooperative_id", flat=True
        )
        allowed = permissions.can_edit_holder_certifications(
            viewer, artisan_id=holder.artisan_id, artisan_cooperative_ids=set(cooperative_ids)
        )
    if not allowed:
        raise PermissionDenied("You may not record this holder's certifications.")


def access_certification_for_edit(viewer: Viewer, certification_id: int) -> Certification:
    if viewer.is_anonymous:
        raise PermissionDenied("Sign in to edit certifications.")
    certification = Certification.objects.select_for_update().filter(pk=certification_id).first()
    if certification is None:
        raise _not_found("id", "Certification")
    access_certification_holder(
        viewer,
        CertificationHolder(
            cooperative_id=certification.cooperative_id,
            artisan_id=certification.artisan_id,
            provenance_id=certification.provenance_id,
        ),
    )
    return certification


# Validation


def _error(field_name: str, message: str, code: ProvenanceErrorCode) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code.value)})


def _not_found(field_name: str, what: str) -> ValidationError:
    return _error(field_name, f"{what} not found.", ProvenanceErrorCode.NOT_FOUND)


def validate_contributions(cooperative_id: int, contributions: Sequence[ContributionInput]) -> None:
    """At least one artisan, each once, each a member of the cooperative, each share
    1 to 10000 basis points, the shares summing to 10000 (100 %)."""
    if not contributions:
        raise _error("contributions", "Name who made the piece.", ProvenanceErrorCode.REQUIRED)
    artisan_ids = [c.artisan_id for c in contributions]
    if len(set(artisan_ids)) != len(artisan_ids):
        raise _error(
            "contributions", "Each artisan appears once.", ProvenanceErrorCode.DUPLICATE_ARTISAN
        )
    for contribution in contributions:
        if not 1 <= contribution.share <= FULL_SHARE:
            raise _error(
                "contributions",
                "A share is 1 to 10000 basis points.",
                ProvenanceErrorCode.OUT_OF_RANGE,
            )
        if contribution.role not in ContributionRole.values:
            raise _error("contributions", "Unknown role.", ProvenanceErrorCode.INVALID)
    if sum(c.share for c in contributions) != FULL_SHARE:
        raise _error(
            "contributions",
            "The shares must sum to 10000 basis points (100 %).",
            ProvenanceErrorCode.SHARES_NOT_FULL,
        )
    found = set(Artisan.objects.filter(pk__in=artisan_ids).values_list("pk", flat=True))
    if found != set(artisan_ids):
        raise _not_found("contributions", "Artisan")
    members = set(
        Membership.objects.filter(
            cooperative_id=cooperative_id, artisan_id__in=artisan_ids
        ).values_list("artisan_id", flat=True)
    )
    if members != set(artisan_ids):
        raise _error(
            "contributions",
            "Every artisan must be a member of the piece's cooperative.",
            ProvenanceErrorCode.NOT_A_MEMBER,
        )


def validate_materials(materials: Sequence[MaterialInput]) -> None:
    for material in materials:
        if material.material not in ProvenanceMaterial.values:
            raise _error("materials", "Unknown material.", ProvenanceErrorCode.INVALID)
    collector_ids = {m.collector_id for m in materials if m.collector_id is not None}
    found = set(Collector.objects.filter(pk__in=collector_ids).values_list("pk", flat=True))
    if found != collector_ids:
        raise _not_found("materials", "Collector")


def validate_provenance_changes(provenance: ProductProvenance, changes: Mapping[str, Any]) -> None:
    """Applies `changes` to the unsaved instance, then checks fields, GTIN and dates."""
    unknown = set(changes) - PROVENANCE_FIELDS
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=ProvenanceErrorCode.INVALID.value)
                for name in sorted(unknown)
            }
        )
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
            raise _error("gtin", str(error), ProvenanceErrorCode.INVALID_GTIN) from error
    today = timezone.localdate()
    if provenance.made_on and provenance.made_on > today:
        raise _error(
            "made_on", "A piece cannot be made in the future.", ProvenanceErrorCode.INVALID_DATE
        )
    checked_on = provenance.quality_checked_on
    if checked_on and checked_on > today:
        raise _error(
            "quality_checked_on",
            "A check cannot happen in the future.",
            ProvenanceErrorCode.INVALID_DATE,
        )
    if checked_on and provenance.made_on and checked_on < provenance.made_on:
        raise _error(
            "quality_checked_on",
            "The quality check comes after the piece is made.",
            ProvenanceErrorCode.INVALID_DATE,
        )


def validate_quality_checker(cooperative_id: int, artisan_id: int) -> Membership:
    membership = Membership.objects.filter(
        cooperative_id=cooperative_id, artisan_id=artisan_id
    ).first()
    if membership is None:
        raise _error(
            "quality_checked_by",
            "The checker is a member of the cooperative.",
            ProvenanceErrorCode.NOT_A_MEMBER,
        )
    return membership


def validate_custody_event(provenance: ProductProvenance, event: CustodyEventInput) -> None:
    if event.biz_step not in BizStep.values:
        raise _error("biz_step", "Unknown business step.", ProvenanceErrorCode.INVALID)
    if event.disposition and event.disposition not in Disposition.values:
        raise _error("disposition", "Unknown disposition.", ProvenanceErrorCode.INVALID)
    if not event.read_point.strip():
        raise _error("read_point", "Say where it happened.", ProvenanceErrorCode.REQUIRED)
    if timezone.is_naive(event.event_time):
        raise _error(
            "event_time", "Give the time with its time zone.", ProvenanceErrorCode.INVALID_DATE
        )
    if event.event_time > timezone.now() + CLOCK_SKEW:
        raise _error(
            "event_time", "An event cannot happen in the future.", ProvenanceErrorCode.INVALID_DATE
        )
    if (
        event.corrects_id is not None
        and not provenance.custody_events.filter(pk=event.corrects_id).exists()
    ):
        raise _not_found("corrects", "Custody event")


def validate_certification(certification: Certification, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - CERTIFICATION_FIELDS
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=ProvenanceErrorCode.INVALID.value)
                for name in sorted(unknown)
            }
        )
    for name, value in changes.items():
        if value is None and name not in {"valid_from", "valid_until"}:
            value = ""
        setattr(certification, name, value)
    if certification.scheme not in CertificationScheme.values:
        raise _error("scheme", "Unknown scheme.", ProvenanceErrorCode.INVALID)
    start, end = certification.valid_from, certification.valid_until
    if start and end and end < start:
        raise _error(
            "valid_until", "Valid until comes after valid from.", ProvenanceErrorCode.INVALID_DATE
        )
    certification.full_clean(exclude=["cooperative", "artisan", "provenance", "evidence"])


# Verbs


def _replace_related(provenance: ProductProvenance, provenance_input: ProvenanceInput) -> None:
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


def _validate_input(provenance: ProductProvenance, provenance_input: ProvenanceInput) -> None:
    validate_provenance_changes(provenance, provenance_input.changes)
    if provenance_input.contributions is not None:
        validate_contributions(provenance.cooperative_id, provenance_input.contributions)
    if provenance_input.materials is not None:
        validate_materials(provenance_input.materials)
    if provenance_input.quality_checked_by_artisan_id is not None:
        provenance.quality_checked_by = validate_quality_checker(
            provenance.cooperative_id, provenance_input.quality_checked_by_artisan_id
        )


def certify(provenance_id: int) -> Certificate | None:
    """Issue (or supersede) the certificate of a published piece from its current data."""
    provenance = provenance_for_claim(provenance_id)
    if not provenance.is_published:
        return None
    try:
        certificate = issue_certificate(build_claim(provenance))
    except CertificateError as error:
        raise _error(
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
    if not Cooperative.objects.filter(pk=cooperative_id).exists():
        raise _not_found("cooperative", "Cooperative")
    if not saleor_product_id.strip():
        raise _error(
            "saleor_product_id", "The Saleor product id is required.", ProvenanceErrorCode.REQUIRED
        )
    if ProductProvenance.objects.filter(
        saleor_product_id=saleor_product_id, saleor_variant_id=saleor_variant_id
    ).exists():
        raise _error(
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
    _validate_input(provenance, provenance_input)
    provenance.save()
    _replace_related(provenance, provenance_input)
    return ProvenanceResult(provenance=provenance, certificate=None)


@transaction.atomic
def update_provenance(
    viewer: Viewer, provenance_id: int, provenance_input: ProvenanceInput
) -> ProvenanceResult:
    provenance = access_provenance_for_edit(viewer, provenance_id)
    _validate_input(provenance, provenance_input)
    provenance.save()
    _replace_related(provenance, provenance_input)
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
    provenance.is_published = is_published
    provenance.save(update_fields=["is_published", "updated_at"])
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return ProvenanceResult(provenance=provenance, certificate=certificate)


@transaction.atomic
def record_custody_event(
    viewer: Viewer, provenance_id: int, event_input: CustodyEventInput
) -> CustodyEventResult:
    """Appends an event; events are never changed (a correction names the event it corrects)."""
    provenance = access_provenance_for_edit(viewer, provenance_id)
    validate_custody_event(provenance, event_input)
    offset = event_input.event_time.strftime("%z") or "+0000"
    event = CustodyEvent.objects.create(
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
        recorded_by_id=viewer.artisan_id,
    )
    certificate = certify(provenance.pk)
    provenance.refresh_from_db()
    return CustodyEventResult(event=event, provenance=provenance, certificate=certificate)


def _recertify_holder(certification: Certification) -> list[Certificate]:
    """Certificates of every published piece whose claim names this certification."""
    if certification.provenance_id is not None:
        pieces = ProductProvenance.objects.filter(pk=certification.provenance_id)
    elif certification.cooperative_id is not None:
        pieces = ProductProvenance.objects.filter(cooperative_id=certification.cooperative_id)
    else:
        pieces = ProductProvenance.objects.filter(
            contributions__artisan_id=int(certification.artisan_id or 0)
        )
    certificates = []
    for pk in pieces.filter(is_published=True).values_list("pk", flat=True).distinct():
        certificate = certify(pk)
        if certificate is not None:
            certificates.append(certificate)
    return certificates


@transaction.atomic
def create_certification(
    viewer: Viewer, holder: CertificationHolder, changes: Mapping[str, Any]
) -> CertificationResult:
    access_certification_holder(viewer, holder)
    certification = Certification(
        cooperative_id=holder.cooperative_id,
        artisan_id=holder.artisan_id,
        provenance_id=holder.provenance_id,
    )
    validate_certification(certification, changes)
    certification.save()
    return CertificationResult(certification, _recertify_holder(certification))


@transaction.atomic
def update_certification(
    viewer: Viewer, certification_id: int, changes: Mapping[str, Any]
) -> CertificationResult:
    certification = access_certification_for_edit(viewer, certification_id)
    validate_certification(certification, changes)
    certification.save()
    return CertificationResult(certification, _recertify_holder(certification))


def validate_evidence_file(file: File) -> EvidenceType:
    """The file's sniffed type; refuses other types, empty or too large files."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    refusal = refuse_evidence(int(file.size or 0), head)
    if refusal is not None:
        raise _error("file", refusal.message, ProvenanceErrorCode(refusal.code))
    evidence_type = sniff_evidence_type(head)
    assert evidence_type is not None
    return evidence_type


@transaction.atomic
def attach_certification_evidence(
    viewer: Viewer,
    certification_id: int,
    file: File,
) -> Certification:
    """Stores the document under a name of ours (never the client's) and replaces the
    previous one, deleted once the change is committed."""
    certification = access_certification_for_edit(viewer, certification_id)
    evidence_type = validate_evidence_file(file)
    previous = certification.evidence.name if certification.evidence else ""
    # Stored with the sniffed type, never the client's Content-Type.
    content = File(file.file)
    content.content_type = CONTENT_TYPES[evidence_type]  # type: ignore[attr-defined]
    certification.evidence.save(
        f"{certification.pk}/{uuid.uuid4().hex}.{evidence_type.value}", content, save=False
    )
    certification.save(update_fields=["evidence"])
    if previous:
        storage = certification.evidence.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return certification


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


# System writes: an operator's command (the fixture loader) acts for no signed-in viewer. Same
# validation as the viewer's verbs; writes only what differs, so a second run changes nothing.


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
    if not Cooperative.objects.filter(pk=cooperative_id).exists():
        raise _not_found("cooperative", "Cooperative")
    if not saleor_product_id.strip():
        raise _error(
            "saleor_product_id", "The Saleor product id is required.", ProvenanceErrorCode.REQUIRED
        )
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
            raise _error("contributions", "Name who made the piece.", ProvenanceErrorCode.REQUIRED)
    elif provenance.cooperative_id != cooperative_id:
        raise _error(
            "cooperative",
            "This product's provenance belongs to another cooperative.",
            ProvenanceErrorCode.INVALID,
        )
    before = (_provenance_state(provenance), _related_state(provenance))
    _validate_input(provenance, provenance_input)
    after = (
        _provenance_state(provenance),
        _input_related_state(provenance_input, before[1]),
    )
    changed = created or before != after
    if changed:
        provenance.save()
        _replace_related(provenance, provenance_input)

    existing_events = {
        _event_key(*row)
        for row in provenance.custody_events.values_list("event_time", "biz_step", "read_point")
    }
    for event_input in sorted(custody_events, key=lambda e: e.event_time):
        if _event_key(event_input.event_time, event_input.biz_step, event_input.read_point) in (
            existing_events
        ):
            continue
        validate_custody_event(provenance, event_input)
        offset = event_input.event_time.strftime("%z") or "+0000"
        CustodyEvent.objects.create(
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
            recorded_by_name=recorded_by_name,
        )
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
        raise _not_found("cooperative", "Cooperative")
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
    return SystemCertificationResult(certification, created, True, _recertify_holder(certification))
