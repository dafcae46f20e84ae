"""Photos go from the browser straight to object storage, then through the App's checks.

1. `presigned_photo_upload` answers a form (url + fields) for one object under `uploads/`:
   on S3, a presigned POST whose policy fixes the key, limits the size and requires an
   `image/` Content-Type, and redirects the browser back to `redirect_url` (with `key` and
   `bucket` in the query) so a plain HTML form without JavaScript works. Without a bucket
   (FileSystemStorage, in development) the form posts to the App's own upload endpoint
   (`photo_upload_view`), which checks a signed policy with the same rules.
2. `confirm_photo_upload` reads the upload, checks it is a real image, strips its metadata,
   resizes it, stores it, deletes the upload and records the ListingPhoto.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.listings import services
from storefront_plugins.listings.content import MAX_PHOTOS, approved_ids
from storefront_plugins.listings.error_codes import ListingErrorCode
from storefront_plugins.listings.models import Listing, ListingPhoto
from storefront_plugins.listings.photos import MAX_UPLOAD_BYTES, PhotoRefused, check_size
from storefront_plugins.listings.photos import process_photo as process_photo_bytes

UPLOAD_PREFIX = "uploads/listings"
UPLOAD_EXPIRES_SECONDS = 15 * 60
POLICY_SALT = "souk.listings.photo-upload"
CONTENT_TYPE_PREFIX = "image/"


@dataclass(frozen=True)
class PhotoUploadForm:
    """Post `fields` then the file (as the last field, named `file`) to `url`."""

    url: str
    fields: dict[str, str]
    key: str
    expires_at: datetime


def _upload_key(listing_id: int) -> str:
    return f"{UPLOAD_PREFIX}/{listing_id}/{uuid.uuid4().hex}"


def _is_upload_key_of(key: str, listing_id: int) -> bool:
    prefix = f"{UPLOAD_PREFIX}/{listing_id}/"
    if not key.startswith(prefix):
        return False
    try:
        return uuid.UUID(hex=key[len(prefix) :]).hex == key[len(prefix) :]
    except ValueError:
        return False


def _s3_client() -> Any | None:
    """The boto3 client of the default storage when it is S3, else None."""
    connection = getattr(default_storage, "connection", None)
    bucket = getattr(default_storage, "bucket_name", None)
    return connection.meta.client if connection is not None and bucket else None


def validate_redirect_url(redirect_url: str) -> str:
    parts = urlsplit(redirect_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise services.field_error(
            "redirectUrl", "An absolute http(s) URL.", ListingErrorCode.INVALID
        )
    return redirect_url


@transaction.atomic
def presigned_photo_upload(viewer: Viewer, listing_id: int, redirect_url: str) -> PhotoUploadForm:
    listing = services.access_listing_for_edit(viewer, listing_id)
    _check_photo_count(listing)
    redirect_url = validate_redirect_url(redirect_url)
    key = _upload_key(listing.pk)
    expires_at = timezone.now() + timedelta(seconds=UPLOAD_EXPIRES_SECONDS)
    client = _s3_client()
    if client is not None:
        post = client.generate_presigned_post(
            Bucket=default_storage.bucket_name,  # type: ignore[attr-defined]
            Key=key,
            Fields={"Content-Type": "image/jpeg", "success_action_redirect": redirect_url},
            Conditions=[
                ["content-length-range", 1, MAX_UPLOAD_BYTES],
                ["starts-with", "$Content-Type", CONTENT_TYPE_PREFIX],
                {"success_action_redirect": redirect_url},
            ],
            ExpiresIn=UPLOAD_EXPIRES_SECONDS,
        )
        return PhotoUploadForm(post["url"], dict(post["fields"]), key, expires_at)
    policy = signing.dumps(
        {"key": key, "redirect": redirect_url, "max": MAX_UPLOAD_BYTES}, salt=POLICY_SALT
    )
    return PhotoUploadForm(
        url=settings.PUBLIC_URL + reverse("listings-photo-upload"),
        fields={
            "key": key,
            "Content-Type": "image/jpeg",
            "success_action_redirect": redirect_url,
            "policy": policy,
        },
        key=key,
        expires_at=expires_at,
    )


class UploadRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def accept_local_upload(fields: dict[str, str], file: Any) -> str:
    """The App's stand-in for S3's POST upload (no bucket configured): checks the signed
    policy like S3 checks its own, stores the file under its key, and answers where to send
    the browser back (with `key` and `bucket` in the query, as S3 does)."""
    try:
        policy = signing.loads(
            fields.get("policy", ""), salt=POLICY_SALT, max_age=UPLOAD_EXPIRES_SECONDS
        )
    except signing.BadSignature as error:
        raise UploadRefused(403, "Invalid or expired upload policy.") from error
    if (
        fields.get("key") != policy["key"]
        or fields.get("success_action_redirect") != policy["redirect"]
    ):
        raise UploadRefused(403, "The form does not match its policy.")
    if not str(fields.get("Content-Type", "")).startswith(CONTENT_TYPE_PREFIX):
        raise UploadRefused(403, "Only images are accepted.")
    if file is None or not 0 < file.size <= policy["max"]:
        raise UploadRefused(400, "The file is missing or too large.")
    default_storage.delete(policy["key"])
    default_storage.save(policy["key"], file)
    parts = urlsplit(policy["redirect"])
    query = [*parse_qsl(parts.query), ("key", policy["key"]), ("bucket", "")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _check_photo_count(listing: Listing) -> None:
    if listing.photos.filter(removed_at__isnull=True).count() >= MAX_PHOTOS:
        raise services.field_error(
            "photos", f"At most {MAX_PHOTOS} photos.", ListingErrorCode.TOO_MANY_PHOTOS
        )


def _read_upload(key: str) -> bytes:
    if not default_storage.exists(key):
        raise services.field_error(
            "key",
            "No upload under this key (expired or never sent).",
            ListingErrorCode.UPLOAD_NOT_FOUND,
        )
    try:
        check_size(default_storage.size(key))
    except PhotoRefused as refused:
        default_storage.delete(key)
        raise services.field_error("file", refused.message, refused.code) from refused
    with default_storage.open(key, "rb") as upload:
        data: bytes = upload.read()
    return data


def confirm_photo_upload(
    viewer: Viewer, listing_id: int, key: str, alt: dict[str, str] | None = None
) -> ListingPhoto:
    """The uploaded photo, checked and cleaned, becomes one of the listing's photos. Adding
    a photo is a content change: an approved listing goes back into moderation."""
    with transaction.atomic():
        listing = services.access_listing_for_edit(viewer, listing_id)
        _check_photo_count(listing)
    if not _is_upload_key_of(key, listing.pk):
        raise services.field_error(
            "key", "Not an upload of this listing.", ListingErrorCode.INVALID
        )
    data = _read_upload(key)  # outside the transaction: S3 may be slow
    try:
        processed = process_photo_bytes(data)
    except PhotoRefused as refused:
        default_storage.delete(key)
        raise services.field_error("file", refused.message, refused.code) from refused
    name = default_storage.save(
        f"listings/photos/{listing.pk}/{uuid.uuid4().hex}.{processed.extension}",
        ContentFile(processed.content),
    )
    try:
        photo = _record_photo(viewer, listing.pk, name, processed.width, processed.height, alt)
    except (ValidationError, PermissionDenied):
        default_storage.delete(name)
        raise
    default_storage.delete(key)
    return photo


@transaction.atomic
def _record_photo(
    viewer: Viewer,
    listing_id: int,
    name: str,
    width: int,
    height: int,
    alt: dict[str, str] | None,
) -> ListingPhoto:
    listing = services.access_listing_for_edit(viewer, listing_id)
    _check_photo_count(listing)
    position = (listing.photos.aggregate(last=Max("position"))["last"] or 0) + 1
    photo = ListingPhoto.objects.create(
        listing=listing, image=name, width=width, height=height, position=position, alt=alt or {}
    )
    services.save_edit(viewer, listing, "add_photo", content_changed=True)
    return photo


def _photo_not_found() -> ValidationError:
    return services.field_error("id", "Photo not found.", ListingErrorCode.NOT_FOUND)


@transaction.atomic
def delete_photo(viewer: Viewer, photo_id: int) -> Listing:
    """Removes a photo; one that Saleor shows stays there until the listing is approved
    again. A photo of a listing the viewer does not see is "not found" like one that never
    existed."""
    listing_id = (
        ListingPhoto.objects.filter(
            pk=photo_id,
            removed_at__isnull=True,
            listing__in=services.visible_listings(viewer).values("pk"),
        )
        .values_list("listing_id", flat=True)
        .first()
    )
    if listing_id is None:
        raise _photo_not_found()
    listing = services.access_listing_for_edit(viewer, listing_id)
    # Read again under the listing's lock: a concurrent removal has removed it already.
    photo = listing.photos.filter(pk=photo_id, removed_at__isnull=True).first()
    if photo is None:
        raise _photo_not_found()
    if photo.pk in approved_ids(listing.approved_content, "photos"):
        photo.removed_at = timezone.now()
        photo.save(update_fields=["removed_at"])
    else:
        name = str(photo.image.name)
        photo.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
    services.save_edit(viewer, listing, "remove_photo", content_changed=True)
    return listing
