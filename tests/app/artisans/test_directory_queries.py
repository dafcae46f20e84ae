import csv
import io

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from tests.app.artisans.conftest import DIRECTORY
from tests.app.graphql_client import graphql

ARTISANS = """
query Artisans($first: Int, $filter: ArtisanFilterInput, $search: String, $language: LanguageCodeEnum) {
  artisans(first: $first, filter: $filter, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id slug name city crafts region { code name country }
      bio(language: $language)
      bioTranslations { fr ar en }
      memberships { role cooperative { slug name } }
    } }
  }
}
"""
COOPERATIVES = """
query Cooperatives($first: Int) {
  cooperatives(first: $first) {
    totalCount
    edges { node {
      slug name description(language: EN) saleorChannelSlug commissionRate
      members { role artisan { slug } }
      collectors { slug materials }
    } }
  }
}
"""
COLLECTORS = """
query Collectors($first: Int) {
  collectors(first: $first) {
    totalCount
    edges { node { slug materials regions { code } cooperatives { slug } } }
  }
}
"""
COOPERATIVE = """
query Cooperative($slug: String, $id: ID) {
  cooperative(slug: $slug, id: $id) { id slug name region { name } }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { __typename ... on Artisan { slug } } }"


def _more_artisans(count: int) -> None:
    safi = Cooperative.objects.get(slug="cooperative-safi")
    for index in range(count):
        artisan = Artisan.objects.create(
            name=f"Potier {index:02}",
            slug=f"potier-{index:02}",
            region="MA-07",
            city="Safi",
            crafts=["pottery"],
            is_published=True,
        )
        Membership.objects.create(artisan=artisan, cooperative=safi)


@pytest.mark.parametrize("page_size", [5, 20])
def test_artisans_take_the_same_queries_whatever_the_page_size(
    client: Client,
    directory: None,
    django_assert_num_queries: DjangoAssertNumQueries,
    page_size: int,
) -> None:
    # given
    _more_artisans(15)
    # when: a COUNT, the page, the memberships, the cooperatives
    with django_assert_num_queries(4):
        data = graphql(client, ARTISANS, {"first": page_size})
    # then
    assert len(data["data"]["artisans"]["edges"]) == page_size
    assert data["data"]["artisans"]["totalCount"] == 28


@pytest.mark.parametrize("page_size", [2, 5])
def test_cooperatives_take_the_same_queries_whatever_the_page_size(
    client: Client,
    directory: None,
    django_assert_num_queries: DjangoAssertNumQueries,
    page_size: int,
) -> None:
    # when: a COUNT, the page, the members (with their artisans, for visibility), the members'
    # artisans through ArtisanByIdLoader, the collectors
    with django_assert_num_queries(5):
        data = graphql(client, COOPERATIVES, {"first": page_size})
    # then
    assert len(data["data"]["cooperatives"]["edges"]) == page_size
    assert data["data"]["cooperatives"]["totalCount"] == 5


@pytest.mark.parametrize("page_size", [2, 7])
def test_collectors_take_the_same_queries_whatever_the_page_size(
    client: Client,
    directory: None,
    django_assert_num_queries: DjangoAssertNumQueries,
    page_size: int,
) -> None:
    # when: a COUNT, the page, their cooperatives
    with django_assert_num_queries(3):
        data = graphql(client, COLLECTORS, {"first": page_size})
    # then
    assert len(data["data"]["collectors"]["edges"]) == page_size


def test_artisans_filter_by_craft_region_and_cooperative(client: Client, directory: None) -> None:
    # when
    data = graphql(
        client,
        ARTISANS,
        {"filter": {"craft": "LEATHERWORK", "region": "MA_07", "cooperative": "marrakech-cuir"}},
    )
    # then
    slugs = [edge["node"]["slug"] for edge in data["data"]["artisans"]["edges"]]
    assert slugs == ["hassan-tazi", "nadia-chraibi", "rachid-el-amrani"]


def test_artisans_search_names_and_bios_in_every_language(client: Client, directory: None) -> None:
    # when
    by_name = graphql(client, ARTISANS, {"search": "lahlou"})
    by_arabic_bio = graphql(client, ARTISANS, {"search": "الزليج"})
    # then
    assert [e["node"]["slug"] for e in by_name["data"]["artisans"]["edges"]] == ["driss-lahlou"]
    assert "driss-lahlou" in [e["node"]["slug"] for e in by_arabic_bio["data"]["artisans"]["edges"]]


@pytest.mark.parametrize(
    ("language", "starts_with"),
    [
        ("FR", "Maâlem Driss Lahlou"),
        ("AR", "ينقش المعلم"),
        ("EN", "Maâlem Driss Lahlou has cut"),
        (None, "Maâlem Driss Lahlou taille"),
    ],
)
def test_bio_in_the_language_asked_for(
    client: Client, directory: None, language: str | None, starts_with: str
) -> None:
    # when
    data = graphql(client, ARTISANS, {"search": "lahlou", "language": language})
    # then
    node = data["data"]["artisans"]["edges"][0]["node"]
    assert node["bio"].startswith(starts_with)
    assert set(node["bioTranslations"]) == {"fr", "ar", "en"}


def test_bio_falls_back_to_french_then_english(client: Client, directory: None) -> None:
    # given
    Artisan.objects.filter(slug="driss-lahlou").update(bio={"en": "Zellige master.", "ar": "معلم"})
    # when
    data = graphql(client, ARTISANS, {"search": "lahlou", "language": "FR"})
    # then
    assert data["data"]["artisans"]["edges"][0]["node"]["bio"] == "Zellige master."


def test_cooperative_by_slug_id_and_node(client: Client, directory: None) -> None:
    # given
    by_slug = graphql(client, COOPERATIVE, {"slug": "tiznit-argent"})["data"]["cooperative"]
    # when
    by_id = graphql(client, COOPERATIVE, {"id": by_slug["id"]})["data"]["cooperative"]
    node = graphql(client, NODE, {"id": by_slug["id"]})["data"]["node"]
    # then
    assert by_slug["region"] == {"name": "Souss-Massa"}
    assert by_id == by_slug
    assert node == {"__typename": "Cooperative"}


def test_pages_follow_cursors(client: Client, directory: None) -> None:
    # given
    first_page = graphql(client, ARTISANS, {"first": 10})["data"]["artisans"]
    # when
    query = ARTISANS.replace(
        "artisans(first: $first,", "artisans(first: $first, after: $after,"
    ).replace("$language: LanguageCodeEnum)", "$language: LanguageCodeEnum, $after: String)")
    second_page = graphql(
        client, query, {"first": 10, "after": first_page["pageInfo"]["endCursor"]}
    )
    # then
    assert first_page["pageInfo"]["hasNextPage"] is True
    second = second_page["data"]["artisans"]
    assert len(second["edges"]) == 3
    assert second["pageInfo"]["hasNextPage"] is False


def test_directory_csv_has_a_bom_and_one_row_per_artisan(client: Client, directory: None) -> None:
    # when
    response = client.get("/directory.csv", {"cooperative": "atlas-tapis"})
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["aicha-ouchen", "fadma-id-brahim", "itto-ait-ouahmane"]
    assert rows[0]["cooperatives"] == "Coopérative des tisserandes du Haut Atlas"
    assert rows[0]["region"] == "Béni Mellal-Khénifra"
    assert rows[0]["crafts"] == "carpet_weaving"
    assert "آيت بوكماز" in rows[0]["bio_ar"]


def test_directory_csv_leaves_out_unpublished_artisans(client: Client, directory: None) -> None:
    # given
    Artisan.objects.filter(slug="aicha-ouchen").update(is_published=False)
    # when
    response = client.get("/directory.csv", {"craft": "carpet_weaving"})
    # then
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["fadma-id-brahim", "itto-ait-ouahmane"]


def test_load_directory_is_idempotent(db: None) -> None:
    # given
    load_directory_file(DIRECTORY)
    # when
    result = load_directory_file(DIRECTORY)
    # then
    assert result.cooperatives == 5
    assert Cooperative.objects.count() == 5
    assert Artisan.objects.count() == 13
    assert Membership.objects.count() == 13
    assert Collector.objects.count() == 7
    assert set(Cooperative.objects.values_list("saleor_channel_slug", flat=True)) == {
        "cooperative-safi",
        "fes-zellige",
        "atlas-tapis",
        "tiznit-argent",
        "marrakech-cuir",
    }
