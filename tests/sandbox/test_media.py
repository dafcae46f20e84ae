import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_seeded_product_image_is_drawn_once_and_served(client, media_root):
    # when
    first = client.get("/media/products/tajine-safi-vert.png")

    # then
    assert first.status_code == 200
    assert first["Content-Type"] == "image/png"
    body = b"".join(first.streaming_content)
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    assert (media_root / "products" / "tajine-safi-vert.png").read_bytes() == body


def test_an_uploaded_file_is_served_as_it_is(client, media_root):
    (media_root / "uploads").mkdir()
    (media_root / "uploads" / "photo.webp").write_bytes(b"RIFF....WEBP")

    response = client.get("/media/uploads/photo.webp")

    assert b"".join(response.streaming_content) == b"RIFF....WEBP"


@pytest.mark.parametrize(
    "path", ["../settings.py", "uploads/missing.png", "products/../../etc/passwd"]
)
def test_paths_outside_the_media_or_missing_are_not_found(client, media_root, path):
    assert client.get(f"/media/{path}").status_code == 404
