"""An artisan's listing, approved by their cooperative's manager, reaches the Saleor sandbox
over HTTP through the outbox: product, variants, prices, stock, translations, photos and the
artisan's page. The outbox's entries are delivered in the test (`outbox.deliver`), not by a
worker, so the test decides when Saleor is written."""

import io
import json
import socket
from decimal import Decimal
from typing import Any

import pytest
import requests
from django.utils import timezone
from PIL import Image
from requests import Session

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.listings import photo_uploads, saleor_writer, services
from storefront_plugins.listings.content import VariantInput
from storefront_plugins.listings.models import Listing
from storefront_plugins.saleor_app import outbox
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.models import Installation, OutboxEntry
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.counting import CountingAdapter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The products written here leave the session's sandbox as seeded for later tests.
    pytest.mark.usefixtures("catalogue_restored"),
]

PRODUCT = """
query($slug: String!, $channel: String) {
  product(slug: $slug, channel: $channel) {
    id name description
    translation(languageCode: AR) { name description }
    en: translation(languageCode: EN) { name }
    category { slug }
    attributes { attribute { slug } values { reference } }
    channelListings { channel { slug } isPublished visibleInListings isAvailableForPurchase }
    variants {
      sku name
      translation(languageCode: AR) { name }
      attributes { attribute { slug } values { name } }
      channelListings { channel { slug } price { amount currency } }
      stocks { quantity warehouse { slug } }
    }
    media { id url alt }
  }
}
"""
PAGE_ID = "query($slug: String!) { page(slug: $slug) { id } }"
CATEGORY_ID = "query($slug: String!) { category(slug: $slug) { id } }"

TEXTS = {
    "title": {"fr": "Tajine de Safi", "ar": "طاجين آسفي", "en": "Safi tajine"},
    "description": {"fr": "Tourné à la main.", "ar": "مصنوع يدويا.", "en": "Wheel-thrown."},
    "price": Decimal("450.00"),
    "stock": 0,
}
SIZES = [
    VariantInput(
        label={"fr": "Petit", "ar": "صغير", "en": "Small"}, price=Decimal("350.00"), stock=4
    ),
    VariantInput(
        label={"fr": "Grand", "ar": "كبير", "en": "Large"}, price=Decimal("520.00"), stock=2
    ),
]


def jpeg(colour: tuple[int, int, int]) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture(autouse=True)
def _deliveries_by_the_test(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    """Entries wait in the outbox for `deliver_due`; photos are files under tmp_path."""
    monkeypatch.setattr(outbox, "schedule_delivery", lambda *args, **kwargs: True)
    settings.MEDIA_ROOT = tmp_path


def deliver_due() -> list[str]:
    due = OutboxEntry.objects.filter(
        status=OutboxEntry.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("pk")
    return [outbox.deliver(entry_id) for entry_id in due.values_list("pk", flat=True)]


@pytest.fixture
def people(app_installed_in_sandbox: Installation) -> dict[str, Viewer]:
    """The potter of cooperative-safi and its manager, with accounts."""
    load_directory_file(DIRECTORY)
    viewers = {}
    for role, slug in (("potter", "mohamed-serghini"), ("manager", "abdelkader-benhima")):
        user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1")
        Artisan.objects.filter(slug=slug).update(user=user)
        viewers[role] = viewer_for(user)
    return viewers


def add_photo(viewer: Viewer, listing_id: int, colour: tuple[int, int, int]) -> int:
    """A JPEG posted to the App's upload endpoint (no bucket) then confirmed."""
    form = photo_uploads.presigned_photo_upload(viewer, listing_id, "https://portail.example/")
    response = requests.post(
        form.url,
        data=form.fields,
        files={"file": ("tajine.jpg", jpeg(colour), "image/jpeg")},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code in (302, 303), response.content
    return photo_uploads.confirm_photo_upload(viewer, listing_id, form.key).pk


@pytest.fixture
def approved(people: dict[str, Viewer], seeded_sandbox: Any) -> Listing:
    """A tajine in two sizes with a photo, approved by the manager and written into Saleor."""
    category = seeded_sandbox.graphql(CATEGORY_ID, {"slug": "poterie-ceramique"})
    potter, manager = people["potter"], people["manager"]
    listing = services.create_listing(
        potter,
        Cooperative.objects.get(slug="cooperative-safi").pk,
        {**TEXTS, "saleor_category_id": category["data"]["category"]["id"]},
        SIZES,
    )
    add_photo(potter, listing.pk, (180, 90, 40))
    listing = services.submit_listing(
        potter, listing.pk, Listing.objects.get(pk=listing.pk).version
    )
    listing = services.approve_listing(manager, listing.pk, listing.version)
    assert deliver_due() == ["delivered"]
    return Listing.objects.get(pk=listing.pk)


def product_of(sandbox: Any, listing: Listing, channel: str | None = "cooperative-safi") -> Any:
    token = Installation.objects.get().auth_token
    slug = saleor_writer.product_slug(listing.pk)
    body = sandbox.graphql(PRODUCT, {"slug": slug, "channel": channel}, token=token)
    assert "errors" not in body, body
    return body["data"]["product"]


def texts_of(description: str | None) -> list[str]:
    return [block["data"]["text"] for block in json.loads(description or "{}").get("blocks", [])]


def test_an_approved_listing_is_a_published_product_with_sizes_photo_and_artisan(
    seeded_sandbox, approved
):
    # when Saleor is read back
    product = product_of(seeded_sandbox, approved)

    # then the piece is published in its cooperative's channel, in three languages
    assert product["name"] == "Tajine de Safi"
    assert texts_of(product["description"]) == ["Tourné à la main."]
    assert product["translation"]["name"] == "طاجين آسفي"
    assert texts_of(product["translation"]["description"]) == ["مصنوع يدويا."]
    assert product["en"]["name"] == "Safi tajine"
    assert product["category"] == {"slug": "poterie-ceramique"}
    assert product["channelListings"] == [
        {
            "channel": {"slug": "cooperative-safi"},
            "isPublished": True,
            "visibleInListings": True,
            "isAvailableForPurchase": True,
        }
    ]
    # its sizes with their prices and stock
    sizes = [
        (
            v["name"],
            v["translation"]["name"],
            v["attributes"][0]["values"][0]["name"],
            v["channelListings"][0]["price"],
            v["stocks"][0]["quantity"],
        )
        for v in product["variants"]
    ]
    assert sizes == [
        ("Petit", "صغير", "Petit", {"amount": 350.0, "currency": "MAD"}, 4),
        ("Grand", "كبير", "Grand", {"amount": 520.0, "currency": "MAD"}, 2),
    ]
    # the artisan's page
    page = seeded_sandbox.graphql(PAGE_ID, {"slug": "mohamed-serghini"})["data"]["page"]
    references = {
        a["attribute"]["slug"]: [v["reference"] for v in a["values"]] for a in product["attributes"]
    }
    assert references["artisan"] == [page["id"]]
    # and the photo, which Saleor serves
    [media] = product["media"]
    image = requests.get(media["url"], timeout=10)
    assert image.status_code == 200
    assert Image.open(io.BytesIO(image.content)).size == (64, 48)
    assert approved.saleor_product_id == product["id"]


def test_writing_again_sends_one_read_and_changes_nothing(seeded_sandbox, approved):
    # given the listing as Saleor shows it
    before = product_of(seeded_sandbox, approved)
    counting = CountingAdapter()
    session = Session()
    session.mount("http://", counting)
    installation = Installation.objects.get()
    client = SaleorClient(installation.saleor_api_url, installation.auth_token, session=session)

    # when it is written twice more
    saleor_writer.write_listing(client, str(approved.pk))
    saleor_writer.write_listing(client, str(approved.pk))

    # then each write only read Saleor, which has no second product, variant or photo
    assert counting.operations == ["query ListingState", "query ListingState"]
    assert product_of(seeded_sandbox, approved) == before


def test_an_edit_waits_for_approval_while_price_and_stock_reach_saleor_at_once(
    seeded_sandbox, people, approved
):
    # given
    potter, manager = people["potter"], people["manager"]
    small, large = approved.variants.all()
    old_media = product_of(seeded_sandbox, approved)["media"][0]["id"]

    # when the potter renames the piece and lowers the small one's price and stock
    listing = services.update_listing(
        potter,
        approved.pk,
        approved.version,
        {"title": {"fr": "Tajine vert de Safi"}},
        [
            VariantInput(id=small.pk, label=small.label, price=Decimal("380.00"), stock=1),
            VariantInput(id=large.pk, label=large.label, price=large.price, stock=large.stock),
        ],
    )
    assert deliver_due() == ["delivered"]

    # then Saleor shows the approved name with the new price and stock
    product = product_of(seeded_sandbox, approved)
    assert product["name"] == "Tajine de Safi"
    assert [
        (v["name"], v["channelListings"][0]["price"]["amount"], v["stocks"][0]["quantity"])
        for v in product["variants"]
    ] == [("Petit", 380.0, 1), ("Grand", 520.0, 2)]

    # when the potter drops the large size and the photo for a new one, and it is approved
    listing = services.update_listing(
        potter,
        listing.pk,
        listing.version,
        {},
        [VariantInput(id=small.pk, label=small.label, price=Decimal("380.00"), stock=1)],
    )
    photo_uploads.delete_photo(potter, approved.photos.get().pk)
    new_photo = add_photo(potter, listing.pk, (40, 120, 60))
    listing = Listing.objects.get(pk=listing.pk)
    services.approve_listing(manager, listing.pk, listing.version)
    assert deliver_due() == ["delivered"]

    # then Saleor shows the new name, one size and the new photo only
    product = product_of(seeded_sandbox, approved)
    assert product["name"] == "Tajine vert de Safi"
    assert [v["name"] for v in product["variants"]] == ["Petit"]
    [media] = product["media"]
    assert media["id"] != old_media
    assert approved.photos.get().pk == new_photo
    assert list(approved.variants.values_list("pk", flat=True)) == [small.pk]
    image = requests.get(media["url"], timeout=10).content
    pixel = Image.open(io.BytesIO(image)).getpixel((32, 24))
    assert isinstance(pixel, tuple)
    assert pixel[1] > 100  # the green one


def test_unpublishing_takes_the_piece_out_of_the_channel_and_publishing_puts_it_back(
    seeded_sandbox, people, approved
):
    # when
    services.set_listing_published(people["manager"], approved.pk, False)
    assert deliver_due() == ["delivered"]

    # then
    [listing] = product_of(seeded_sandbox, approved)["channelListings"]
    assert (listing["isPublished"], listing["visibleInListings"]) == (False, False)
    assert listing["isAvailableForPurchase"] is False

    # when
    services.set_listing_published(people["potter"], approved.pk, True)
    assert deliver_due() == ["delivered"]

    # then
    [listing] = product_of(seeded_sandbox, approved)["channelListings"]
    assert (listing["isPublished"], listing["isAvailableForPurchase"]) == (True, True)


def test_a_change_made_while_saleor_is_down_is_retried_then_delivered(
    seeded_sandbox, people, approved
):
    # given Saleor unreachable (the installation points at a closed port)
    installation = Installation.objects.get()
    api_url = installation.saleor_api_url
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/graphql/"
    Installation.objects.filter(pk=installation.pk).update(saleor_api_url=closed)
    small, large = approved.variants.all()

    # when the potter changes a price
    services.update_listing(
        people["potter"],
        approved.pk,
        approved.version,
        {},
        [
            VariantInput(id=small.pk, label=small.label, price=Decimal("399.00"), stock=4),
            VariantInput(id=large.pk, label=large.label, price=large.price, stock=large.stock),
        ],
    )

    # then the write waits to be retried
    assert deliver_due() == ["retrying"]
    entry = OutboxEntry.objects.get(key=str(approved.pk))
    assert (entry.status, entry.attempts) == (OutboxEntry.Status.PENDING, 1)
    assert "SaleorTransportError" in entry.last_error

    # when Saleor is back and the retry is due
    Installation.objects.filter(pk=installation.pk).update(saleor_api_url=api_url)
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())

    # then the change reaches it
    assert deliver_due() == ["delivered"]
    prices = [
        v["channelListings"][0]["price"]["amount"]
        for v in product_of(seeded_sandbox, approved)["variants"]
    ]
    assert prices == [399.0, 520.0]
    assert not OutboxEntry.objects.exists()
