"""Photos: only real images, upright, resized, with no metadata left (no GPS)."""

import io

import pytest
from PIL import Image

from storefront_plugins.listings.error_codes import ListingErrorCode
from storefront_plugins.listings.photos import MAX_UPLOAD_BYTES, PhotoRefused, process_photo

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_photo(size=(2400, 1200), orientation=1) -> bytes:
    """A JPEG as a phone takes it: EXIF with the camera, the orientation and GPS."""
    image = Image.new("RGB", size, (200, 120, 60))
    image.paste((20, 40, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (31.0, 37.0, 5.0), 3: "W", 4: (8.0, 2.0, 9.0)})
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"home workshop")
    return output.getvalue()


def test_a_phone_photo_comes_out_without_exif_gps_or_comment_and_resized():
    # given
    original = Image.open(io.BytesIO(phone_photo()))
    assert original.getexif().get_ifd(GPS_IFD)  # the input does carry GPS

    # when
    processed = process_photo(phone_photo())

    # then
    image = Image.open(io.BytesIO(processed.content))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (processed.width, processed.height) == (1600, 800)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert "comment" not in image.info
    assert b"PhoneMaker" not in processed.content
    assert b"home workshop" not in processed.content


def test_the_exif_orientation_is_applied():
    # given: pixels stored landscape, to be shown rotated a quarter turn (orientation 6)
    data = phone_photo(size=(400, 200), orientation=6)

    # when
    processed = process_photo(data)

    # then: portrait, the blue half now on top
    image = Image.open(io.BytesIO(processed.content))
    assert (image.width, image.height) == (200, 400)
    red, _green, blue = image.getpixel((100, 50))  # type: ignore[misc]
    assert blue > red


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(PhotoRefused) as refused:
        process_photo(b"<?php system($_GET['c']); ?> not a photo at all")
    assert refused.value.code == ListingErrorCode.UNSUPPORTED_FILE_TYPE


def test_a_gif_is_refused():
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, format="GIF")
    with pytest.raises(PhotoRefused) as refused:
        process_photo(output.getvalue())
    assert refused.value.code == ListingErrorCode.UNSUPPORTED_FILE_TYPE


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(PhotoRefused) as refused:
        process_photo(b"\xff\xd8\xff" + b"\0" * MAX_UPLOAD_BYTES)
    assert refused.value.code == ListingErrorCode.FILE_TOO_LARGE


def test_a_decompression_bomb_is_refused_from_its_header():
    # given: a tiny PNG that claims 20000 x 20000 pixels
    output = io.BytesIO()
    Image.new("1", (20000, 20000)).save(output, format="PNG")

    # when
    with pytest.raises(PhotoRefused) as refused:
        process_photo(output.getvalue())

    # then
    assert refused.value.code in (
        ListingErrorCode.IMAGE_TOO_LARGE,
        ListingErrorCode.UNSUPPORTED_FILE_TYPE,
    )


def test_a_transparent_png_is_flattened_on_white():
    output = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(output, format="PNG")
    image = Image.open(io.BytesIO(process_photo(output.getvalue()).content))
    assert image.getpixel((5, 5)) >= (250, 250, 250)  # type: ignore[operator]
