"""Private signing keys at rest: Fernet with a key derived from SECRET_KEY by HKDF (pure).

Changing SECRET_KEY makes the stored private keys unreadable; their public keys still
verify every certificate they signed, and `rotate_certificate_key` makes a new signer.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

HKDF_INFO = b"souk/provenance/certificate-signing-key/v1"


class UnreadablePrivateKey(Exception):
    """The key was encrypted under another SECRET_KEY (or the ciphertext was altered)."""


def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(
        secret_key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt_private_key(private_key: Ed25519PrivateKey, secret_key: str) -> str:
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return _fernet(secret_key).encrypt(raw).decode("ascii")


def decrypt_private_key(token: str, secret_key: str) -> Ed25519PrivateKey:
    try:
        raw = _fernet(secret_key).decrypt(token.encode("ascii"))
    except InvalidToken as error:
        raise UnreadablePrivateKey(
            "The private key cannot be decrypted with this SECRET_KEY."
        ) from error
    return Ed25519PrivateKey.from_private_bytes(raw)
