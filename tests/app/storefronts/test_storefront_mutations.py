"""Editing a storefront: what is checked, what is written, and that a refusal writes nothing."""

from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.api.response_cache import public_data_version
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from tests.app.graphql_client import graphql

CREATE = """
mutation Create($input: StorefrontCreateInput!) {
  storefrontCreate(input: $input) {
    storefront { slug channelSlug path isPublished name(language: FR) defaultLanguage languages
                 theme { textColor backgroundColor heroImages { url } } }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) {
    storefront { name(language: EN) nameTranslations { fr ar en } domain path languages
                 defaultLanguage
                 theme { primaryColor textColor backgroundColor pattern productGrid heroLayout
                         logoUrl bodyFont heroImages { url alt(language: AR) width height } } }
    errors { field code }
  }
}
"""
PUBLISH = """
mutation Publish($id: ID!, $isPublished: Boolean!) {
  storefrontPublish(id: $id, isPublished: $isPublished) {
    storefront { isPublished } errors { field code }
  }
}
"""
PAGE_CREATE = """
mutation PageCreate($storefront: ID!, $input: StorefrontPageCreateInput!) {
  storefrontPageCreate(storefront: $storefront, input: $input) {
    page { id slug kind title(language: FR) body(language: AR) position } errors { field code }
  }
}
"""
PAGE_UPDATE = """
mutation PageUpdate($id: ID!, $input: StorefrontPageInput!) {
  storefrontPageUpdate(id: $id, input: $input) {
    page { slug title(language: EN) titleTranslations { fr en } } errors { field code }
  }
}
"""
PAGE_DELETE = """
mutation PageDelete($id: ID!) {
  storefrontPageDelete(id: $id) { storefront { pages { slug } } errors { field code } }
}
"""

WORKSHOP_HOURS_AR = "الورشة مفتوحة من الإثنين إلى السبت.\n\nمرحبًا بكم."  # noqa: RUF001


def _safi() -> Storefront:
    return Storefront.objects.get(slug="cooperative-safi")


def _safi_id() -> str:
    return to_global_id("Storefront", _safi().pk)


def _state() -> tuple[Any, ...]:
    return (
        list(Storefront.objects.order_by("pk").values()),
        list(HeroImage.objects.order_by("pk").values()),
        list(StorefrontPage.objects.order_by("pk").values()),
    )


def test_a_manager_opens_the_cooperatives_storefront_on_its_channel(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given: the directory only, no storefronts
    cooperative = to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)
    # when
    data = graphql(
        api_client, CREATE, {"input": {"cooperative": cooperative}}, token=tokens["manager"]
    )
    # then: unpublished, named after the cooperative, with the default theme
    result = data["data"]["storefrontCreate"]
    assert result["errors"] == []
    assert result["storefront"] == {
        "slug": "cooperative-safi",
        "channelSlug": "cooperative-safi",
        "path": "/cooperative-safi",
        "isPublished": False,
        "name": "Coopérative des potiers de Safi",
        "defaultLanguage": "fr",
        "languages": ["fr", "ar", "en"],
        "theme": {"textColor": "#1d1b18", "backgroundColor": "#fbf8f2", "heroImages": []},
    }


def test_a_cooperative_has_one_storefront(
    api_client: Client, tokens: dict[str, str | None], storefronts: None
) -> None:
    # given
    cooperative = to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)
    # when
    data = graphql(api_client, CREATE, {"input": {"cooperative": cooperative}}, tokens["staff"])
    # then
    assert data["data"]["storefrontCreate"]["errors"] == [
        {
            "field": "cooperative",
            "code": "ALREADY_EXISTS",
            "message": "This cooperative has a storefront already.",
        }
    ]


def test_a_cooperative_without_a_saleor_channel_cannot_open_one(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given
    Cooperative.objects.filter(slug="cooperative-safi").update(saleor_channel_slug="")
    cooperative = to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)
    # when
    data = graphql(api_client, CREATE, {"input": {"cooperative": cooperative}}, tokens["staff"])
    # then
    assert [e["code"] for e in data["data"]["storefrontCreate"]["errors"]] == ["NO_CHANNEL"]
    assert not Storefront.objects.exists()


