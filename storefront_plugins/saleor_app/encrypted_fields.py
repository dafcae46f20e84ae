"""Secrets kept encrypted in the database (Saleor's app token): a leaked dump or backup
does not hand out write access to the shop.

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package already installed) with
the keys in SOUK_FIELD_ENCRYPTION_KEYS: the first encrypts, every one decrypts, so a key is
rotated by putting the new one first. With none configured, one key is derived from
SECRET_KEY (HKDF), which is enough for development and the demo.
"""

import base64
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, then a timestamp)


def derived_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"souk.encrypted-fields")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    raw = [key.encode() for key in keys] or [derived_key(secret_key)]
    try:
        return MultiFernet([Fernet(key) for key in raw])
    except ValueError as error:
        raise ImproperlyConfigured(
            "SOUK_FIELD_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes)."
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.SOUK_FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value does not decrypt with SOUK_FIELD_ENCRYPTION_KEYS (or the key "
            "derived from SECRET_KEY): keep the old key in the list when rotating."
        ) from error


class EncryptedTextField(models.TextField):
    """Text encrypted in the database, plain in Python. Not searchable nor comparable in SQL."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))
