"""Manual rails' services: a treasurer records a payment made outside the platform, a second
person approves it when the run requires it.

- `record_manual_payment(viewer, user, RecordInput)`: a created payout on a manual rail
  (bank transfer, cash, mobile wallet); the reference (the bank's, the receipt's number or
  the wallet's transaction id), the date paid (not in the future) and a proof document
  (PDF, JPEG or PNG by its magic bytes, at most `MAX_PROOF_BYTES`) stored through Django's
  default storage (django-storages' S3 in production). created -> submitted; then, when the
  run does not require a second approval, submitted -> paid at once (`ledger.settle_payout`).
- `approve_payout(viewer, user, payout_id)`: submitted -> paid, by a treasurer or manager
  other than the one who recorded it (SAME_APPROVER).
- Refusing a recorded payment is `payout_flow.cancel_payout` (money back to PAYABLE).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import Payout, PayoutRun, PayoutState
from storefront_plugins.payouts.payout_access import access_payout_for_treasury
from storefront_plugins.payouts.payout_flow import state_error, transition_to
from storefront_plugins.payouts.rails.manual import MAX_PROOF_BYTES, ProofKind, sniff_proof
from storefront_plugins.payouts.rails.registry import RailNotAvailable, rail_for


@dataclass(frozen=True)
class RecordInput:
    payout_id: int
    reference: str
    paid_on: date
    proof: bytes | None


def _error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def validate_record(record: RecordInput) -> ProofKind:
    reference = record.reference.strip()
    if not reference:
        raise _error("reference", "The payment's reference.", PayoutErrorCode.REQUIRED)
    if len(reference) > 255:
        raise _error("reference", "At most 255 characters.", PayoutErrorCode.OUT_OF_RANGE)
    if record.paid_on > timezone.localdate():
        raise _error("paidOn", "A payment made, not a future one.", PayoutErrorCode.OUT_OF_RANGE)
    if not record.proof:
        raise _error("proof", "A proof of the payment.", PayoutErrorCode.REQUIRED)
    if len(record.proof) > MAX_PROOF_BYTES:
        raise _error(
            "proof",
            f"At most {MAX_PROOF_BYTES // (1024 * 1024)} MB.",
            PayoutErrorCode.PROOF_TOO_LARGE,
        )
    kind = sniff_proof(record.proof[:16])
    if kind is None:
        raise _error("proof", "A PDF, JPEG or PNG document.", PayoutErrorCode.PROOF_INVALID_TYPE)
    return kind


def _manual(payout: Payout) -> None:
    try:
        automatic = rail_for(payout.rail).automatic
    except RailNotAvailable:
        automatic = True
    if automatic:
        raise state_error("This payout is paid by its rail, not recorded by hand.")


def record_manual_payment(viewer: Viewer, user: User, record: RecordInput) -> Payout:
    access_payout_for_treasury(viewer, record.payout_id)
    kind = validate_record(record)
    stored: list[str] = []
    try:
        return _record(user, record, kind, stored)
    except BaseException:
        # The proof is stored before the transaction commits (a payout never points at a
        # missing file); when the transaction does not commit, the file goes too.
        for name in stored:
            Payout.proof.field.storage.delete(name)
        raise


def _record(user: User, record: RecordInput, kind: ProofKind, stored: list[str]) -> Payout:
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=record.payout_id)
        _manual(payout)
        if payout.state != PayoutState.CREATED:
            raise state_error(f"This payout is {payout.state}: its payment is already recorded.")
        run = PayoutRun.objects.get(pk=payout.run_id)
        payout.proof.save(f"proof.{kind.extension}", ContentFile(record.proof or b""), save=False)
        stored.append(str(payout.proof.name))
        payout = transition_to(
            payout.pk,
            PayoutState.SUBMITTED,
            actor=user,
            note=f"Payment recorded: {record.reference.strip()}"[:255],
            changes={
                "external_reference": record.reference.strip(),
                "paid_on": record.paid_on,
                "proof": payout.proof.name,
                "recorded_by": user,
            },
        )
        if not run.requires_second_approval:
            payout = transition_to(
                payout.pk, PayoutState.PAID, actor=user, note="No second approval required."
            )
        return payout


def approve_payout(viewer: Viewer, user: User, payout_id: int) -> Payout:
    access_payout_for_treasury(viewer, payout_id)
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        _manual(payout)
        if payout.state != PayoutState.SUBMITTED:
            raise state_error(f"This payout is {payout.state}: there is nothing to approve.")
        if payout.recorded_by_id == user.pk:
            raise _error(
                "id",
                "Someone other than the treasurer who recorded the payment approves it.",
                PayoutErrorCode.SAME_APPROVER,
            )
        return transition_to(
            payout.pk,
            PayoutState.PAID,
            actor=user,
            note="Approved.",
            changes={"approved_by": user},
        )
