"""Verifying `Saleor-Signature`: pure functions, no I/O.

Saleor signs each webhook body with RS256 as a JWS with a detached, unencoded payload
(RFC 7797: header `b64: false`, `crit: ["b64"]`), so the header is `<protected>..<signature>`
and the signed content is the raw body. PyJWT does the cryptography.
"""

from dataclasses import dataclass
from typing import Any

import jwt
from jwt import api_jws


class SignatureError(Exception):
    """The signature does not prove the body came from this Saleor."""


class UnknownSigningKey(SignatureError):
    """The signature names a key (`kid`) that is not in the installation's key set."""


@dataclass(frozen=True)
class VerifiedSignature:
    key_id: str
    algorithm: str


def signature_key_id(signature: str) -> str:
    """The `kid` named in a signature's protected header."""
    try:
        header = api_jws.get_unverified_header(signature)
    except jwt.PyJWTError as error:
        raise SignatureError("Saleor-Signature is not a JWS.") from error
    key_id = header.get("kid")
    if not isinstance(key_id, str) or not key_id:
        raise SignatureError("Saleor-Signature names no key (kid).")
    return key_id


def jwks_has_key(jwks: dict[str, Any], key_id: str) -> bool:
    return any(key.get("kid") == key_id for key in jwks.get("keys", []))


def verify_webhook_signature(
    signature: str, body: bytes, jwks: dict[str, Any]
) -> VerifiedSignature:
    """Check a detached RS256 JWS over `body` against a JSON Web Key Set."""
    if not signature:
        raise SignatureError("Missing Saleor-Signature header.")
    key_id = signature_key_id(signature)
    header = api_jws.get_unverified_header(signature)
    if header.get("b64", True) is not False:
        raise SignatureError(
            "Saleor-Signature must have a detached, unencoded payload (b64: false)."
        )
    if not jwks_has_key(jwks, key_id):
        raise UnknownSigningKey(f"Saleor-Signature is signed with an unknown key {key_id!r}.")
    try:
        key_set = jwt.PyJWKSet.from_dict(jwks)
        public_key = key_set[key_id]
    except (jwt.PyJWKSetError, KeyError) as error:
        raise UnknownSigningKey(f"No usable key {key_id!r} in the Saleor key set.") from error
    try:
        api_jws.decode_complete(
            signature, key=public_key.key, algorithms=["RS256"], detached_payload=body
        )
    except jwt.PyJWTError as error:
        raise SignatureError("Saleor-Signature does not match the body.") from error
    return VerifiedSignature(key_id=key_id, algorithm="RS256")