def test_a_manager_changes_the_name_theme_and_hero_images(
    api_client: Client, tokens: dict[str, str | None], storefronts: None, settings: Any
) -> None:
    # given
    new_theme = {
        "primaryColor": "#0B3D91",
        "textColor": "#101010",
        "backgroundColor": "#FFFFFF",
        "pattern": "ZELLIGE",
        "productGrid": 4,
        "heroLayout": "SPLIT",
        "logoUrl": "/static/storefronts/safi-glaze.svg",
        "bodyFont": "NASKH",
        "heroImages": [
            {
                "url": "https://cdn.example/safi/four.jpg",
                "width": 1200,
                "height": 800,
                "alt": {"fr": "Le four à bois", "ar": "فرن الحطب"},
            }
        ],
    }
    # when
    data = graphql(
        api_client,
        UPDATE,
        {
            "id": _safi_id(),
            "input": {
                "name": {"en": "Safi potters"},
                "domain": "",
                "path": "/potiers-safi",
                "languages": ["fr", "en"],
                "theme": new_theme,
            },
        },
        token=tokens["manager"],
    )
    # then
    result = data["data"]["storefrontUpdate"]
    assert result["errors"] == []
    storefront = result["storefront"]
    assert storefront["name"] == "Safi potters"
    assert storefront["nameTranslations"] == {
        "fr": "Les potiers de Safi",  # the languages not sent are kept
        "ar": "خزافو آسفي",
        "en": "Safi potters",
    }
    assert storefront["domain"] is None
    assert storefront["path"] == "/potiers-safi"
    assert storefront["languages"] == ["fr", "en"]
    theme = storefront["theme"]
    assert theme["primaryColor"] == "#0b3d91"
    assert (theme["pattern"], theme["productGrid"], theme["heroLayout"]) == ("ZELLIGE", 4, "SPLIT")
    assert theme["logoUrl"] == f"{settings.PUBLIC_URL}/static/storefronts/safi-glaze.svg"
    assert theme["bodyFont"].startswith('"Noto Naskh Arabic"')
    assert theme["heroImages"] == [
        {
            "url": "https://cdn.example/safi/four.jpg",
            "alt": "فرن الحطب",
            "width": 1200,
            "height": 800,
        }
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"theme": {"primaryColor": "blue"}}, [("primaryColor", "INVALID_COLOR")]),
        ({"theme": {"textColor": "#999999"}}, [("textColor", "INSUFFICIENT_CONTRAST")]),
        (
            {"theme": {"textColor": "#fff", "accentColor": "#12"}},
            [("accentColor", "INVALID_COLOR"), ("textColor", "INVALID_COLOR")],
        ),
        ({"languages": ["fr", "de"]}, [("languages", "INVALID_LANGUAGE")]),
        ({"languages": ["fr", "fr"]}, [("languages", "INVALID_LANGUAGE")]),
        ({"languages": []}, [("languages", "REQUIRED")]),
        ({"languages": ["ar"]}, [("defaultLanguage", "INVALID_LANGUAGE")]),
        ({"path": "safi"}, [("path", "INVALID_PATH")]),
        ({"path": "/Safi/Boutique"}, [("path", "INVALID_PATH")]),
        ({"path": "/checkout"}, [("path", "RESERVED_PATH")]),
        ({"path": "/atlas"}, [("path", "UNIQUE")]),
        ({"domain": "https://safi.ma/"}, [("domain", "INVALID_DOMAIN")]),
        ({"name": {"fr": "", "ar": "", "en": ""}}, [("name", "REQUIRED")]),
        ({"theme": {"productGrid": 6}}, [("productGrid", "OUT_OF_RANGE")]),
        ({"theme": {"logoUrl": "javascript:alert(1)"}}, [("logoUrl", "INVALID_URL")]),
        (
            {"theme": {"heroImages": [{"url": "/static/a.svg", "width": 0, "height": 600}]}},
            [("heroImages", "OUT_OF_RANGE")],
        ),
        (
            {"path": "/checkout", "theme": {"backgroundColor": "#1d1b18"}},
            [("path", "RESERVED_PATH"), ("textColor", "INSUFFICIENT_CONTRAST")],
        ),
    ],
)
def test_bad_input_is_refused_field_by_field_and_nothing_is_written(
    api_client: Client,
    tokens: dict[str, str | None],
    storefronts: None,
    changes: dict[str, Any],
    errors: list[tuple[str, str]],
) -> None:
    # given: a change that would be fine, sent with the bad ones
    before = _state()
    changes = {"tagline": {"en": "New tagline"}, **changes}
    # when
    data = graphql(
        api_client, UPDATE, {"id": _safi_id(), "input": changes}, token=tokens["manager"]
    )
    # then
    result = data["data"]["storefrontUpdate"]
    assert result["storefront"] is None
    assert sorted((e["field"], e["code"]) for e in result["errors"]) == sorted(errors)
    assert _state() == before


