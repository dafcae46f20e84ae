"""Photos of pieces (pure: bytes in, bytes out, no storage or ORM).

An upload is accepted only when Pillow reads it as a JPEG, PNG or WebP image (HEIC needs the
pillow-heif plugin, which Souk does not ship: phones' browsers send JPEG from a file input
that accepts image/jpeg). It is turned upright by its EXIF orientation, re-encoded from its
pixels alone (no EXIF, GPS, XMP, IPTC or comments survive: an artisan's workshop is often
their home; only the ICC colour profile is kept) and resized to at most MAX_EDGE pixels on
its long edge."""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from storefront_plugins.listings.error_codes import ListingErrorCode

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 50-megapixel photo is refused before its pixels are decoded
MAX_EDGE = 1600
JPEG_QUALITY = 85
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


class PhotoRefused(Exception):
    def __init__(self, code: ListingErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes
    width: int
    height: int
    content_type: str = "image/jpeg"
    extension: str = "jpg"


def check_size(size: int) -> None:
    if size <= 0:
        raise PhotoRefused(ListingErrorCode.REQUIRED, "The file is empty.")
    if size > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            ListingErrorCode.FILE_TOO_LARGE,
            f"A photo is at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        )


def _open_checked(data: bytes) -> Image.Image:
    """The image, its header and structure verified before any pixel is decoded."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise PhotoRefused(
            ListingErrorCode.UNSUPPORTED_FILE_TYPE, "Send a photo in JPEG, PNG or WebP."
        ) from error
    if image_format not in ALLOWED_FORMATS:
        raise PhotoRefused(
            ListingErrorCode.UNSUPPORTED_FILE_TYPE, "Send a photo in JPEG, PNG or WebP."
        )
    if width * height > MAX_PIXELS:
        raise PhotoRefused(
            ListingErrorCode.IMAGE_TOO_LARGE,
            f"A photo is at most {MAX_PIXELS // 1_000_000} megapixels.",
        )
    image = Image.open(io.BytesIO(data))  # verify() leaves the probe unusable
    try:
        image.load()
    except (OSError, SyntaxError) as error:
        raise PhotoRefused(
            ListingErrorCode.UNSUPPORTED_FILE_TYPE, "The photo is damaged."
        ) from error
    return image


def _flattened(image: Image.Image) -> Image.Image:
    """RGB pixels; transparency over white (the shop's background)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def process_photo(data: bytes, *, max_edge: int = MAX_EDGE) -> ProcessedPhoto:
    """A clean JPEG of the photo: upright, resized, without metadata; PhotoRefused when the
    bytes are not an accepted image."""
    check_size(len(data))
    image = _open_checked(data)
    icc_profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    rgb = _flattened(upright)
    rgb.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    # A new image from the pixels alone: nothing of the original's info dict is carried.
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    output = io.BytesIO()
    options: dict[str, object] = {"quality": JPEG_QUALITY, "optimize": True}
    if icc_profile:
        options["icc_profile"] = icc_profile
    clean.save(output, format="JPEG", **options)
    return ProcessedPhoto(output.getvalue(), clean.width, clean.height)
