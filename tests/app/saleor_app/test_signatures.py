import base64
import json

import pytest

from storefront_plugins.saleor_app.signatures import (
    SignatureError,
    UnknownSigningKey,
    verify_webhook_signature,
)
from tests.app.saleor_endpoints import SigningKey, saleor_signature

BODY = b'{"issuedAt": "2026-11-22T10:00:00+00:00", "product": {"id": "UHJvZHVjdDox"}}'


@pytest.fixture(scope="module")
def key():
    return SigningKey.generate("key-1")


@pytest.fixture(scope="module")
def jwks(key):
    return {"keys": [key.public_jwk()]}


def test_a_saleor_signature_of_the_body_verifies(key, jwks):
    verified = verify_webhook_signature(saleor_signature(BODY, key), BODY, jwks)

    assert verified.key_id == "key-1"


def test_a_changed_body_fails(key, jwks):
    signature = saleor_signature(BODY, key)

    with pytest.raises(SignatureError, match="does not match"):
        verify_webhook_signature(signature, BODY.replace(b"UHJvZHVjdDox", b"UHJvZHVjdDoy"), jwks)


def test_a_signature_by_another_key_with_the_same_kid_fails(jwks):
    impostor = SigningKey.generate("key-1")

    with pytest.raises(SignatureError, match="does not match"):
        verify_webhook_signature(saleor_signature(BODY, impostor), BODY, jwks)


def test_a_key_missing_from_the_key_set_is_reported_as_unknown(jwks):
    other = SigningKey.generate("key-2")

    with pytest.raises(UnknownSigningKey):
        verify_webhook_signature(saleor_signature(BODY, other), BODY, jwks)


def test_an_attached_payload_jws_is_refused(key, jwks):
    from jwt import api_jws

    attached = api_jws.encode(BODY, key.private_key, algorithm="RS256", headers={"kid": "key-1"})

    with pytest.raises(SignatureError, match="b64: false"):
        verify_webhook_signature(attached, BODY, jwks)


def test_an_unsigned_alg_none_header_is_refused(jwks):
    header = base64.urlsafe_b64encode(
        json.dumps({"alg": "none", "kid": "key-1", "b64": False, "crit": ["b64"]}).encode()
    ).rstrip(b"=")
    forged = header.decode() + ".."

    with pytest.raises(SignatureError):
        verify_webhook_signature(forged, BODY, jwks)


@pytest.mark.parametrize("garbage", ["", "not-a-jws", "a.b.c.d"])
def test_garbage_is_refused(garbage, jwks):
    with pytest.raises(SignatureError):
        verify_webhook_signature(garbage, BODY, jwks)
