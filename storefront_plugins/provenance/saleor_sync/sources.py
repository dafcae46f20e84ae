"""The provenance data, as the write-back needs it: registered as the providers' defaults
by `ProvenanceConfig.ready()`."""

from storefront_plugins.provenance import services
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.provenance.saleor_sync.summary import ArtisanShare, ProvenanceSummary


def summary_for(_saleor_api_url: str, saleor_product_id: str) -> ProvenanceSummary | None:
    """A product's published, product-level provenance, in the form written to Saleor."""
    summary = services.provenance_summary(saleor_product_id)
    if summary is None:
        return None
    return ProvenanceSummary(
        saleor_product_id=summary.saleor_product_id,
        artisans=tuple(ArtisanShare(slug=a.slug, share_bps=a.share) for a in summary.artisans),
        cooperative_slug=summary.cooperative_slug,
        cooperative_name=summary.cooperative_name,
        materials=tuple(
            material.fr or material.en or material.ar for material in summary.materials
        ),
        certifications=tuple(summary.certification_names),
        certificate_url=summary.certificate_url,
    )


def product_ids(_saleor_api_url: str) -> list[str]:
    return list(
        ProductProvenance.objects.filter(
            is_published=True, saleor_variant_id="", removed_from_saleor_at__isnull=True
        )
        .order_by("saleor_product_id")
        .values_list("saleor_product_id", flat=True)
    )


def product_deleted(_saleor_api_url: str, saleor_product_id: str) -> None:
    """PRODUCT_DELETED: the piece is marked removed from Saleor (see the service)."""
    services.mark_removed_from_saleor(saleor_product_id)
