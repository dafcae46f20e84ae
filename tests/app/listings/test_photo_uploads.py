"""Photos go from the browser straight to S3 (moto's server here) with a presigned POST,
then the App checks and cleans them."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import ValidationError
from django.test import Client

from storefront_plugins.listings import photo_uploads
from storefront_plugins.listings.models import Listing
from storefront_plugins.listings.photos import MAX_UPLOAD_BYTES
from tests.app.listings.conftest import World
from tests.app.listings.test_photos import GPS_IFD, phone_photo

RETURN_URL = "https://portail.souk.example/listings/7/photos?step=2"


def test_a_plain_form_posts_to_s3_and_comes_back_then_the_app_keeps_a_clean_photo(
    world: World, draft: Listing, s3_storage
):
    # given
    form = photo_uploads.presigned_photo_upload(world.potter, draft.pk, RETURN_URL)

    # when: the browser posts the form's fields and the file, without JavaScript
    response = requests.post(
        form.url,
        data=form.fields,
        files={"file": ("IMG_0001.jpg", phone_photo(), "image/jpeg")},
        allow_redirects=False,
        timeout=10,
    )

    # then: S3 sends the browser back with the key
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.netloc == "portail.souk.example"
    assert parse_qs(location.query)["key"] == [form.key]
    assert parse_qs(location.query)["step"] == ["2"]

    # when
    photo = photo_uploads.confirm_photo_upload(world.potter, draft.pk, form.key)

    # then
    assert (photo.width, photo.height) == (1600, 800)
    assert not s3_storage.exists(form.key)
    from PIL import Image

    with s3_storage.open(photo.image.name, "rb") as stored:
        assert not Image.open(stored).getexif().get_ifd(GPS_IFD)
    assert Listing.objects.get(pk=draft.pk).version == draft.version + 1


def test_the_upload_policy_fixes_the_key_size_type_and_redirect(
    world: World, draft: Listing, s3_storage
):
    # when
    form = photo_uploads.presigned_photo_upload(world.potter, draft.pk, RETURN_URL)

    # then
    policy = json.loads(base64.b64decode(form.fields["policy"]))
    assert form.key.startswith(f"uploads/listings/{draft.pk}/")
    assert {"key": form.key} in policy["conditions"]
    assert ["content-length-range", 1, MAX_UPLOAD_BYTES] in policy["conditions"]
    assert ["starts-with", "$Content-Type", "image/"] in policy["conditions"]
    assert {"success_action_redirect": RETURN_URL} in policy["conditions"]


def test_a_renamed_text_file_is_refused_and_its_upload_deleted(
    world: World, draft: Listing, s3_storage
):
    # given
    form = photo_uploads.presigned_photo_upload(world.potter, draft.pk, RETURN_URL)
    requests.post(
        form.url,
        data=form.fields,
        files={"file": ("photo.jpg", b"just some text", "image/jpeg")},
        allow_redirects=False,
        timeout=10,
    )

    # when
    with pytest.raises(ValidationError) as raised:
        photo_uploads.confirm_photo_upload(world.potter, draft.pk, form.key)

    # then
    assert raised.value.error_dict["file"][0].code == "UNSUPPORTED_FILE_TYPE"
    assert not s3_storage.exists(form.key)
    assert not draft.photos.exists()


def test_another_listings_upload_key_is_refused(world: World, draft: Listing, s3_storage):
    with pytest.raises(ValidationError) as raised:
        photo_uploads.confirm_photo_upload(
            world.potter, draft.pk, f"uploads/listings/{draft.pk + 1}/{'a' * 32}"
        )
    assert raised.value.error_dict["key"][0].code == "INVALID"


def test_another_artisan_gets_no_upload_form(world: World, draft: Listing, s3_storage):
    with pytest.raises(ValidationError) as raised:
        photo_uploads.presigned_photo_upload(world.other_artisan, draft.pk, RETURN_URL)
    assert raised.value.error_dict["id"][0].code == "NOT_FOUND"


def test_without_a_bucket_the_same_form_posts_to_the_apps_own_endpoint(
    world: World, draft: Listing, settings
):
    # given: FileSystemStorage (the test settings' default)
    settings.PUBLIC_URL = "http://testserver"
    form = photo_uploads.presigned_photo_upload(world.potter, draft.pk, RETURN_URL)
    assert form.url == "http://testserver/listings/photo-uploads"

    # when
    response = Client().post(
        "/listings/photo-uploads",
        data={**form.fields, "file": _file(phone_photo())},
    )
    forged = Client().post(
        "/listings/photo-uploads",
        data={**form.fields, "key": f"uploads/listings/{draft.pk}/{'b' * 32}", "file": _file(b"x")},
    )

    # then
    assert response.status_code == 303
    assert parse_qs(urlsplit(response["Location"]).query)["key"] == [form.key]
    assert forged.status_code == 403
    photo = photo_uploads.confirm_photo_upload(world.potter, draft.pk, form.key)
    assert (photo.width, photo.height) == (1600, 800)


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("IMG.jpg", content, content_type="image/jpeg")


def test_another_artisans_photo_is_not_found_like_one_that_never_existed(
    world: World, ready: Listing
):
    # given a photo of the potter's listing
    photo = ready.photos.get()

    # when another artisan removes it, or a photo that does not exist
    answers = []
    for photo_id in (photo.pk, photo.pk + 1000):
        with pytest.raises(ValidationError) as raised:
            photo_uploads.delete_photo(world.other_artisan, photo_id)
        answers.append([(e.code, e.message) for e in raised.value.error_dict["id"]])

    # then: the same answer, telling nothing of the potter's listing; the photo is kept
    assert answers[0] == answers[1] == [("NOT_FOUND", "Photo not found.")]
    assert ready.photos.filter(pk=photo.pk, removed_at__isnull=True).exists()
