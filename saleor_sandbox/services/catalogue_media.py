"""Product media as Saleor keeps it (saleor/graphql/product/mutations/product/product_media_*):
an uploaded image, checked as Saleor's `clean_image_file` does and stored under the media
root's `products/` with a random suffix; or an external URL (an image, or a YouTube/Vimeo
video). Alt texts are at most 250 characters. Each change emits PRODUCT_UPDATED."""

import os
import secrets
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from saleor_sandbox.errors import MutationError, MutationErrors, mutation_error
from saleor_sandbox.models import Product, ProductMedia
from saleor_sandbox.services.catalogue_common import get_node
from saleor_sandbox.services.catalogue_events import emit

ALT_CHAR_LIMIT = 250
MEDIA_URL_CHAR_LIMIT = 4096
FILE_NAME_MAX_LENGTH = 100
UPLOAD_FOLDER = "products"
# Saleor's thumbnail MIME types (saleor/thumbnail MIME_TYPE_TO_PIL_IDENTIFIER).
IMAGE_MIME_TYPES = {
    "image/avif": "AVIF",
    "image/bmp": "BMP",
    "image/gif": "GIF",
    "image/jpeg": "JPEG",
    "image/jpg": "JPEG",
    "image/png": "PNG",
    "image/tiff": "TIFF",
    "image/webp": "WEBP",
}
IMAGE_URL_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")


def _allowed_extensions() -> set[str]:
    Image.init()
    formats = set(IMAGE_MIME_TYPES.values())
    return {ext.lower() for ext, kind in Image.EXTENSION.items() if kind.upper() in formats}


def validate_media_input(image: Any, media_url: str, alt: str) -> MutationError | None:
    """Saleor's `validate_media_input`: one of image and URL, alt and URL within limits."""
    if not image and not media_url:
        return MutationError("input", "REQUIRED", "Image or external URL is required.")
    if image and media_url:
        return MutationError(
            "input", "DUPLICATED_INPUT_ITEM", "Either image or external URL is required."
        )
    if len(alt) > ALT_CHAR_LIMIT:
        return MutationError(
            "input", "INVALID", f"Alt field exceeds the character limit of {ALT_CHAR_LIMIT}."
        )
    if len(media_url) > MEDIA_URL_CHAR_LIMIT:
        return MutationError(
            "input",
            "INVALID",
            f"URL field exceeds the character limit of {MEDIA_URL_CHAR_LIMIT}.",
        )
    return None


def image_file_error(upload: UploadedFile) -> MutationError | None:
    """Saleor's `clean_image_file`: within MAX_IMAGE_FILE_SIZE, an image content type
    thumbnails support, an image extension, and a file Pillow can read as an image."""
    if upload.size is not None and upload.size > settings.MAX_IMAGE_FILE_SIZE:
        limit = settings.MAX_IMAGE_FILE_SIZE / (1024 * 1024)
        return MutationError(
            "image",
            "FILE_SIZE_LIMIT_EXCEEDED",
            f"File size exceeds the maximum allowed size of {limit:.0f}MB.",
        )
    if upload.content_type not in IMAGE_MIME_TYPES:
        return MutationError("image", "INVALID", "Invalid file type.")
    extension = os.path.splitext(upload.name or "")[1].lower()
    if not extension:
        return MutationError("image", "INVALID", "Lack of file extension.")
    if extension not in _allowed_extensions():
        return MutationError("image", "INVALID", "Invalid file extension. Image file required.")
    try:
        with Image.open(upload) as image:
            image.verify()
            detected = image.format
    except (SyntaxError, TypeError, ValueError, OSError, UnidentifiedImageError) as error:
        return MutationError(
            "image",
            "INVALID",
            "Invalid file. The following error was raised during the attempt of opening "
            f"the file: {error}",
        )
    finally:
        upload.seek(0)
    if detected not in set(IMAGE_MIME_TYPES.values()):
        return MutationError("image", "INVALID", f"Unsupported image MIME type: {detected}.")
    return None


