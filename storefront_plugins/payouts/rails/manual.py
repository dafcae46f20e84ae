"""Manual rails: bank transfers (RIB), cash and mobile-wallet payments that a treasurer makes
outside the platform and records (`manual_payments.record_manual_payment`) with a reference,
the date and a proof document; pure checks of what they record.

Nothing is sent by the platform, so `submit` is never called by a task and `check` answers
PENDING: a manual payout waits for a person, never for the reconciliation.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from storefront_plugins.payouts.rails.base import OutcomeStatus, PayoutInstruction, RailOutcome
from storefront_plugins.payouts.splits import Party

MAX_PROOF_BYTES = 5 * 1024 * 1024
# Magic bytes of the documents a treasurer may attach (a bank's PDF, a photo of a receipt).
PROOF_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


@dataclass(frozen=True)
class ProofKind:
    content_type: str
    extension: str


def sniff_proof(head: bytes) -> ProofKind | None:
    """The document's kind from its first bytes (never from its name or declared type)."""
    for signature, content_type, extension in PROOF_SIGNATURES:
        if head.startswith(signature):
            return ProofKind(content_type, extension)
    return None


@dataclass(frozen=True)
class ManualRail:
    name: str
    automatic: bool = False
    cancellable_when_submitted: bool = True

    def accepts(self, parties: Sequence[Party]) -> frozenset[Party]:
        return frozenset(parties)

    def submit(self, instruction: PayoutInstruction) -> RailOutcome:
        return RailOutcome(OutcomeStatus.PENDING, message="Waiting for the treasurer.")

    def check(self, instruction: PayoutInstruction) -> RailOutcome:
        return RailOutcome(OutcomeStatus.PENDING, message="Waiting for the treasurer.")
