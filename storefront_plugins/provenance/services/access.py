"""access_*: fetch (locked for update) and check the viewer may edit, or raise."""

from django.core.exceptions import PermissionDenied, ValidationError

from storefront_plugins.artisans.models import Artisan, Cooperative, Membership
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.provenance import permissions
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.models import Certification, ProductProvenance
from storefront_plugins.provenance.services.errors import not_found
from storefront_plugins.provenance.services.inputs import CertificationHolder


def _contributor_ids(provenance: ProductProvenance) -> set[int]:
    return set(provenance.contributions.values_list("artisan_id", flat=True))


def access_provenance_for_edit(viewer: Viewer, provenance_id: int) -> ProductProvenance:
    if viewer.is_anonymous:
        raise PermissionDenied("Sign in to edit provenance.")
    provenance = ProductProvenance.objects.select_for_update().filter(pk=provenance_id).first()
    if provenance is None:
        raise not_found("id", "Provenance")
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
            raise not_found("cooperative", "Cooperative")
        allowed = permissions.can_edit_holder_certifications(
            viewer, cooperative_id=holder.cooperative_id
        )
    else:
        artisan_id = int(holder.artisan_id or 0)
        if not Artisan.objects.filter(pk=artisan_id).exists():
            raise not_found("artisan", "Artisan")
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
        raise not_found("id", "Certification")
    access_certification_holder(
        viewer,
        CertificationHolder(
            cooperative_id=certification.cooperative_id,
            artisan_id=certification.artisan_id,
            provenance_id=certification.provenance_id,
        ),
    )
    return certification
