"""A payout's life: the only writer of payout states, and of the ledger moves they imply.

- `transition_to(payout_id, to_state, ...)` locks the payout (`select_for_update`), checks the
  transition table (`states.check_transition`; illegal ones raise `IllegalTransition`),
  moves the money (paid: `ledger.settle_payout`; failed or cancelled: `ledger.fail_payout`,
  back to PAYABLE), writes a `PayoutEvent`, and closes the run when its last payout is final:
  one transaction.
- `submit_payout(payout_id)` (automatic rails, from a task): created -> submitted is
  committed *before* the rail is called, so a crash after the call leaves a `submitted`
  payout that the reconciliation settles, never a `created` one that would be sent again
  under another key. The rail is called with the payout's idempotency key; its answer is
  applied by `apply_outcome` (a payout no longer `submitted` is left alone; the transfers
  of a per-order payout's items are kept with it).
- `reconcile_payouts(now)` (beat): automatic-rail payouts `created` or `submitted` for longer
  than `SOUK_PAYOUT_RECONCILE_AFTER` seconds. Created: submitted now (its task was lost).
  Submitted: the rail is asked (`check`); paid or failed is applied; NOT_FOUND (the call
  never reached the rail) is submitted again with the same key; PENDING or unreachable
  waits for the next pass. Manual rails' payouts wait for people and are not touched.
- `cancel_payout(viewer, user, payout_id, reason)`: a treasurer or manager cancels a
  payout not yet paid (a submitted one only on a rail that allows it: manual).
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import (
    Payout,
    PayoutEvent,
    PayoutRun,
    PayoutState,
    RunState,
)
from storefront_plugins.payouts.payout_access import access_payout_for_treasury
from storefront_plugins.payouts.rails.base import (
    OutcomeStatus,
    PayoutInstruction,
    RailOutcome,
    RailUnavailable,
)
from storefront_plugins.payouts.rails.registry import RailNotAvailable, available_rails, rail_for
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.states import (
    FINAL_STATES,
    RETURNS_TO_PAYABLE,
    SETTLES,
    IllegalTransition,
    check_transition,
)
from storefront_plugins.payouts.transfer_items import items_of, record_transfers

logger = logging.getLogger(__name__)


def party_of(payout: Payout) -> Party:
    return Party(PartyKind(payout.party_kind), payout.party_id)


def transfer_group_of(run_id: int) -> str:
    return f"souk-payout-run-{run_id}"


def instruction_for(payout: Payout) -> PayoutInstruction:
    method = payout.method
    return PayoutInstruction(
        payout_id=payout.pk,
        run_id=payout.run_id,
        party=party_of(payout),
        currency=payout.currency,
        amount=payout.amount,
        idempotency_key=payout.idempotency_key,
        transfer_group=transfer_group_of(payout.run_id),
        holder_name=method.holder_name,
        rib=method.rib,
        wallet_number=method.wallet_number,
        items=items_of([payout.pk]).get(payout.pk, ()),
    )


def state_error(message: str) -> ValidationError:
    return ValidationError({"id": ValidationError(message, code=PayoutErrorCode.INVALID_STATE)})


def transition_to(
    payout_id: int,
    to_state: PayoutState,
    *,
    actor: User | None = None,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
) -> Payout:
    """Moves the payout to `to_state` with its money and its event, in one transaction;
    `changes` are other fields written with it (reference, proof, approver...)."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().select_related("method").get(pk=payout_id)
        from_state = PayoutState(payout.state)
        check_transition(from_state, to_state)
        party = party_of(payout)
        description = f"Payout {payout.pk} ({payout.idempotency_key}) {to_state}"
        if to_state in SETTLES:
            ledger.settle_payout(party, payout.currency, payout.amount, description)
        elif to_state in RETURNS_TO_PAYABLE:
            ledger.fail_payout(party, payout.currency, payout.amount, description)
        for field, value in (changes or {}).items():
            setattr(payout, field, value)
        payout.state = to_state
        payout.state_changed_at = timezone.now()
        payout.save()
        PayoutEvent.objects.create(
            payout=payout, from_state=from_state, to_state=to_state, actor=actor, note=note[:255]
        )
        if to_state in FINAL_STATES:
            close_run_if_done(payout.run_id)
        return payout


def close_run_if_done(run_id: int) -> bool:
    run = PayoutRun.objects.select_for_update().get(pk=run_id)
    if run.state != RunState.OPEN:
        return False
    if run.payouts.exclude(state__in=list(FINAL_STATES)).exists():
        return False
    run.state = RunState.CLOSED
    run.closed_at = timezone.now()
    run.save(update_fields=["state", "closed_at"])
    return True


# Automatic rails


@dataclass(frozen=True)
class SubmissionResult:
    payout_id: int
    state: PayoutState
    outcome: RailOutcome | None  # None: the rail was not called