def test_a_domain_is_one_storefronts(
    api_client: Client, tokens: dict[str, str | None], storefronts: None
) -> None:
    # given: Safi's storefront has potiers-safi.example
    atlas = to_global_id("Storefront", Storefront.objects.get(slug="atlas-tapis").pk)
    # when
    data = graphql(
        api_client,
        UPDATE,
        {"id": atlas, "input": {"domain": "POTIERS-SAFI.example"}},
        token=tokens["staff"],
    )
    # then
    assert data["data"]["storefrontUpdate"]["errors"] == [{"field": "domain", "code": "UNIQUE"}]


def test_publishing_moves_the_public_data_version(
    api_client: Client, tokens: dict[str, str | None], storefronts: None
) -> None:
    # given
    before = public_data_version()
    # when
    data = graphql(
        api_client, PUBLISH, {"id": _safi_id(), "isPublished": False}, token=tokens["manager"]
    )
    # then
    assert data["data"]["storefrontPublish"] == {
        "storefront": {"isPublished": False},
        "errors": [],
    }
    assert public_data_version() != before
    assert not _safi().is_published


def test_pages_are_created_updated_and_deleted(
    api_client: Client, tokens: dict[str, str | None], storefronts: None
) -> None:
    # when: a custom page
    created = graphql(
        api_client,
        PAGE_CREATE,
        {
            "storefront": _safi_id(),
            "input": {
                "kind": "CUSTOM",
                "title": {"fr": "Visiter l'atelier", "en": "Visit the workshop"},
                "body": {"ar": WORKSHOP_HOURS_AR},
            },
        },
        token=tokens["manager"],
    )["data"]["storefrontPageCreate"]
    # then: its slug from its title, after the three pages
    assert created["errors"] == []
    page = created["page"]
    assert (page["slug"], page["kind"], page["position"]) == ("visiter-latelier", "CUSTOM", 3)
    assert page["body"] == WORKSHOP_HOURS_AR

    # when: renamed in English
    updated = graphql(
        api_client,
        PAGE_UPDATE,
        {"id": page["id"], "input": {"title": {"en": "Our workshop"}, "slug": "atelier"}},
        token=tokens["manager"],
    )["data"]["storefrontPageUpdate"]
    # then
    assert updated == {
        "page": {
            "slug": "atelier",
            "title": "Our workshop",
            "titleTranslations": {"fr": "Visiter l'atelier", "en": "Our workshop"},
        },
        "errors": [],
    }

    # when: deleted
    deleted = graphql(api_client, PAGE_DELETE, {"id": page["id"]}, token=tokens["manager"])
    # then
    assert deleted["data"]["storefrontPageDelete"]["storefront"]["pages"] == [
        {"slug": "notre-histoire"},
        {"slug": "artisans"},
        {"slug": "livraison-et-retours"},
    ]


@pytest.mark.parametrize(
    ("page_input", "errors"),
    [
        ({"kind": "OUR_STORY", "title": {"fr": "Encore"}}, [("kind", "UNIQUE")]),
        ({"kind": "CUSTOM", "slug": "artisans", "title": {"fr": "X"}}, [("slug", "UNIQUE")]),
        ({"kind": "CUSTOM", "title": {"fr": ""}}, [("title", "REQUIRED"), ("slug", "UNIQUE")]),
        ({"kind": "CUSTOM", "slug": "pas un slug", "title": {"fr": "X"}}, [("slug", "INVALID")]),
        (
            {"kind": "CUSTOM", "title": {"fr": "Long"}, "body": {"fr": "x" * 20_001}},
            [("body", "OUT_OF_RANGE")],
        ),
    ],
)
def test_bad_pages_are_refused(
    api_client: Client,
    tokens: dict[str, str | None],
    storefronts: None,
    page_input: dict[str, Any],
    errors: list[tuple[str, str]],
) -> None:
    # given: a custom page "page" exists, so an untitled page's default slug is taken
    StorefrontPage.objects.create(storefront=_safi(), kind="custom", slug="page", title={"fr": "P"})
    before = _state()
    # when
    data = graphql(
        api_client,
        PAGE_CREATE,
        {"storefront": _safi_id(), "input": page_input},
        token=tokens["manager"],
    )
    # then
    result = data["data"]["storefrontPageCreate"]
    assert sorted((e["field"], e["code"]) for e in result["errors"]) == sorted(errors)
    assert _state() == before
