"""Images a cooperative's managers upload for their storefront (its logo, its hero images):
checked to be a PNG, JPEG or WebP picture of sensible size, stored in the default storage
under the storefront's folder, and linked through the App's lasting file links."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from PIL import Image, UnidentifiedImageError

from storefront_plugins.core.files import sign_file_link
from storefront_plugins.storefronts.error_codes import StorefrontErrorCode as Code
from storefront_plugins.storefronts.validation import MAX_IMAGE_SIDE

MAX_IMAGE_BYTES = 5 * 1024 * 1024
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


@dataclass(frozen=True)
class StoredImage:
    url: str  # a path on the App ("/files/<signed name>"), valid as logo_url or a hero image's url
    width: int
    height: int


def validate_image(field: str, upload: UploadedFile) -> tuple[str, int, int]:
    """The extension, width and height of an uploaded picture; a field error otherwise."""
    if upload.size is None or upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            {field: ValidationError("At most 5 MB.", code=Code.OUT_OF_RANGE.value)}
        )
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format or "", image.size
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            {field: ValidationError("A PNG, JPEG or WebP picture.", code=Code.INVALID.value)}
        ) from error
    if image_format not in FORMATS:
        raise ValidationError(
            {field: ValidationError("A PNG, JPEG or WebP picture.", code=Code.INVALID.value)}
        )
    if not (1 <= width <= MAX_IMAGE_SIDE and 1 <= height <= MAX_IMAGE_SIDE):
        raise ValidationError(
            {
                field: ValidationError(
                    f"Width and height are 1 to {MAX_IMAGE_SIDE} pixels.",
                    code=Code.OUT_OF_RANGE.value,
                )
            }
        )
    upload.seek(0)
    return FORMATS[image_format], width, height


def store_image(storefront_slug: str, field: str, upload: UploadedFile) -> StoredImage:
    """Checks and stores the picture; call before the transaction that links it (a file left
    unlinked by a failed save costs only space)."""
    extension, width, height = validate_image(field, upload)
    name = default_storage.save(
        f"storefronts/{storefront_slug}/{field}-{uuid.uuid4().hex}.{extension}", upload
    )
    url = reverse("stored-file", args=[sign_file_link(name, expires=False)])
    return StoredImage(url=url, width=width, height=height)
