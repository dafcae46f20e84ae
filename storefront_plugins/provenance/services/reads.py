"""Reads: who made a product (for payouts), what a viewer sees, a piece's claim and its
published summary."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.provenance.certificates.views import certificate_url
from storefront_plugins.provenance.claims import CLAIM_PREFETCH, applicable_certifications
from storefront_plugins.provenance.materials import material_name
from storefront_plugins.provenance.models import Contribution, ProductProvenance


@dataclass(frozen=True)
class ArtisanContribution:
    """One maker of a published piece, with their name for display."""

    slug: str
    name: str
    share: int  # basis points
    role: str


@dataclass(frozen=True)
class PublishedProvenance:
    """A product's published provenance, read from the provenance data (translated
    materials, certificate serial). The Saleor write-back turns it into its own
    `saleor_sync.summary.ProvenanceSummary`: what is written into Saleor's product."""

    saleor_product_id: str
    saleor_variant_id: str
    artisans: list[ArtisanContribution]
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
    """One query whatever the number of products: the provenance of these products and
    their variants, with the artisans' shares (a provenance without contributions left out)."""
    rows = (
        Contribution.objects.filter(
            provenance__saleor_product_id__in=list(dict.fromkeys(saleor_product_ids))
        )
        .values_list(
            "provenance_id",
            "provenance__saleor_product_id",
            "provenance__saleor_variant_id",
            "provenance__cooperative_id",
            "artisan_id",
            "share",
        )
        .order_by()
    )
    pieces: dict[int, tuple[str, str, int]] = {}
    shares: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for provenance_id, product_id, variant_id, cooperative_id, artisan_id, share in rows:
        pieces[provenance_id] = (product_id, variant_id, cooperative_id)
        shares[provenance_id].append((artisan_id, share))
    return [
        PieceMakers(
            saleor_product_id=product_id,
            saleor_variant_id=variant_id,
            cooperative_id=cooperative_id,
            shares=tuple(sorted(shares[pk], key=lambda s: (-s[1], s[0]))),
        )
        for pk, (product_id, variant_id, cooperative_id) in sorted(pieces.items())
    ]


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


def pieces_made_by(viewer: Viewer) -> list[ProductProvenance]:
    """The pieces the viewer made or helped make (as an artisan; none otherwise), newest
    first, with their cooperative, makers, materials, custody, certifications and current
    certificate: nine queries whatever their number."""
    if viewer.artisan_id is None:
        return []
    return list(
        ProductProvenance.objects.filter(
            Q(created_by_id=viewer.artisan_id) | Q(_contributed_by(viewer.artisan_id))
        )
        .select_related("cooperative", "certificate")
        .prefetch_related(*CLAIM_PREFETCH)
        .order_by("-made_on", "-pk")
    )


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
) -> PublishedProvenance | None:
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
    return PublishedProvenance(
        saleor_product_id=provenance.saleor_product_id,
        saleor_variant_id=provenance.saleor_variant_id,
        artisans=[
            ArtisanContribution(
                slug=c.artisan.slug, name=c.artisan.name, share=c.share, role=c.role
            )
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
