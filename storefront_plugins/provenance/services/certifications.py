"""Certifications of a cooperative, an artisan or a piece, and their evidence documents."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db import transaction

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.provenance.evidence import CONTENT_TYPES
from storefront_plugins.provenance.models import Certificate, Certification, ProductProvenance
from storefront_plugins.provenance.services.access import (
    access_certification_for_edit,
    access_certification_holder,
)
from storefront_plugins.provenance.services.inputs import CertificationHolder
from storefront_plugins.provenance.services.pieces import certify
from storefront_plugins.provenance.services.validation import (
    validate_certification,
    validate_evidence_file,
)


@dataclass(frozen=True)
class CertificationResult:
    certification: Certification
    certificates: list[Certificate]


def recertify_holder(certification: Certification) -> list[Certificate]:
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
    return CertificationResult(certification, recertify_holder(certification))


@transaction.atomic
def update_certification(
    viewer: Viewer, certification_id: int, changes: Mapping[str, Any]
) -> CertificationResult:
    certification = access_certification_for_edit(viewer, certification_id)
    validate_certification(certification, changes)
    certification.save()
    return CertificationResult(certification, recertify_holder(certification))


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
