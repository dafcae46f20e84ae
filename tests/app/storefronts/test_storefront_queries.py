"""The storefronts a theme reads: one by slug or domain, and the marketplace's list."""

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from tests.app.artisans.test_permission_matrix import ACTORS
from tests.app.graphql_client import graphql

STOREFRONT = """
query Storefront($slug: String, $domain: String, $language: LanguageCodeEnum) {
  storefront(slug: $slug, domain: $domain) {
    slug name(language: $language) tagline(language: $language) channelSlug domain path
    defaultLanguage languages isPublished
    cooperative { slug city }
    theme {
      primaryColor accentColor backgroundColor textColor headingFont bodyFont headingFontKey
      logoUrl pattern productGrid heroLayout
      heroImages { url alt(language: $language) width height }
    }
    pages { slug kind title(language: $language) body(language: $language) }
    page(slug: "artisans") { kind title(language: $language) }
  }
}
"""
MARKETPLACE = """
query Marketplace($search: String, $first: Int) {
  storefronts(search: $search, first: $first) {
    totalCount
    edges { node {
      slug name path cooperative { name }
      theme { primaryColor heroImages { url } }
      pages { slug }
    } }
  }
}
"""


def _slugs(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["slug"] for edge in data["data"]["storefronts"]["edges"]]


def test_a_storefront_by_slug_carries_its_theme_images_and_pages(
    client: Client, storefronts: None, settings: Any
) -> None:
    # given
    settings.PUBLIC_URL = "https://souk.example"
    # when
    data = graphql(client, STOREFRONT, {"slug": "atlas-tapis", "language": "EN"})
    # then
    storefront = data["data"]["storefront"]
    assert storefront["name"] == "Weavers of the High Atlas"
    assert storefront["channelSlug"] == "atlas-tapis"
    assert storefront["path"] == "/atlas"
    assert storefront["languages"] == ["fr", "ar", "en"]
    assert storefront["cooperative"] == {"slug": "atlas-tapis", "city": "Azilal"}
    theme = storefront["theme"]
    assert theme["pattern"] == "KILIM"
    assert theme["primaryColor"] == "#9b2226"
    assert theme["headingFontKey"] == "SLAB_SERIF"
    assert theme["headingFont"].endswith("serif")
    assert theme["heroImages"][0] == {
        "url": "https://souk.example/static/storefronts/atlas-kilim.svg",
        "alt": "Kilim diamonds in red, saffron and undyed wool",
        "width": 1600,
        "height": 600,
    }
    assert [p["kind"] for p in storefront["pages"]] == [
        "OUR_STORY",
        "ARTISANS",
        "SHIPPING_AND_RETURNS",
    ]
    assert storefront["page"] == {"kind": "ARTISANS", "title": "The artisans"}


def test_every_fixture_storefront_has_its_three_pages_in_three_languages(
    client: Client, storefronts: None
) -> None:
    for language in ("FR", "AR", "EN"):
        for storefront in Storefront.objects.all():
            data = graphql(client, STOREFRONT, {"slug": storefront.slug, "language": language})
            pages = data["data"]["storefront"]["pages"]
            assert len(pages) == 3
            assert all(page["title"] and page["body"] for page in pages)


def test_the_arabic_texts_are_arabic(client: Client, storefronts: None) -> None:
    data = graphql(client, STOREFRONT, {"slug": "tiznit-argent", "language": "AR"})
    storefront = data["data"]["storefront"]
    assert storefront["name"] == "صاغة تيزنيت"
    assert storefront["defaultLanguage"] == "ar"
    assert storefront["page"]["title"] == "الحرفيون"


def test_a_storefront_by_its_domain(client: Client, storefronts: None) -> None:
    data = graphql(client, STOREFRONT, {"domain": "Potiers-Safi.example"})
    assert data["data"]["storefront"]["slug"] == "cooperative-safi"


@pytest.mark.parametrize("variables", [{}, {"slug": "atlas-tapis", "domain": "x.example"}])
def test_a_storefront_is_asked_by_slug_or_by_domain(
    client: Client, storefronts: None, variables: dict[str, str]
) -> None:
    data = graphql(client, STOREFRONT, variables)
    assert data["data"]["storefront"] is None
    assert data["errors"][0]["message"] == "Provide exactly one of `slug` or `domain`."


def test_an_unknown_page_is_null(client: Client, storefronts: None) -> None:
    StorefrontPage.objects.filter(slug="artisans").delete()
    data = graphql(client, STOREFRONT, {"slug": "atlas-tapis"})
    assert data["data"]["storefront"]["page"] is None


