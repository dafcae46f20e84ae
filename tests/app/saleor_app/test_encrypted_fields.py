"""Secrets encrypted at rest: Fernet keys from SOUK_FIELD_ENCRYPTION_KEYS (the first encrypts,
all decrypt: rotation), or one derived from SECRET_KEY; a value no key opens is an error, never
a silent empty secret."""

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from storefront_plugins.saleor_app.encrypted_fields import decrypt, encrypt


def test_a_value_round_trips_and_is_never_stored_in_clear() -> None:
    token = encrypt("app-token-1")

    assert "app-token-1" not in token
    assert token != encrypt("app-token-1")  # a fresh IV each time
    assert decrypt(token) == "app-token-1"


def test_a_rotated_key_still_reads_values_written_with_the_old_one(settings: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SOUK_FIELD_ENCRYPTION_KEYS = [old]
    written_before = encrypt("app-token-1")

    settings.SOUK_FIELD_ENCRYPTION_KEYS = [new, old]

    assert decrypt(written_before) == "app-token-1"
    settings.SOUK_FIELD_ENCRYPTION_KEYS = [new]
    with pytest.raises(ImproperlyConfigured):
        decrypt(written_before)


def test_a_malformed_key_is_a_configuration_error(settings: Any) -> None:
    settings.SOUK_FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]

    with pytest.raises(ImproperlyConfigured):
        encrypt("app-token-1")
