"""Ed25519 signatures over canonical documents, and JWKs for the public keys (pure).

The cryptography is `cryptography`'s; this module only encodes keys and signatures
(base64url without padding, as JOSE) and says why a verification failed.
"""

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from storefront_plugins.provenance.certificates.canonical import (
    CanonicalizationError,
    parse_canonical,
)
from storefront_plugins.provenance.error_codes import CertificateErrorCode


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_from_bytes(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def key_thumbprint(raw_public_key: bytes) -> str:
    """RFC 7638 thumbprint of the OKP/Ed25519 JWK (RFC 8037): the key id."""
    members = {"crv": "Ed25519", "kty": "OKP", "x": b64url_encode(raw_public_key)}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("ascii")
    return b64url_encode(hashlib.sha256(canonical).digest())


def public_jwk(raw_public_key: bytes) -> dict[str, str]:
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url_encode(raw_public_key),
        "kid": key_thumbprint(raw_public_key),
        "use": "sig",
        "alg": "EdDSA",
    }


def sign_document(document: bytes, private_key: Ed25519PrivateKey) -> str:
    return b64url_encode(private_key.sign(document))


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of checking a signature: `document` is parsed only when it is valid."""

    valid: bool
    error: CertificateErrorCode | None = None
    message: str = ""
    document: dict[str, Any] | None = None


def verify_document(
    document: bytes, signature: str, key_id: str, keys: Mapping[str, bytes]
) -> SignatureCheck:
    """Check that `document` is canonical and signed by the key `key_id` among `keys`
    (raw Ed25519 public keys by key id)."""
    raw_key = keys.get(key_id)
    if raw_key is None:
        return SignatureCheck(False, CertificateErrorCode.UNKNOWN_KEY, f"No key {key_id!r}.")
    try:
        raw_signature = b64url_decode(signature)
    except ValueError:
        return SignatureCheck(
            False, CertificateErrorCode.BAD_SIGNATURE, "The signature is not base64url."
        )
    try:
        public_key_from_bytes(raw_key).verify(raw_signature, document)
    except InvalidSignature:
        return SignatureCheck(
            False,
            CertificateErrorCode.BAD_SIGNATURE,
            "The signature does not match this document and key.",
        )
    try:
        parsed = parse_canonical(document)
    except CanonicalizationError as error:  # signed, yet not by this scheme
        return SignatureCheck(False, CertificateErrorCode.NOT_CANONICAL, str(error))
    return SignatureCheck(True, document=parsed)
