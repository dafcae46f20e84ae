"""An artisan's pieces in the portal, from a phone: a new piece in Arabic, its photo sent
straight to storage, sent for review; a manager of the cooperative approves it; edits made
on an old version are refused; nobody else sees any of it."""

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from storefront_plugins.artisans.models import Artisan
from storefront_plugins.listings.models import Listing, ListingStatus
from storefront_plugins.saleor_app.models import OutboxEntry
from tests.app.artisans.conftest import directory
from tests.app.portal.actors import portal_as

__all__ = ["directory", "portal_as"]

ARABIC_PIECE = {
    "title_ar": "طاجين من فخار آسفي",
    "description_ar": "طاجين مزخرف باليد، مطلي بالمينا الزرقاء.",
    "title_fr": "",
    "title_en": "",
    "category": "Q2F0ZWdvcnk6MQ==",
    "craft": "pottery",
    "materials": ["clay"],
    "length_cm": "32,5",
    "weight_g": "1800",
    "price": "450.00",
    "stock": "3",
}


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (160, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def create_piece(client: Client, **overrides: Any) -> Listing:
    response = client.post("/portal/listings/new", ARABIC_PIECE | overrides)
    assert response.status_code == 302, response.content.decode()[:2000]
    found = re.search(r"/portal/listings/(\d+)/", response["Location"])
    assert found is not None
    listing_id = int(found.group(1))
    return Listing.objects.get(pk=listing_id)


def upload_photo(client: Client, listing: Listing) -> Any:
    """What the browser does: the page's upload form, posted to its action (the App's own
    stand-in for S3 when no bucket is configured), then the redirect back."""
    page = client.get(f"/portal/listings/{listing.pk}/")
    upload = page.context["upload"]
    fields = dict(upload.fields) | {"file": io.BytesIO(jpeg_bytes())}
    fields["file"].name = "tajine.jpg"
    stored = Client().post(upload.url.replace("http://testserver", ""), fields)
    assert stored.status_code == 303, stored.content
    back = stored["Location"].replace("http://testserver", "")
    return client.get(back)


def submitted_piece(artisan: Client) -> Listing:
    """A piece with its photo, sent for review through the pages."""
    listing = create_piece(artisan)
    upload_photo(artisan, listing)
    listing.refresh_from_db()
    response = artisan.post(
        f"/portal/listings/{listing.pk}/action", {"action": "submit", "version": listing.version}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    return listing


def test_an_artisan_creates_a_piece_in_arabic_with_a_photo_and_sends_it_for_review(
    portal_as: Callable[[str], Client],
) -> None:
    # given
    artisan = portal_as("artisan_self")
    # when
    listing = create_piece(artisan)
    photo_added = upload_photo(artisan, listing)
    listing.refresh_from_db()
    submitted = artisan.post(
        f"/portal/listings/{listing.pk}/action", {"action": "submit", "version": listing.version}
    )
    # then
    assert photo_added.status_code == 302
    assert submitted.status_code == 302
    listing.refresh_from_db()
    assert listing.title["ar"] == "طاجين من فخار آسفي"
    assert str(listing.length_cm) == "32.5"
    assert listing.currency == "MAD"
    assert listing.status == ListingStatus.SUBMITTED
    assert listing.photos.count() == 1
    page = artisan.get(submitted["Location"]).content.decode()
    assert "Envoyée. Un responsable de la coopérative va la relire." in page


def test_a_piece_without_photo_cannot_be_sent_for_review(
    portal_as: Callable[[str], Client],
) -> None:
    artisan = portal_as("artisan_self")
    listing = create_piece(artisan)
    response = artisan.post(
        f"/portal/listings/{listing.pk}/action", {"action": "submit", "version": listing.version}
    )
    assert response.status_code == 400
    assert response.context["errors"]["photos"] == "Obligatoire."


def test_numbers_that_do_not_parse_are_shown_next_to_their_field(
    portal_as: Callable[[str], Client],
) -> None:
    response = portal_as("artisan_self").post(
        "/portal/listings/new", ARABIC_PIECE | {"price": "quatre cents"}
    )
    assert response.status_code == 400
    assert response.context["errors"] == {"price": "Un nombre, s'il vous plaît."}
    assert response.context["values"]["title_ar"] == "طاجين من فخار آسفي"
    assert not Listing.objects.exists()


def test_an_edit_made_on_an_old_version_is_refused_and_the_latest_is_shown(
    portal_as: Callable[[str], Client],
) -> None:
    # given: the artisan opened the form at version 1, then changed it from another phone
    artisan = portal_as("artisan_self")
    listing = create_piece(artisan)
    old_version = listing.version
    artisan.post(
        f"/portal/listings/{listing.pk}/", ARABIC_PIECE | {"price": "500", "version": old_version}
    )
    # when
    response = artisan.post(
        f"/portal/listings/{listing.pk}/", ARABIC_PIECE | {"price": "300", "version": old_version}
    )
    # then
    assert response.status_code == 409
    assert response.context["errors"]["version"].startswith("Quelqu'un a modifié cette pièce")
    assert response.context["values"]["price"] == 500
    listing.refresh_from_db()
    assert listing.price == 500


def test_a_manager_approves_a_submitted_piece_which_is_then_published_with_the_comment(
    portal_as: Callable[[str], Client], settings: Any
) -> None:
    # given
    artisan = portal_as("artisan_self")
    listing = submitted_piece(artisan)
    manager = portal_as("manager")
    # when
    queue = manager.get("/portal/moderation/")
    review = manager.get(f"/portal/moderation/{listing.pk}/")
    approved = manager.post(
        f"/portal/moderation/{listing.pk}/",
        {"action": "approve", "version": listing.version, "comment": "ممتاز"},
    )
    # then
    assert [row.listing.pk for row in queue.context["rows"]] == [listing.pk]
    assert review.status_code == 200
    assert approved.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED
    assert listing.is_published
    assert listing.comments.get().body == "ممتاز"


def test_a_manager_asks_for_changes_with_a_message_the_artisan_reads(
    portal_as: Callable[[str], Client],
) -> None:
    artisan = portal_as("artisan_self")
    listing = submitted_piece(artisan)
    manager = portal_as("manager")
    without_message = manager.post(
        f"/portal/moderation/{listing.pk}/",
        {"action": "request_changes", "version": listing.version, "comment": " "},
    )
    assert without_message.status_code == 400
    manager.post(
        f"/portal/moderation/{listing.pk}/",
        {"action": "request_changes", "version": listing.version, "comment": "Ajoutez le poids."},
    )
    page = artisan.get(f"/portal/listings/{listing.pk}/").content.decode()
    assert "Ajoutez le poids." in page
    assert "Modifications demandées" in page


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        ("anonymous", False),
        ("artisan_self", True),
        ("other_artisan", False),
        ("manager", False),  # managers moderate; they do not edit the artisan's piece
        ("other_manager", False),
        ("treasurer", False),
        ("staff", True),
    ],
)
def test_only_the_artisan_and_staff_open_a_pieces_edit_page(
    portal_as: Callable[[str], Client], actor: str, sees: bool
) -> None:
    listing = create_piece(portal_as("artisan_self"))
    response = portal_as(actor).get(f"/portal/listings/{listing.pk}/")
    expected = 200 if sees else (302 if actor == "anonymous" else 404)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        ("anonymous", False),
        ("artisan_self", False),
        ("other_artisan", False),
        ("manager", True),
        ("other_manager", False),
        ("treasurer", False),
        ("staff", True),
    ],
)
def test_only_the_cooperatives_managers_and_staff_review_a_piece(
    portal_as: Callable[[str], Client], actor: str, sees: bool
) -> None:
    listing = create_piece(portal_as("artisan_self"))
    response = portal_as(actor).get(f"/portal/moderation/{listing.pk}/")
    expected = 200 if sees else (302 if actor == "anonymous" else 404)
    assert response.status_code == expected


def test_the_list_of_pieces_reads_a_fixed_number_of_queries(
    portal_as: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    artisan = portal_as("artisan_self")
    for n in range(3):
        create_piece(artisan, title_fr=f"Tajine {n}")
    with django_assert_num_queries(5):
        response = artisan.get("/portal/listings/")
    assert len(response.context["rows"]) == 3
    assert Artisan.objects.filter(listings__isnull=False).distinct().count() == 1
    assert OutboxEntry.objects.count() == 0  # drafts are not written into Saleor


def test_a_submit_with_a_version_that_is_not_a_number_is_refused_as_an_old_version(
    portal_as: Callable[[str], Client],
) -> None:
    # given
    artisan = portal_as("artisan_self")
    listing = create_piece(artisan)
    upload_photo(artisan, listing)
    # when: the form's hidden version field came back altered
    response = artisan.post(
        f"/portal/listings/{listing.pk}/action", {"action": "submit", "version": "v2"}
    )
    # then
    assert response.status_code == 409
    assert "version" in response.context["errors"]
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT
