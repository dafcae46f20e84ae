"""From a phone, an artisan of the potters of Safi lists a piece in Arabic with a photo
sent straight from the browser to object storage (moto's S3 server); a manager of the
cooperative approves it from their phone; the App's worker writes it into Saleor (the
sandbox) through the outbox, and shoppers find it in the cooperative's storefront.
Screenshots are kept under .artifacts/screenshots/."""

import io
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan
from storefront_plugins.listings.models import Listing
from storefront_plugins.saleor_app.models import OutboxEntry
from tests.app.celery_worker import start_celery_worker
from tests.app.databases import server_database_url
from tests.app.e2e.theme.browser import CHROMIUM, PHONE, browser, shoot
from tests.app.e2e.theme.theme_server import ThemeServer
from tests.app.object_storage import ACCESS_KEY, REGION, SECRET_KEY, MotoS3Server

__all__ = ["browser"]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"No Chromium at {CHROMIUM}"),
    pytest.mark.usefixtures("catalogue_restored"),  # the listed piece leaves with the test
]

PASSWORD = "argile-bleue-2026"
TITLE = "طاجين مزخرف من آسفي"


@pytest.fixture
def writes_worker(
    s3_storage: Any, moto_s3: MotoS3Server, settings: Any, tmp_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A worker of the outbox's own queue, storing files in the test's S3 bucket as the
    App's server does: Saleor writes reach the sandbox as in production."""
    settings.SOUK_OUTBOX_QUEUE = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-writes"
    worker = start_celery_worker(
        server_database_url(),
        tmp_path / "writes-worker.log",
        queue=settings.SOUK_OUTBOX_QUEUE,
        SOUK_TEST_S3_BUCKET=s3_storage.bucket_name,
        SOUK_S3_ENDPOINT_URL=moto_s3.endpoint_url,
        SOUK_S3_REGION=REGION,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=20)


def phone_photo(path: Path) -> Path:
    """A photo as a phone takes it: large, with the workshop's GPS position in its EXIF."""
    image = Image.new("RGB", (3000, 2250), (30, 90, 160))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (32.0, 17.0, 55.0), 3: "W", 4: (9.0, 14.0, 0.0)}
    image.save(path, "JPEG", exif=exif.tobytes(), quality=80)
    return path


def sign_in(page: Any, url: str, email: str) -> None:
    page.goto(f"{url}/portal/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{url}/portal/")


def wait_until_written(listing: Listing, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listing.refresh_from_db()
        outstanding = OutboxEntry.objects.filter(key=str(listing.pk)).first()
        if listing.saleor_product_id and outstanding is None:
            return
        if outstanding is not None and outstanding.status == OutboxEntry.Status.FAILED:
            pytest.fail(f"The write failed: {outstanding.last_error}")
        time.sleep(0.3)
    pytest.fail("The listing was not written into Saleor in time.")


def test_an_artisan_lists_a_piece_in_arabic_from_a_phone_and_after_approval_shoppers_find_it(
    browser: Any,
    theme: ThemeServer,
    shop_data: Any,
    live_server: Any,
    writes_worker: Any,
    tmp_path: Path,
) -> None:
    # given the potter Mohamed Serghini (Arabic) and his cooperative's manager (French)
    for slug, language in (("mohamed-serghini", "ar"), ("abdelkader-benhima", "fr")):
        user = User.objects.create_user(f"{slug}@souk.example", PASSWORD, language=language)
        Artisan.objects.filter(slug=slug).update(user=user)

    # when the artisan signs in from his phone and lists a piece in Arabic
    artisan = browser.new_context(locale="ar-MA", **PHONE).new_page()
    sign_in(artisan, live_server.url, "mohamed-serghini@souk.example")
    assert artisan.locator("html").get_attribute("dir") == "rtl"
    artisan.locator("summary").click()
    artisan.get_by_role("navigation").get_by_role("link", name="قطعي", exact=True).click()
    artisan.get_by_role("link", name="قطعة جديدة").click()
    artisan.fill("#title_ar", TITLE)
    artisan.fill("#description_ar", "طاجين من الطين الأحمر، مزخرف باليد ومطلي بالأزرق.")
    artisan.locator("#category").select_option(index=1)
    artisan.locator("#craft").select_option("pottery")
    artisan.get_by_label("الطين").check()
    artisan.fill("#price", "450")
    artisan.fill("#stock", "2")
    shoot(artisan, "portal-ar-1-new-piece")
    artisan.get_by_role("button", name="حفظ").click()
    # and adds a photo, which his phone sends straight to object storage
    artisan.set_input_files("#file", str(phone_photo(tmp_path / "tajine.jpg")))
    artisan.get_by_role("button", name="إضافة الصورة").click()
    artisan.wait_for_selector("text=أضيفت الصورة.")
    assert artisan.locator(".thumbs img").evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(artisan, "portal-ar-2-photo")
    artisan.get_by_role("button", name="إرسال إلى التعاونية للموافقة").click()
    artisan.wait_for_selector("text=أُرسلت. سيراجعها مسؤول التعاونية.")
    listing = Listing.objects.get(title__ar=TITLE)

    # then the photo kept no location and was resized
    photo = listing.photos.get()
    with photo.image.open("rb") as stored:
        kept = Image.open(io.BytesIO(stored.read()))
    assert max(kept.size) == 1600
    assert not kept.getexif()

    # when the manager approves it from his phone
    manager = browser.new_context(locale="fr-MA", **PHONE).new_page()
    sign_in(manager, live_server.url, "abdelkader-benhima@souk.example")
    manager.locator("summary").click()
    manager.get_by_role("navigation").get_by_role("link", name="Pièces à valider").click()
    manager.get_by_role("link", name=TITLE).click()
    # with the photo, and the text in the one language it was written in
    manager.wait_for_load_state("load")
    assert manager.locator(".thumbs img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert manager.locator("section[lang]").count() == 1
    shoot(manager, "portal-fr-3-review")
    manager.get_by_role("button", name="Valider et publier").click()
    manager.wait_for_selector("text=Pièce validée : elle part vers la boutique.")

    # then the App's worker writes it into Saleor, and shoppers find it in Arabic
    wait_until_written(listing)
    shop = browser.new_context(locale="ar-MA", **PHONE).new_page()
    shop.goto(f"{theme.url}/ar/s/safi/p/souk-listing-{listing.pk}/")
    assert shop.locator("h1").inner_text() == TITLE
    picture = shop.locator("main img").first
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(shop, "portal-ar-4-in-the-shop")
    # and the artisan's portal no longer shows anything pending
    artisan.reload()
    assert "جارٍ الإرسال إلى المتجر" not in artisan.locator("main").inner_text()