def test_the_marketplace_lists_published_storefronts_by_name(
    client: Client, storefronts: None
) -> None:
    # given
    Storefront.objects.filter(slug="fes-zellige").update(is_published=False)
    # when
    data = graphql(client, MARKETPLACE, {"first": 10})
    # then: by their French names (the default)
    assert data["data"]["storefronts"]["totalCount"] == 4
    assert _slugs(data) == ["cooperative-safi", "marrakech-cuir", "tiznit-argent", "atlas-tapis"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("kilim", ["atlas-tapis"]),  # a tagline
        ("Potiers", ["cooperative-safi"]),  # a name
        ("Aïn Nokbi", ["fes-zellige"]),  # a tagline
        ("Tiznit", ["tiznit-argent"]),  # the cooperative's city
        ("Souss", ["tiznit-argent"]),  # its region
        ("مراكش", ["cooperative-safi", "marrakech-cuir"]),  # Marrakech-Safi, in Arabic
        ("broderie", ["marrakech-cuir"]),  # a craft of the cooperative
        ("الزرابي", ["atlas-tapis"]),  # carpet weaving, in Arabic
        ("silversmithing", ["tiznit-argent"]),
        ("zellige", ["fes-zellige"]),
        ("velours", []),
    ],
)
def test_the_marketplace_searches_storefronts_and_their_cooperatives(
    client: Client, storefronts: None, search: str, expected: list[str]
) -> None:
    data = graphql(client, MARKETPLACE, {"search": search, "first": 10})
    assert sorted(_slugs(data)) == sorted(expected)


def test_a_craft_only_a_member_practises_finds_the_cooperative(
    client: Client, storefronts: None
) -> None:
    # given: embroidery is both Marrakech's and one of its members'; take it from the cooperative
    from storefront_plugins.artisans.models import Cooperative

    Cooperative.objects.filter(slug="marrakech-cuir").update(crafts=["leatherwork"])
    # when
    data = graphql(client, MARKETPLACE, {"search": "Embroidery", "first": 10})
    # then: Nadia Chraïbi embroiders
    assert _slugs(data) == ["marrakech-cuir"]


@pytest.mark.parametrize("page_size", [2, 5])
def test_the_marketplace_takes_the_same_queries_whatever_the_page_size(
    client: Client,
    storefronts: None,
    django_assert_num_queries: DjangoAssertNumQueries,
    page_size: int,
) -> None:
    # when: a COUNT, the page, the cooperatives, the hero images, the pages
    with django_assert_num_queries(5):
        data = graphql(client, MARKETPLACE, {"first": page_size})
    # then
    assert len(data["data"]["storefronts"]["edges"]) == page_size
    assert all(edge["node"]["pages"] for edge in data["data"]["storefronts"]["edges"])


def test_a_search_adds_one_query_for_the_directory(
    client: Client, storefronts: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # when: the cooperatives matching, a COUNT, the page, cooperatives, images, pages
    with django_assert_num_queries(6):
        data = graphql(client, MARKETPLACE, {"first": 5, "search": "Safi"})
    # then: Safi's storefront, and Marrakech's (region Marrakech-Safi)
    assert sorted(_slugs(data)) == ["cooperative-safi", "marrakech-cuir"]


def test_a_storefront_with_pages_and_images_takes_four_queries(
    client: Client, storefronts: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given
    storefront = Storefront.objects.get(slug="cooperative-safi")
    assert HeroImage.objects.filter(storefront=storefront).count() == 2
    # when: the storefront, its cooperative, its hero images, its pages (page(slug) too)
    with django_assert_num_queries(4):
        data = graphql(client, STOREFRONT, {"slug": "cooperative-safi", "language": "FR"})
    # then
    assert len(data["data"]["storefront"]["theme"]["heroImages"]) == 2
    assert data["data"]["storefront"]["page"]["title"] == "Les artisans"


UNPUBLISHED_READERS = {"manager", "staff"}


@pytest.mark.parametrize("actor", ACTORS)
def test_an_unpublished_storefront_is_seen_by_its_editors_only(
    api_client: Client, tokens: dict[str, str | None], storefronts: None, actor: str
) -> None:
    # given
    Storefront.objects.filter(slug="cooperative-safi").update(is_published=False)
    # when
    data = graphql(api_client, STOREFRONT, {"slug": "cooperative-safi"}, token=tokens[actor])
    listed = graphql(api_client, MARKETPLACE, {"first": 10}, token=tokens[actor])
    # then
    assert (data["data"]["storefront"] is not None) is (actor in UNPUBLISHED_READERS)
    assert "cooperative-safi" not in _slugs(listed)  # the marketplace lists published ones


def test_a_cached_anonymous_read_sees_the_next_edit(
    client: Client, storefronts: None, settings: Any
) -> None:
    # given: the response cache on, the storefront read once
    settings.SOUK_PUBLIC_RESPONSE_CACHE_SECONDS = 60
    first = graphql(client, STOREFRONT, {"slug": "atlas-tapis", "language": "EN"})
    # when: edited by any path (here a bulk update)
    Storefront.objects.filter(slug="atlas-tapis").update(tagline={"en": "Rugs of Azilal"})
    # then
    second = graphql(client, STOREFRONT, {"slug": "atlas-tapis", "language": "EN"})
    assert first["data"]["storefront"]["tagline"] != "Rugs of Azilal"
    assert second["data"]["storefront"]["tagline"] == "Rugs of Azilal"
