"""Where uploaded files go: an S3 bucket when one is named, else the local media folder.

Files are private (evidence documents, later payout proofs): S3 objects get the `private`
ACL and are read through presigned URLs that expire quickly; credentials come from the
usual AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) or the
machine's role, as boto3 finds them."""

from pathlib import Path
from typing import Any

S3_BACKEND = "storages.backends.s3.S3Storage"
FILE_SYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def default_storage_settings(
    *,
    bucket: str,
    media_root: Path,
    endpoint_url: str = "",
    region: str = "",
    url_expiry: int = 300,
) -> dict[str, Any]:
    """The `default` entry of Django's STORAGES."""
    if not bucket:
        return {"BACKEND": FILE_SYSTEM_BACKEND, "OPTIONS": {"location": str(media_root)}}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": url_expiry,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    if endpoint_url:
        # S3-compatible servers (MinIO, moto, Scaleway...) answer on path-style URLs.
        options["endpoint_url"] = endpoint_url
        options["addressing_style"] = "path"
    if region:
        options["region_name"] = region
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
