"""What a catalogue filters published pieces by: crafts, regions, materials and artisans, with
how many products each matches, and the Saleor products matching a filter. A piece is
published provenance of a product still in Saleor; a product counts once, whether its
provenance is the product's or its variants'."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, QuerySet

from storefront_plugins.artisans.crafts import craft_name
from storefront_plugins.artisans.regions import region_name
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.provenance.materials import material_name
from storefront_plugins.provenance.models import Contribution, MaterialUse, ProductProvenance

MAX_PIECE_SEARCH = 100


@dataclass(frozen=True)
class Facet:
    slug: str
    name: TranslatedText
    count: int  # Saleor products


@dataclass(frozen=True)
class ArtisanFacet:
    slug: str
    name: str
    count: int


@dataclass(frozen=True)
class PieceFacets:
    crafts: list[Facet]
    regions: list[Facet]
    materials: list[Facet]
    artisans: list[ArtisanFacet]


@dataclass(frozen=True)
class PieceFilter:
    cooperative: str | None = None  # slugs, all of them
    craft: str | None = None
    region: str | None = None  # an ISO 3166-2 code, any case: "ma-07"
    artisan: str | None = None
    material: str | None = None


def region_slug(code: str) -> str:
    return code.lower()


def published_pieces(cooperative_slug: str | None = None) -> QuerySet[ProductProvenance]:
    pieces = ProductProvenance.objects.filter(
        is_published=True, removed_from_saleor_at__isnull=True
    )
    if cooperative_slug is not None:
        pieces = pieces.filter(cooperative__slug=cooperative_slug)
    return pieces


def _by_count(facets: list[Facet]) -> list[Facet]:
    return sorted(facets, key=lambda f: (-f.count, f.slug))


def piece_facets(cooperative_slug: str | None = None) -> PieceFacets:
    """Four queries, whatever the number of pieces."""
    pieces = published_pieces(cooperative_slug)
    products = Count("saleor_product_id", distinct=True)
    crafts = pieces.exclude(craft="").values_list("craft").annotate(n=products).order_by()
    regions = pieces.values_list("cooperative__region").annotate(n=products).order_by()
    materials = (
        MaterialUse.objects.filter(provenance__in=pieces)
        .values_list("material")
        .annotate(n=Count("provenance__saleor_product_id", distinct=True))
        .order_by()
    )
    artisans = (
        Contribution.objects.filter(provenance__in=pieces, artisan__is_published=True)
        .values_list("artisan__slug", "artisan__name")
        .annotate(n=Count("provenance__saleor_product_id", distinct=True))
        .order_by()
    )
    return PieceFacets(
        crafts=_by_count([Facet(code, craft_name(code), n) for code, n in crafts]),
        regions=_by_count([Facet(region_slug(code), region_name(code), n) for code, n in regions]),
        materials=_by_count([Facet(code, material_name(code), n) for code, n in materials]),
        artisans=sorted(
            (ArtisanFacet(slug, name, n) for slug, name, n in artisans),
            key=lambda f: (-f.count, f.name, f.slug),
        ),
    )


def search_pieces(piece_filter: PieceFilter, first: int = MAX_PIECE_SEARCH) -> list[str]:
    """One query: the Saleor product ids of published pieces matching every criterion given,
    first recorded first."""
    pieces = published_pieces(piece_filter.cooperative)
    if piece_filter.craft:
        pieces = pieces.filter(craft=piece_filter.craft)
    if piece_filter.region:
        pieces = pieces.filter(cooperative__region=piece_filter.region.upper())
    if piece_filter.artisan:
        pieces = pieces.filter(
            Exists(
                Contribution.objects.filter(
                    provenance=OuterRef("pk"), artisan__slug=piece_filter.artisan
                )
            )
        )
    if piece_filter.material:
        pieces = pieces.filter(
            Exists(
                MaterialUse.objects.filter(
                    provenance=OuterRef("pk"), material=piece_filter.material
                )
            )
        )
    rows = (
        pieces.values_list("saleor_product_id")
        .annotate(first_pk=Min("pk"))
        .order_by("first_pk")[:first]
    )
    return [product_id for product_id, _ in rows]
