"""Links to stored files: the API hands out the App's own `/files/<token>` links, which keep
working while the answers that hold them are cached (S3's presigned URLs expire; nothing
serves FileSystemStorage's /media/). A token names one file and cannot be forged; a private
file's link expires."""

from typing import Any

import pytest
import requests
from django.core.files.base import ContentFile
from django.test import Client

from storefront_plugins.artisans.models import Artisan
from storefront_plugins.core.files import read_file_link, sign_file_link
from tests.app.graphql_client import graphql

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ARTISAN_PHOTO = "query($slug: String!) { artisan(slug: $slug) { photoUrl } }"


@pytest.fixture
def artisan_with_photo(directory: None) -> Artisan:
    artisan = Artisan.objects.filter(is_published=True).order_by("pk").first()
    assert artisan is not None
    artisan.photo.save("atelier.png", ContentFile(PNG))
    return artisan


def photo_link(client: Client, artisan: Artisan) -> str:
    result = graphql(client, ARTISAN_PHOTO, {"slug": artisan.slug})
    link: str = result["data"]["artisan"]["photoUrl"]
    return link.removeprefix("http://testserver")


def test_a_public_photo_on_the_file_system_is_served_by_its_link(
    client: Client, artisan_with_photo: Artisan
) -> None:
    # when
    link = photo_link(client, artisan_with_photo)
    response = client.get(link)

    # then
    assert link.startswith("/files/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_public_photo_in_s3_redirects_to_a_fresh_presigned_url(
    client: Client, directory: None, s3_storage: Any, moto_s3: Any
) -> None:
    # given
    artisan = Artisan.objects.filter(is_published=True).order_by("pk").first()
    assert artisan is not None
    artisan.photo.save("atelier.png", ContentFile(PNG))

    # when
    response = client.get(photo_link(client, artisan))

    # then
    assert response.status_code == 302
    assert response["Location"].startswith(f"{moto_s3.endpoint_url}/{s3_storage.bucket_name}/")
    assert requests.get(response["Location"], timeout=10).content == PNG


def test_a_forged_or_unknown_link_is_not_found(client: Client, artisan_with_photo: Artisan) -> None:
    link = photo_link(client, artisan_with_photo)
    token = link.removeprefix("/files/")
    forged = sign_file_link("payouts/proofs/1/other.pdf", expires=False)[:-2] + "xx"

    tampered = token[:-1] + ("B" if token.endswith("A") else "A")  # one character changed
    assert client.get(f"/files/{tampered}").status_code == 404
    assert client.get(f"/files/{forged}").status_code == 404
    assert (
        client.get(f"/files/{sign_file_link('nothing/here.png', expires=False)}").status_code == 404
    )


def test_a_private_link_expires_and_the_two_kinds_never_pass_for_each_other(
    settings: Any,
) -> None:
    private = sign_file_link("payouts/proofs/1/a.pdf", expires=True)
    public = sign_file_link("artisans/photos/a.png", expires=False)

    assert read_file_link(private) is not None
    assert read_file_link(private).expires  # type: ignore[union-attr]
    assert read_file_link(public) is not None
    assert not read_file_link(public).expires  # type: ignore[union-attr]
    settings.SOUK_PRIVATE_FILE_LINK_SECONDS = -1
    assert read_file_link(private) is None
    assert read_file_link(public) is not None
