"""The provenance of one Saleor product as Saleor staff see it on the product page: every
piece recorded for it (the product and its variants), published or not."""

from dataclasses import dataclass
from typing import Any

from storefront_plugins.dashboard.texts import role_name, step_name
from storefront_plugins.provenance.certificates.languages import localize_tree
from storefront_plugins.provenance.certificates.views import certificate_url
from storefront_plugins.provenance.claims import CLAIM_PREFETCH, build_claim
from storefront_plugins.provenance.models import ProductProvenance


@dataclass(frozen=True)
class PieceProvenance:
    variant_id: str  # "" for the product as a whole
    is_published: bool
    removed_from_saleor: bool
    claim: dict[str, Any]  # the certified claim's shape, its texts in the page's language
    verification_url: str | None


def provenance_of_product(saleor_product_id: str, language: str) -> list[PieceProvenance]:
    """A fixed number of queries whatever the number of pieces, makers or events."""
    rows = (
        ProductProvenance.objects.filter(saleor_product_id=saleor_product_id)
        .select_related("cooperative", "certificate", "quality_checked_by__artisan")
        .prefetch_related(*CLAIM_PREFETCH, "materials__collector")
        .order_by("saleor_variant_id", "pk")
    )
    return [_piece(row, language) for row in rows]


def _piece(provenance: ProductProvenance, language: str) -> PieceProvenance:
    claim = localize_tree(build_claim(provenance), language)
    for maker in claim["artisans"]:
        maker["roleName"] = role_name(maker["role"], language)
        maker["percent"] = f"{maker['shareBasisPoints'] / 100:g}"
    for event in claim["custody"]:
        event["stepName"] = step_name(event["bizStep"], language)
    certificate = provenance.certificate
    return PieceProvenance(
        variant_id=provenance.saleor_variant_id,
        is_published=provenance.is_published,
        removed_from_saleor=provenance.removed_from_saleor_at is not None,
        claim=claim,
        verification_url=certificate_url(certificate) if certificate else None,
    )
