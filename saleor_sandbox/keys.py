"""The sandbox's RSA key, as Saleor's `jwt_manager`: it signs staff JWTs and webhook bodies
(RS256, detached unencoded payload), and is published at `/.well-known/jwks.json` with a
`kid` that is the key's RFC 7638 thumbprint."""

import base64
import hashlib
import json
from functools import cache
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from jwt import api_jws
from jwt.algorithms import RSAAlgorithm

ALGORITHM = "RS256"


@cache
def private_key() -> rsa.RSAPrivateKey:
    pem = settings.RSA_PRIVATE_KEY.encode() if settings.RSA_PRIVATE_KEY else None
    path = settings.RSA_PRIVATE_KEY_PATH
    if pem is None and path.exists():
        pem = path.read_bytes()
    if pem is None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    loaded = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(loaded, rsa.RSAPrivateKey):
        raise TypeError("The sandbox's signing key must be an RSA key.")
    return loaded


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@cache
def public_jwk() -> dict[str, Any]:
    jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(private_key().public_key()))
    thumbprint_input = json.dumps(
        {"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True
    )
    kid = _b64url(hashlib.sha256(thumbprint_input.encode()).digest())
    return {
        "kty": "RSA",
        "key_ops": ["verify"],
        "n": jwk["n"],
        "e": jwk["e"],
        "use": "sig",
        "kid": kid,
        "alg": ALGORITHM,
    }


def key_id() -> str:
    return str(public_jwk()["kid"])


def jwks() -> dict[str, Any]:
    return {"keys": [public_jwk()]}


def sign_webhook_body(body: bytes) -> str:
    """What Saleor sends as `Saleor-Signature`: `<header>..<signature>`."""
    return api_jws.encode(
        body,
        key=private_key(),
        algorithm=ALGORITHM,
        headers={"kid": key_id(), "crit": ["b64"], "b64": False},
        is_payload_detached=True,
    )


def encode_jwt(payload: dict[str, Any]) -> str:
    return jwt.encode(payload, private_key(), algorithm=ALGORITHM, headers={"kid": key_id()})


def decode_jwt(token: str) -> dict[str, Any]:
    """Raises jwt.ExpiredSignatureError or jwt.InvalidTokenError. As Saleor, an app's
    `aud` is not checked here."""
    payload: dict[str, Any] = jwt.decode(
        token,
        private_key().public_key(),
        algorithms=[ALGORITHM],
        options={"require": ["exp"], "verify_aud": False},
    )
    return payload
