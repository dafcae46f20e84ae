"""RFC 8785 (JSON Canonicalization Scheme) bytes for provenance claims and documents.

Pure: no ORM, no I/O. Floats are refused before canonicalization: money, shares and
quantities travel as strings or integers, so a signed document never depends on how a
platform prints a binary float.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

import rfc8785

DOCUMENT_TYPE = "SoukProvenanceCertificate"
DOCUMENT_VERSION = 1
# Certificate ids are UUIDv5 of the claim's digest in this namespace: an identical claim
# always yields the same certificate.
CERTIFICATE_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5e0f-9c7d-2b1a0e9f8d7c")
SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
SERIAL_LENGTH = 10
# I-JSON (RFC 7493) integers: what every JSON parser reads exactly.
MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalizationError(ValueError):
    """A value that has no canonical form here; `path` says where it is."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def check_canonicalizable(value: Any, path: str = "$") -> None:
    """Raise CanonicalizationError unless `value` is strings, integers, booleans, null,
    arrays and objects with string keys only."""
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalizationError(path, "integer outside ±(2**53 - 1); use a string.")
        return
    if isinstance(value, float):
        raise CanonicalizationError(
            path, "floats are not allowed; write amounts and quantities as strings or integers."
        )
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_canonicalizable(item, f"{path}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalizationError(path, f"object key {key!r} is not a string.")
            check_canonicalizable(item, f"{path}.{key}")
        return
    raise CanonicalizationError(path, f"{type(value).__name__} is not a JSON value.")


def canonicalize(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value without floats."""
    check_canonicalizable(value)
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as error:  # e.g. a lone surrogate in a string
        raise CanonicalizationError("$", str(error)) from error


def _reject_float(literal: str) -> Any:
    raise CanonicalizationError("$", f"float {literal} in the document.")


def parse_canonical(document: bytes) -> dict[str, Any]:
    """Parse a document and check it is exactly its own canonical form."""
    try:
        value = json.loads(document.decode("utf-8"), parse_float=_reject_float)
    except (UnicodeDecodeError, ValueError) as error:
        raise CanonicalizationError("$", f"not a JSON document: {error}") from error
    if not isinstance(value, dict):
        raise CanonicalizationError("$", "the document must be a JSON object.")
    if canonicalize(value) != document:
        raise CanonicalizationError("$", "the document is not in canonical (RFC 8785) form.")
    return value


def claim_digest(claim: dict[str, Any]) -> str:
    return hashlib.sha256(canonicalize(claim)).hexdigest()


@dataclass(frozen=True)
class CertificateIdentity:
    id: uuid.UUID
    serial: str


def certificate_identity(claim: dict[str, Any]) -> CertificateIdentity:
    """The id and serial a claim is certified under, derived from its canonical bytes."""
    digest = claim_digest(claim)
    certificate_id = uuid.uuid5(CERTIFICATE_NAMESPACE, digest)
    number = int.from_bytes(hashlib.sha256(certificate_id.bytes).digest()[:8], "big")
    serial = "".join(
        SERIAL_ALPHABET[(number >> (64 - 5 * (index + 1))) & 31] for index in range(SERIAL_LENGTH)
    )
    return CertificateIdentity(id=certificate_id, serial=serial)


def normalize_serial(serial: str) -> str:
    """Serials as people type them: any case, O for 0 and I or L for 1, hyphens ignored."""
    return serial.upper().replace("-", "").translate(str.maketrans("OIL", "011"))


def build_document(claim: dict[str, Any], identity: CertificateIdentity, *, issuer: str) -> bytes:
    """The canonical bytes that are signed: the claim under its certificate's identity."""
    return canonicalize(
        {
            "type": DOCUMENT_TYPE,
            "version": DOCUMENT_VERSION,
            "id": str(identity.id),
            "serial": identity.serial,
            "issuer": issuer,
            "claim": claim,
        }
    )
