"""The storefront editor: a cooperative's managers and Souk's staff change their storefront
through the storefronts' services; refusals show next to their fields and nothing is saved.

Fixture cooperative-safi (manager abdelkader-benhima) and its storefront "/safi" with its
two hero images and three editorial pages."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.storefronts import services as storefront_services
from storefront_plugins.storefronts.models import Storefront, StorefrontPage
from storefront_plugins.storefronts.themes import PageKind
from tests.app.portal.actors import STAFF, signed_in
from tests.app.storefronts.conftest import directory, storefronts

__all__ = ["directory", "storefronts"]

MANAGER = "abdelkader-benhima"


@pytest.fixture
def safi(storefronts: None) -> int:
    return Cooperative.objects.get(slug="cooperative-safi").pk


def _url(cooperative_id: int) -> str:
    return f"/portal/cooperatives/{cooperative_id}/storefront"


def _form(client: Client, cooperative_id: int) -> dict[str, Any]:
    """The form as the page fills it."""
    values = client.get(_url(cooperative_id)).context["values"]
    return {key: value for key, value in values.items() if key != "languages"} | {
        "languages": values["languages"]
    }


def _png(width: int = 40, height: int = 20) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1b4f9c").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_manager_changes_texts_theme_and_pages_and_is_linked_to_the_theme(
    safi: int, settings: Any
) -> None:
    # given
    settings.SOUK_THEME_URL = "https://souk.example"
    client = signed_in(MANAGER)
    page = client.get(_url(safi))
    assert 'href="https://souk.example/safi/"' in page.content.decode()
    form = _form(client, safi) | {
        "tagline_ar": "خزف آسفي",
        "primary_color": "#123456",
        "pattern": "zellige",
        "languages": ["fr", "ar"],
        "shipping_and_returns_body_en": "Shipped within three days.",
    }
    # when
    response = client.post(_url(safi), form)
    # then
    assert response["Location"] == f"{_url(safi)}?done=1"
    storefront = Storefront.objects.get(slug="cooperative-safi")
    assert storefront.tagline["ar"] == "خزف آسفي"
    assert storefront.tagline["fr"].startswith("Faïence bleue")
    assert (storefront.primary_color, storefront.pattern) == ("#123456", "zellige")
    assert storefront.languages == ["fr", "ar"]
    assert storefront.hero_images.count() == 2
    shipping = StorefrontPage.objects.get(storefront=storefront, kind="shipping_and_returns")
    assert shipping.body["en"] == "Shipped within three days."
    assert "La vitrine est enregistrée." in client.get(response["Location"]).content.decode()


def test_refusals_show_next_to_their_fields_and_nothing_is_saved(safi: int) -> None:
    # given: pale text on a pale background, no language, and a page changed too
    client = signed_in(MANAGER)
    form = _form(client, safi) | {
        "text_color": "#eeeeee",
        "languages": [],
        "our_story_title_fr": "Une autre histoire",
        "name_fr": "",
        "name_ar": "",
        "name_en": "",
    }
    # when
    response = client.post(_url(safi), form)
    # then
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors["text_color"] == [
        "Le texte ne contraste pas assez avec le fond (4,5:1 au moins, WCAG AA)."
    ]
    assert errors["languages"] == ["Choisissez des langues, dont la langue par défaut."]
    assert errors["name"] == ["Un nom dans une langue au moins."]
    page = response.content.decode()
    assert 'id="text_color-error"' in page
    assert 'value="Une autre histoire"' in page  # what was typed stays
    storefront = Storefront.objects.get(slug="cooperative-safi")
    assert storefront.text_color == "#14213d"
    our_story = StorefrontPage.objects.get(storefront=storefront, kind="our_story")
    assert our_story.title["fr"] != "Une autre histoire"


def test_a_logo_and_a_hero_image_are_uploaded_and_linked_lastingly(safi: int) -> None:
    # given
    client = signed_in(MANAGER)
    hero = _png(1600, 600)
    hero.name = "hero.png"
    # when
    response = client.post(_url(safi), _form(client, safi) | {"logo": _png(), "hero_image": hero})
    # then
    assert response.status_code == 302
    storefront = Storefront.objects.get(slug="cooperative-safi")
    assert storefront.logo_url.startswith("/files/")
    images = list(storefront.hero_images.values_list("url", "width", "height"))
    assert images[:2] == [
        ("/static/storefronts/safi-faience.svg", 1600, 600),
        ("/static/storefronts/safi-glaze.svg", 800, 800),
    ]
    assert images[2][0].startswith("/files/")
    assert images[2][1:] == (1600, 600)
    assert client.get(storefront.logo_url).status_code == 200


def test_a_file_that_is_not_a_picture_is_refused_next_to_its_field(safi: int) -> None:
    # given
    client = signed_in(MANAGER)
    text = SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png")
    # when
    response = client.post(_url(safi), _form(client, safi) | {"logo": text})
    # then
    assert response.status_code == 400
    assert response.context["errors"]["logo"] == ["Une image PNG, JPEG ou WebP de 5 Mo au plus."]
    assert Storefront.objects.get(slug="cooperative-safi").logo_url == ""


@pytest.mark.parametrize("actor", ["driss-lahlou", "khadija-ouazzani", "mohamed-serghini"])
def test_other_managers_treasurers_and_artisans_get_a_404(safi: int, actor: str) -> None:
    # given
    client = signed_in(actor)
    # when
    pages = [client.get(_url(safi)), client.post(_url(safi), {"primary_color": "#000000"})]
    # then
    assert [page.status_code for page in pages] == [404, 404]
    assert Storefront.objects.get(slug="cooperative-safi").primary_color == "#1b4f9c"


def test_strangers_are_sent_to_sign_in_and_staff_may_edit(safi: int) -> None:
    assert Client().get(_url(safi))["Location"].startswith("/portal/sign-in?next=")
    staff = signed_in(STAFF)
    assert staff.get(_url(safi)).status_code == 200
    assert len(staff.get("/portal/storefront").context["cooperatives"]) == 5


def test_the_menu_leads_a_manager_to_their_storefront(safi: int) -> None:
    client = signed_in(MANAGER)
    assert 'href="/portal/storefront"' in client.get("/portal/").content.decode()
    assert client.get("/portal/storefront")["Location"] == _url(safi)


def test_a_manager_saving_over_another_managers_edit_is_told_and_overwrites_nothing(
    safi: int,
) -> None:
    # given: two managers opened the editor; the first saves a new tagline
    first, second = signed_in(MANAGER), signed_in(STAFF)
    first_form, second_form = _form(first, safi), _form(second, safi)
    assert first.post(_url(safi), first_form | {"tagline_fr": "Le bleu de Safi"}).status_code == 302
    # when the second saves the form they read before
    response = second.post(_url(safi), second_form | {"primary_color": "#123456"})
    # then
    assert response.status_code == 409
    assert response.context["error"].startswith("Un autre responsable a modifié la vitrine")
    assert response.context["values"]["tagline_fr"] == "Le bleu de Safi"  # what is saved now
    storefront = Storefront.objects.get(slug="cooperative-safi")
    assert storefront.tagline["fr"] == "Le bleu de Safi"
    assert storefront.primary_color != "#123456"
    # and saving again from the page now shown works
    again = second.post(_url(safi), response.context["values"] | {"primary_color": "#123456"})
    assert again.status_code == 302


def test_a_page_deleted_since_the_form_was_read_is_not_brought_back_by_saving_it(
    safi: int,
) -> None:
    # given: a manager opened the editor; staff then deleted the "our story" page (the API)
    client = signed_in(MANAGER)
    form = _form(client, safi)
    page = StorefrontPage.objects.get(storefront__cooperative_id=safi, kind=PageKind.OUR_STORY)
    staff = User.objects.create_user("equipe-api@souk.example", "x", is_staff=True)
    storefront_services.delete_page(viewer_for(staff), page.pk)
    # when the manager saves the form they read before
    response = client.post(_url(safi), form | {"primary_color": "#123456"})
    # then
    assert response.status_code == 409
    assert not StorefrontPage.objects.filter(
        storefront__cooperative_id=safi, kind=PageKind.OUR_STORY
    ).exists()
