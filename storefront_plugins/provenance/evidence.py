"""Evidence documents of certifications: which files are accepted (pure decisions).

The type is read from the file's first bytes, never from its name or the Content-Type the
client sent: a renamed executable is not a PDF."""

from dataclasses import dataclass
from enum import StrEnum

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024  # 10 MiB: a scanned certificate, a few photos
SNIFF_BYTES = 8


class EvidenceType(StrEnum):
    PDF = "pdf"
    JPEG = "jpg"
    PNG = "png"


_MAGIC: tuple[tuple[bytes, EvidenceType], ...] = (
    (b"%PDF-", EvidenceType.PDF),
    (b"\xff\xd8\xff", EvidenceType.JPEG),
    (b"\x89PNG\r\n\x1a\n", EvidenceType.PNG),
)

CONTENT_TYPES = {
    EvidenceType.PDF: "application/pdf",
    EvidenceType.JPEG: "image/jpeg",
    EvidenceType.PNG: "image/png",
}


@dataclass(frozen=True)
class EvidenceRefusal:
    code: str  # a ProvenanceErrorCode value
    message: str


def sniff_evidence_type(head: bytes) -> EvidenceType | None:
    """PDF, JPEG or PNG by their magic bytes; None for anything else."""
    for magic, evidence_type in _MAGIC:
        if head.startswith(magic):
            return evidence_type
    return None


def refuse_evidence(size: int, head: bytes) -> EvidenceRefusal | None:
    """Why a file of `size` bytes starting with `head` is not accepted, or None."""
    if size <= 0:
        return EvidenceRefusal("REQUIRED", "The file is empty.")
    if size > MAX_EVIDENCE_BYTES:
        return EvidenceRefusal(
            "FILE_TOO_LARGE", f"A document is at most {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB."
        )
    if sniff_evidence_type(head) is None:
        return EvidenceRefusal("UNSUPPORTED_FILE_TYPE", "Send a PDF, JPEG or PNG document.")
    return None
