"""The only writers of signing keys and certificates, and the checks shoppers run."""

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from storefront_plugins.provenance.certificates.canonical import (
    CanonicalizationError,
    build_document,
    canonicalize,
    certificate_identity,
    normalize_serial,
)
from storefront_plugins.provenance.certificates.claims import validate_claim
from storefront_plugins.provenance.certificates.key_encryption import (
    UnreadablePrivateKey,
    decrypt_private_key,
    encrypt_private_key,
)
from storefront_plugins.provenance.certificates.signing import (
    SignatureCheck,
    key_thumbprint,
    public_jwk,
    public_key_bytes,
    sign_document,
    verify_document,
)
from storefront_plugins.provenance.error_codes import CertificateErrorCode
from storefront_plugins.provenance.models import Certificate, ProductProvenance, SigningKey

logger = logging.getLogger(__name__)


class CertificateError(Exception):
    def __init__(self, code: CertificateErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


# Keys


def _lock(name: str) -> None:
    """A transaction-scoped PostgreSQL advisory lock: serializes writers of one thing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


def _new_signing_key() -> SigningKey:
    private_key = Ed25519PrivateKey.generate()
    raw_public = public_key_bytes(private_key.public_key())
    return SigningKey.objects.create(
        kid=key_thumbprint(raw_public),
        public_key=raw_public,
        private_key_encrypted=encrypt_private_key(private_key, settings.SECRET_KEY),
        active=True,
    )


@dataclass(frozen=True)
class KeyRotation:
    new_key: SigningKey
    retired_key: SigningKey | None


def rotate_signing_key() -> KeyRotation:
    """Retire the active key (it keeps verifying) and make a new one that signs from now on."""
    with transaction.atomic():
        _lock("provenance.signing-key")
        retired = SigningKey.objects.filter(active=True).first()
        if retired is not None:
            retired.active = False
            retired.retired_at = timezone.now()
            retired.save(update_fields=["active", "retired_at"])
        new_key = _new_signing_key()
    logger.info("Certificate signing key %s is active; %s retired.", new_key.kid, retired)
    return KeyRotation(new_key=new_key, retired_key=retired)


def active_signing_key() -> SigningKey:
    """The key that signs now, made on first use. Call inside a transaction."""
    _lock("provenance.signing-key")
    key = SigningKey.objects.filter(active=True).first()
    return key if key is not None else _new_signing_key()


def public_key_set() -> dict[str, Any]:
    """Every key that ever signed, as a JWK Set (RFC 7517), the active key first."""
    keys = SigningKey.objects.order_by("-active", "-created_at")
    return {"keys": [public_jwk(bytes(key.public_key)) for key in keys]}


def _public_keys() -> dict[str, bytes]:
    return {kid: bytes(raw) for kid, raw in SigningKey.objects.values_list("kid", "public_key")}


# Issuing and revoking


def issue_certificate(claim: dict[str, Any]) -> Certificate:
    """Sign a provenance claim, or return the certificate of an identical claim.

    A new claim for the same product (and variant) supersedes the current certificate; the
    old one keeps verifying and shows "superseded". Re-issuing a superseded claim makes it
    current again; a revoked certificate stays revoked (change the claim to re-certify).
    """
    try:
        subject = validate_claim(claim)
        identity = certificate_identity(claim)
    except ValueError as error:
        field = getattr(error, "field", None) or getattr(error, "path", None)
        raise CertificateError(CertificateErrorCode.INVALID_CLAIM, str(error), field) from error

    with transaction.atomic():
        _lock(f"provenance.certificate:{subject.product_id}:{subject.variant_id}")
        now = timezone.now()
        current = (
            Certificate.objects.select_for_update()
            .filter(
                product_id=subject.product_id,
                variant_id=subject.variant_id,
                superseded_at__isnull=True,
            )
            .first()
        )
        existing = Certificate.objects.select_for_update().filter(pk=identity.id).first()
        if existing is not None:
            if current is not None and current.pk != existing.pk and existing.revoked_at is None:
                _supersede(current, by=existing, at=now)
                existing.superseded_at = None
                existing.superseded_by = None
                existing.save(update_fields=["superseded_at", "superseded_by"])
            return existing

        key = active_signing_key()
        document = build_document(claim, identity, issuer=settings.PUBLIC_URL)
        try:
            private_key = decrypt_private_key(key.private_key_encrypted, settings.SECRET_KEY)
        except UnreadablePrivateKey as error:
            raise CertificateError(
                CertificateErrorCode.NO_SIGNING_KEY,
                f"{error} Run `manage.py rotate_certificate_key` to make a new signing key.",
            ) from error
        signature = sign_document(document, private_key)
        if current is not None:
            # Free the subject's "current" slot before the new row takes it.
            Certificate.objects.filter(pk=current.pk).update(superseded_at=now)
        certificate = Certificate.objects.create(
            id=identity.id,
            serial=identity.serial,
            product_id=subject.product_id,
            variant_id=subject.variant_id,
            gtin=subject.gtin,
            document=document.decode("utf-8"),
            signature=signature,
            signing_key=key,
            issued_at=now,
        )
        if current is not None:
            _supersede(current, by=certificate, at=now)
    logger.info("Certificate %s issued for %s.", certificate.serial, subject.product_id)
    return certificate


def _supersede(certificate: Certificate, *, by: Certificate, at: datetime) -> None:
    certificate.superseded_at = at
    certificate.superseded_by = by
    certificate.save(update_fields=["superseded_at", "superseded_by"])


def revoke_certificate(certificate_id: uuid.UUID | str, reason: str) -> Certificate:
    """Revoke a certificate for good; revoking it again keeps the first date and reason."""
    if not reason or not reason.strip():
        raise CertificateError(
            CertificateErrorCode.REVOCATION_REASON_REQUIRED, "Say why it is revoked.", "reason"
        )
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None:
            raise CertificateError(
                CertificateErrorCode.UNKNOWN_CERTIFICATE, f"No certificate {certificate_id}."
            )
        if certificate.revoked_at is None:
            certificate.revoked_at = timezone.now()
            certificate.revocation_reason = reason.strip()
            certificate.save(update_fields=["revoked_at", "revocation_reason"])
    return certificate


# Verifying


class CertificateStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    INVALID = "invalid"


@dataclass(frozen=True)
class CertificateCheck:
    status: CertificateStatus
    document: dict[str, Any] | None
    canonical_document: str
    signature: str
    key_id: str
    checked_at: datetime
    certificate: Certificate | None = None
    error: CertificateErrorCode | None = None
    message: str = ""
    # When the piece was withdrawn from sale (deleted in Saleor). It says nothing against the
    # certificate: what it certifies stays true, so its status is unchanged.
    withdrawn_at: datetime | None = None

    @property
    def valid(self) -> bool:
        return self.status is CertificateStatus.VALID

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "valid": self.valid,
            "status": self.status.value,
            "document": self.document,
            "canonicalDocument": self.canonical_document,
            "signature": self.signature,
            "keyId": self.key_id,
            "checkedAt": self.checked_at.isoformat().replace("+00:00", "Z"),
        }
        if self.error is not None:
            result["error"] = {"code": self.error.value, "message": self.message}
        certificate = self.certificate
        if certificate is not None:
            result["serial"] = certificate.serial
            result["issuedAt"] = certificate.issued_at.isoformat().replace("+00:00", "Z")
            if certificate.revoked_at is not None:
                result["revokedAt"] = certificate.revoked_at.isoformat().replace("+00:00", "Z")
                result["revocationReason"] = certificate.revocation_reason
            if certificate.superseded_by is not None:
                result["supersededBy"] = certificate.superseded_by.serial
        if self.withdrawn_at is not None:
            result["withdrawnAt"] = self.withdrawn_at.isoformat().replace("+00:00", "Z")
        return result


def find_certificate(reference: str) -> Certificate | None:
    """A certificate by its UUID or its serial (as people type it)."""
    queryset = Certificate.objects.select_related("superseded_by")
    try:
        return queryset.filter(pk=uuid.UUID(reference)).first()
    except ValueError:
        return queryset.filter(serial=normalize_serial(reference)).first()


def _status_of(certificate: Certificate) -> CertificateStatus:
    if certificate.revoked_at is not None:
        return CertificateStatus.REVOKED
    if certificate.superseded_at is not None:
        return CertificateStatus.SUPERSEDED
    return CertificateStatus.VALID


def _check(
    document: bytes, signature: str, key_id: str, certificate: Certificate | None
) -> CertificateCheck:
    outcome: SignatureCheck = verify_document(document, signature, key_id, _public_keys())
    status = CertificateStatus.INVALID
    error, message = outcome.error, outcome.message
    if outcome.valid and certificate is not None:
        if outcome.document is not None and outcome.document.get("serial") != certificate.serial:
            error = CertificateErrorCode.MALFORMED_DOCUMENT
            message = "The document belongs to another certificate."
        else:
            status = _status_of(certificate)
    elif outcome.valid:
        status = CertificateStatus.VALID
    try:
        parsed = outcome.document or json.loads(document)
    except ValueError:
        parsed = None
    return CertificateCheck(
        status=status,
        document=parsed if isinstance(parsed, dict) else None,
        canonical_document=document.decode("utf-8", errors="replace"),
        signature=signature,
        key_id=key_id,
        checked_at=timezone.now(),
        certificate=certificate,
        error=error,
        message=message,
        withdrawn_at=_withdrawn_at(certificate) if certificate is not None else None,
    )


def _withdrawn_at(certificate: Certificate) -> datetime | None:
    """When the certified piece was deleted from Saleor, if it was."""
    return (
        ProductProvenance.objects.filter(
            saleor_product_id=certificate.product_id, saleor_variant_id=certificate.variant_id
        )
        .values_list("removed_from_saleor_at", flat=True)
        .first()
    )


def check_certificate(certificate: Certificate) -> CertificateCheck:
    """Check a stored certificate: its signature, then whether it is revoked or superseded."""
    return _check(
        certificate.document_bytes, certificate.signature, certificate.signing_key_id, certificate
    )


def check_document(document: Any, signature: Any, key_id: Any) -> CertificateCheck:
    """Check an offline copy: the document as its exact text or as a JSON object."""
    if not isinstance(signature, str) or not isinstance(key_id, str):
        raise CertificateError(
            CertificateErrorCode.MALFORMED_DOCUMENT, '"signature" and "keyId" are strings.'
        )
    if isinstance(document, str):
        document_bytes = document.encode("utf-8")
    elif isinstance(document, dict):
        try:
            document_bytes = canonicalize(document)
        except CanonicalizationError as error:
            raise CertificateError(
                CertificateErrorCode.NOT_CANONICALIZABLE, str(error), "document"
            ) from error
    else:
        raise CertificateError(
            CertificateErrorCode.MALFORMED_DOCUMENT,
            '"document" is the signed JSON object or its exact text.',
            "document",
        )
    certificate = None
    try:
        claimed = json.loads(document_bytes)
        if isinstance(claimed, dict) and isinstance(claimed.get("id"), str):
            certificate = find_certificate(claimed["id"])
    except ValueError:
        pass
    return _check(document_bytes, signature, key_id, certificate)
