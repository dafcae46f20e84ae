"""Links to stored files (photos, logos, evidence, payout proofs) that keep working.

A storage's own URL does not: S3's presigned URLs expire (SOUK_S3_URL_EXPIRY) while the public
API's answers are cached until the data changes, and FileSystemStorage's `/media/...` is served
by nothing. So the API hands out the App's own link, `/files/<token>`: the token is the file's
name signed with SECRET_KEY (nobody can forge a link to another file). The view answers a
redirect to a fresh presigned URL on S3, or the bytes from the file system.

Public files (artisans' photos, cooperatives' logos, certification evidence) get links that do
not expire, like the pages that show them; private ones (payout proofs) get links that expire
after SOUK_PRIVATE_FILE_LINK_SECONDS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.urls import reverse

PUBLIC_SALT = "souk.files.public"
PRIVATE_SALT = "souk.files.private"  # other salts: one kind's token never passes as the other


@dataclass(frozen=True)
class FileLink:
    name: str
    expires: bool


def sign_file_link(name: str, *, expires: bool) -> str:
    if expires:
        return signing.TimestampSigner(salt=PRIVATE_SALT).sign_object(name)
    return signing.Signer(salt=PUBLIC_SALT).sign_object(name)


def read_file_link(token: str) -> FileLink | None:
    """The file a token names, or None when it is forged or has expired."""
    try:
        return FileLink(signing.Signer(salt=PUBLIC_SALT).unsign_object(token), expires=False)
    except signing.BadSignature:
        pass
    try:
        name = signing.TimestampSigner(salt=PRIVATE_SALT).unsign_object(
            token, max_age=settings.SOUK_PRIVATE_FILE_LINK_SECONDS
        )
    except signing.BadSignature:  # forged, or expired (SignatureExpired)
        return None
    return FileLink(name, expires=True)


def file_url(request: HttpRequest, file: FieldFile | None, *, public: bool) -> str | None:
    """The App's absolute link to a stored file, or None when there is no file."""
    if not file:
        return None
    token = sign_file_link(str(file.name), expires=not public)
    return request.build_absolute_uri(reverse("stored-file", args=[token]))