def _begin_submission(payout_id: int) -> PayoutInstruction | None:
    """created -> submitted, committed: from here on a crash leaves it to the reconciliation."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().select_related("method").get(pk=payout_id)
        if payout.state != PayoutState.CREATED:
            return None
        try:
            rail = rail_for(payout.rail)
        except RailNotAvailable:
            return None
        if not rail.automatic:
            return None
        payout = transition_to(
            payout.pk,
            PayoutState.SUBMITTED,
            note="Sent to the rail.",
            changes={"submit_attempts": payout.submit_attempts + 1},
        )
        return instruction_for(payout)


def _call_rail(rail_name: str, instruction: PayoutInstruction, resubmit: bool) -> RailOutcome:
    rail = rail_for(rail_name)
    if not resubmit:
        return rail.submit(instruction)
    known = rail.check(instruction)
    return rail.submit(instruction) if known.status == OutcomeStatus.NOT_FOUND else known


def apply_outcome(payout_id: int, outcome: RailOutcome) -> Payout:
    """What a rail answered, applied to a payout still `submitted` (else left alone)."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        if payout.state != PayoutState.SUBMITTED:
            return payout
        record_transfers(outcome.item_references)
        reference = (
            {"external_reference": outcome.external_reference}
            if (outcome.external_reference)
            else {}
        )
        if outcome.status == OutcomeStatus.PAID:
            return transition_to(
                payout.pk, PayoutState.PAID, note=outcome.message, changes=reference
            )
        if outcome.status == OutcomeStatus.FAILED:
            return transition_to(
                payout.pk,
                PayoutState.FAILED,
                note=outcome.message,
                changes={**reference, "failure_reason": outcome.message[:255]},
            )
        if reference and payout.external_reference != outcome.external_reference:
            payout.external_reference = outcome.external_reference
            payout.save(update_fields=["external_reference"])
        return payout


def submit_payout(payout_id: int) -> SubmissionResult:
    """Sends a created payout on its automatic rail (idempotent: a payout already submitted,
    final, or on a manual rail is left as it is)."""
    instruction = _begin_submission(payout_id)
    if instruction is None:
        state = Payout.objects.values_list("state", flat=True).get(pk=payout_id)
        return SubmissionResult(payout_id, PayoutState(state), None)
    rail_name = Payout.objects.values_list("rail", flat=True).get(pk=payout_id)
    try:
        outcome = _call_rail(rail_name, instruction, resubmit=False)
    except RailUnavailable:
        # Unknown: the rail may have paid. Stays submitted for the reconciliation.
        return SubmissionResult(payout_id, PayoutState.SUBMITTED, None)
    payout = apply_outcome(payout_id, outcome)
    return SubmissionResult(payout_id, PayoutState(payout.state), outcome)


@dataclass(frozen=True)
class ReconciliationResult:
    payout_id: int
    from_state: PayoutState
    state: PayoutState
    outcome: RailOutcome | None


def reconcile_payout(payout_id: int) -> ReconciliationResult:
    payout = Payout.objects.select_related("method").get(pk=payout_id)
    from_state = PayoutState(payout.state)
    try:
        rail = rail_for(payout.rail)
    except RailNotAvailable:
        return ReconciliationResult(payout_id, from_state, from_state, None)
    if not rail.automatic or from_state in FINAL_STATES:
        return ReconciliationResult(payout_id, from_state, from_state, None)
    if from_state == PayoutState.CREATED:
        submitted = submit_payout(payout_id)
        return ReconciliationResult(payout_id, from_state, submitted.state, submitted.outcome)
    with transaction.atomic():
        locked = Payout.objects.select_for_update().get(pk=payout_id)
        locked.submit_attempts += 1
        locked.save(update_fields=["submit_attempts"])
    try:
        outcome = _call_rail(payout.rail, instruction_for(payout), resubmit=True)
    except RailUnavailable as error:
        if locked.submit_attempts == settings.SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS:
            logger.error(
                "Payout %s (%s, %s rail): after %d attempts its rail still cannot say whether it "
                "was paid (%s). It stays in transit; a treasurer should check it with the rail.",
                payout_id,
                payout.idempotency_key,
                payout.rail,
                locked.submit_attempts,
                error,
            )
        return ReconciliationResult(payout_id, from_state, from_state, None)
    payout = apply_outcome(payout_id, outcome)
    return ReconciliationResult(payout_id, from_state, PayoutState(payout.state), outcome)


def needs_attention(state: str, submit_attempts: int) -> bool:
    """A payout in transit whose rail has not answered for too many reconciliations."""
    return (
        state == PayoutState.SUBMITTED
        and submit_attempts >= settings.SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS
    )


def payouts_to_reconcile(now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    before = now - timedelta(seconds=settings.SOUK_PAYOUT_RECONCILE_AFTER)
    return list(
        Payout.objects.filter(
            state__in=[PayoutState.CREATED, PayoutState.SUBMITTED],
            state_changed_at__lte=before,
            rail__in=automatic_rails(),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def automatic_rails() -> list[str]:
    return sorted(name for name in available_rails() if rail_for(name).automatic)


def reconcile_payouts(now: datetime | None = None) -> list[ReconciliationResult]:
    """Every automatic-rail payout left in between: each in its own transactions."""
    return [reconcile_payout(pk) for pk in payouts_to_reconcile(now)]


# Cancelling


def cancel_payout(viewer: Viewer, user: User, payout_id: int, reason: str = "") -> Payout:
    access_payout_for_treasury(viewer, payout_id)
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        try:
            cancellable = rail_for(payout.rail).cancellable_when_submitted
        except RailNotAvailable:
            cancellable = False
        if payout.state == PayoutState.SUBMITTED and not cancellable:
            raise state_error("This payout was sent to its rail: it can no longer be cancelled.")
        try:
            return transition_to(
                payout.pk, PayoutState.CANCELLED, actor=user, note=reason or "Cancelled."
            )
        except IllegalTransition as error:
            raise state_error(
                f"This payout is {error.from_state}: it cannot be cancelled."
            ) from None
