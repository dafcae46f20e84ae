"""What a storefront's catalogue filters by (pieceFacets) and the products matching a filter
(pieceSearch), over the fixture provenance of the 30 sandbox products."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from storefront_plugins.provenance.loading import (
    directory_snapshot,
    load_provenance,
    parse_provenance_fixtures,
)
from storefront_plugins.provenance.models import ProductProvenance
from tests.app.artisans.conftest import DIRECTORY, directory
from tests.app.graphql_client import graphql

__all__ = ["directory"]

PROVENANCE = DIRECTORY.parent / "provenance.json"
FACETS = """
query Facets($cooperative: String, $language: LanguageCodeEnum) {
  pieceFacets(cooperativeSlug: $cooperative) {
    crafts { slug name(language: $language) count }
    regions { slug name(language: $language) count }
    materials { slug name(language: $language) count }
    artisans { slug name count }
  }
}
"""
SEARCH = """
query Search($filter: PieceFilterInput!, $first: Int) { pieceSearch(filter: $filter, first: $first) }
"""


@pytest.fixture
def product_ids(directory: None) -> dict[str, str]:
    """Every fixture piece published, each product with an invented Saleor id; slug -> id."""
    data = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    ids = {slug: f"UHJvZHVjdDo{index}" for index, slug in enumerate(data["products"])}
    load_provenance(parse_provenance_fixtures(data, directory_snapshot()), ids)
    return ids


def _slugs(ids: list[str], product_ids: dict[str, str]) -> list[str]:
    by_id = {product_id: slug for slug, product_id in product_ids.items()}
    return [by_id[product_id] for product_id in ids]


def test_a_cooperatives_facets_count_its_products(
    client: Client, product_ids: dict[str, str]
) -> None:
    # when
    data = graphql(client, FACETS, {"cooperative": "marrakech-cuir", "language": "EN"})
    # then
    facets = data["data"]["pieceFacets"]
    assert facets["crafts"] == [
        {"slug": "leatherwork", "name": "Leatherwork", "count": 4},
        {"slug": "embroidery", "name": "Embroidery", "count": 2},
    ]
    assert facets["regions"] == [{"slug": "ma-07", "name": "Marrakesh-Safi", "count": 6}]
    assert facets["materials"] == [
        {"slug": "goat_leather", "name": "Goat leather", "count": 5},
        {"slug": "cow_leather", "name": "Cowhide", "count": 1},
    ]
    assert facets["artisans"] == [
        {"slug": "rachid-el-amrani", "name": "Rachid El Amrani", "count": 3},
        {"slug": "hassan-tazi", "name": "Hassan Tazi", "count": 2},
        {"slug": "nadia-chraibi", "name": "Nadia Chraïbi", "count": 2},
    ]


def test_facet_names_come_in_arabic(client: Client, product_ids: dict[str, str]) -> None:
    data = graphql(client, FACETS, {"cooperative": "atlas-tapis", "language": "AR"})
    facets = data["data"]["pieceFacets"]
    assert facets["crafts"] == [{"slug": "carpet_weaving", "name": "نسج الزرابي", "count": 6}]
    assert facets["regions"][0]["name"] == "بني ملال خنيفرة"


def test_the_marketplaces_facets_span_every_cooperative(
    client: Client, product_ids: dict[str, str]
) -> None:
    data = graphql(client, FACETS, {})
    facets = data["data"]["pieceFacets"]
    assert sum(f["count"] for f in facets["regions"]) == 30
    assert {f["slug"]: f["count"] for f in facets["crafts"]} == {
        "pottery": 8,
        "zellige": 4,
        "carpet_weaving": 6,
        "silversmithing": 6,
        "leatherwork": 4,
        "embroidery": 2,
    }


def test_facets_take_four_queries(
    client: Client, product_ids: dict[str, str], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # when: crafts, regions, materials, artisans
    with django_assert_num_queries(4):
        data = graphql(client, FACETS, {})
    # then
    assert len(data["data"]["pieceFacets"]["artisans"]) == 13


@pytest.mark.parametrize(
    ("piece_filter", "expected"),
    [
        (
            {"cooperative": "fes-zellige", "craft": "pottery"},
            ["plat-bleu-de-fes", "sucrier-bleu-de-fes"],
        ),
        ({"artisan": "nadia-chraibi"}, ["babouches-brodees", "sac-bandouliere-majorelle"]),
        ({"material": "cow_leather"}, ["cartable-cuir"]),
        ({"material": "carnelian", "region": "MA-09"}, ["bague-cornaline"]),
        ({"region": "ma-05", "artisan": "nadia-chraibi"}, []),
        ({"craft": "basketry"}, []),
    ],
)
def test_piece_search_matches_every_criterion(
    client: Client,
    product_ids: dict[str, str],
    piece_filter: dict[str, str],
    expected: list[str],
) -> None:
    data = graphql(client, SEARCH, {"filter": piece_filter})
    assert _slugs(data["data"]["pieceSearch"], product_ids) == expected


def test_piece_search_returns_published_pieces_still_in_saleor_once_each(
    client: Client, product_ids: dict[str, str], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given: one unpublished, one deleted in Saleor, one with a variant's own provenance
    pieces = ProductProvenance.objects.filter(saleor_variant_id="")
    pieces.filter(saleor_product_id=product_ids["cartable-cuir"]).update(is_published=False)
    pieces.filter(saleor_product_id=product_ids["pouf-cuir-brode"]).update(
        removed_from_saleor_at=timezone.now()
    )
    variant: Any = pieces.get(saleor_product_id=product_ids["sac-cabas-cuir"])
    variant.pk, variant.saleor_variant_id, variant.certificate_id = None, "VmFyaWFudDox", None
    variant.save()
    # when: one query
    with django_assert_num_queries(1):
        data = graphql(client, SEARCH, {"filter": {"cooperative": "marrakech-cuir"}, "first": 10})
    # then: in the order they were recorded
    assert _slugs(data["data"]["pieceSearch"], product_ids) == [
        "sac-cabas-cuir",
        "babouches-brodees",
        "portefeuille-cuir",
        "sac-bandouliere-majorelle",
    ]


def test_piece_search_pages_are_at_most_100(client: Client, product_ids: dict[str, str]) -> None:
    assert len(graphql(client, SEARCH, {"filter": {}, "first": 3})["data"]["pieceSearch"]) == 3
    refused = graphql(client, SEARCH, {"filter": {}, "first": 101})
    assert refused["errors"][0]["message"] == "`first` must be between 0 and 100."