def _store(upload: UploadedFile) -> str:
    """Saves the file as `products/<name>_<8 hex><ext>` (Saleor's add_hash_to_file_name)."""
    stem, extension = os.path.splitext(os.path.basename(upload.name or "image"))
    name = f"{UPLOAD_FOLDER}/{stem[:FILE_NAME_MAX_LENGTH]}_{secrets.token_hex(4)}{extension}"
    return str(default_storage.save(name, upload))


def _url_kind(url: str) -> str:
    """IMAGE or VIDEO, as Saleor's probe of the URL; anything else is refused."""
    if url.lower().split("?")[0].endswith(IMAGE_URL_SUFFIXES):
        return "IMAGE"
    if any(host in url for host in VIDEO_HOSTS):
        return "VIDEO"
    raise mutation_error(
        "mediaUrl", "UNSUPPORTED_MEDIA_PROVIDER", "Unsupported media provider or incorrect URL."
    )


def create_product_media(
    data: dict[str, Any], files: Any, context: Any
) -> tuple[Product, ProductMedia]:
    """`data["image"]` is the multipart form key of the uploaded file, found in `files`."""
    image_key = data.get("image")
    media_url = (data.get("media_url") or "").strip()
    alt = data.get("alt") or ""
    error = validate_media_input(image_key, media_url, alt)
    if error is not None:
        raise MutationErrors([error])
    product = get_node(data["product"], "Product", Product, "product")
    position = product.media.count()
    if image_key:
        upload = files.get(image_key) if files is not None else None
        if upload is None:
            raise mutation_error("image", "REQUIRED", "File is required.")
        error = image_file_error(upload)
        if error is not None:
            raise MutationErrors([error])
        media = ProductMedia.objects.create(
            product=product, type="IMAGE", image=_store(upload), alt=alt, sort_order=position
        )
    else:
        kind = _url_kind(media_url)
        media = ProductMedia.objects.create(
            product=product,
            type=kind,
            image=media_url if kind == "IMAGE" else "",
            external_url="" if kind == "IMAGE" else media_url,
            alt=alt,
            sort_order=position,
        )
    emit("PRODUCT_UPDATED", product, context)
    return product, media


def _get_media(global_id: str, field: str = "id") -> ProductMedia:
    return get_node(global_id, "ProductMedia", ProductMedia, field)


def update_product_media(
    global_id: str, data: dict[str, Any], context: Any
) -> tuple[Product, ProductMedia]:
    media = _get_media(global_id)
    alt = data.get("alt")
    if alt is not None:
        if len(alt) > ALT_CHAR_LIMIT:
            raise mutation_error(
                "input", "INVALID", f"Alt field exceeds the character limit of {ALT_CHAR_LIMIT}."
            )
        media.alt = alt
        media.save(update_fields=["alt"])
    emit("PRODUCT_UPDATED", media.product, context)
    return media.product, media


def delete_product_media(global_id: str, context: Any) -> tuple[Product, ProductMedia]:
    """Deletes the row (the stored file stays, as with Saleor's storage); the returned
    media keeps its id."""
    media = _get_media(global_id)
    media_pk = media.pk
    media.delete()
    media.pk = media_pk
    emit("PRODUCT_UPDATED", media.product, context)
    return media.product, media


def reorder_product_media(
    product_id: str, media_ids: list[str], context: Any
) -> tuple[Product, list[ProductMedia]]:
    product = get_node(product_id, "Product", Product, "productId")
    if len(media_ids) != product.media.count():
        raise mutation_error("order", "INVALID", "Incorrect number of media IDs provided.")
    ordered = [_get_media(media_id, "order") for media_id in media_ids]
    for media_id, media in zip(media_ids, ordered, strict=True):
        if media.product_id != product.pk:
            raise mutation_error(
                "order",
                "NOT_PRODUCTS_IMAGE",
                f"Media {media_id} does not belong to this product.",
            )
    for position, media in enumerate(ordered):
        media.sort_order = position
    ProductMedia.objects.bulk_update(ordered, ["sort_order"])
    emit("PRODUCT_UPDATED", product, context)
    return product, ordered
