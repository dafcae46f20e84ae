"""Refunds after a Stripe payout: reverse the order's transfer rather than wait to net the debt.

- `plan_reversals(order, refund_key, reversed_payable)` runs in the refund's posting
  transaction (`services.post_order_refund`), once per refund state (its `OrderPosting` key):
  for each party whose PAYABLE a refund reversed (`reversed_payable`, minor units > 0), the
  order's items that paid it through a Stripe transfer (payout paid, transfer known), newest
  first, each up to what is not yet reversed (pending or reversed reversals counted), get a
  `TransferReversal` with the Idempotency-Key "souk-reversal-<refund key>-<party>-<item>":
  a duplicate or reordered refund event posts nothing new, so it reverses nothing twice.
  The Stripe calls are queued on commit (`tasks.reverse_transfer`), never made inside the
  webhook's transaction. What no transfer covers stays a debt, netted from later payouts.
- `reverse_transfer(reversal_id)`: `POST /v1/transfers/<id>/reversals` with the amount and
  the key. Reversed: posted once (PAYOUT, tied to the order: the party's PAYABLE +amount, the
  platform's CLEARING -amount: the money is back in the platform's balance, the debt
  cleared). Refused (the connected account's balance cannot cover it, the transfer already
  reversed): final, the debt stays in the ledger for later payouts to net. Network errors,
  timeouts, 409, 429 and 5xx raise `ReversalUnavailable`: the task retries with backoff, a
  bounded number of times; `pending_reversals(before)` are queued again by the
  reconciliation beat.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import stripe
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.ledger import EntryLine
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerOrder,
    PayoutItem,
    PayoutState,
    ReversalState,
    TransactionKind,
    TransferReversal,
)
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient, stripe_client


class ReversalUnavailable(Exception):
    """Stripe could not be reached or answered 5xx/429/409: try again with the same key."""


@dataclass(frozen=True)
class ReversalResult:
    reversal_id: int
    state: ReversalState
    stripe_reversal_id: str
    message: str = ""


def reversal_key(refund_key: str, party: Party, item_id: int) -> str:
    return f"souk-reversal-{refund_key}-{party.kind}-{party.id}-{item_id}"


def plan_reversals(
    order: LedgerOrder, refund_key: str, reversed_payable: Mapping[Party, int]
) -> list[int]:
    """The reversals this refund state asks of Stripe (in the caller's transaction; their
    tasks are queued on commit). Returns their ids."""
    created: list[int] = []
    for party, wanted in sorted(reversed_payable.items(), key=lambda kv: (kv[0].kind, kv[0].id)):
        if wanted <= 0 or party == PLATFORM:
            continue
        items = (
            PayoutItem.objects.filter(
                order=order,
                payout__party_kind=party.kind,
                payout__party_id=party.id,
                payout__state=PayoutState.PAID,
            )
            .exclude(stripe_transfer_id="")
            .annotate(
                reversed_amount=Coalesce(
                    Sum("reversals__amount", filter=~Q(reversals__state=ReversalState.REFUSED)), 0
                )
            )
            .order_by("-pk")
        )
        for item in items:
            amount = min(wanted, item.amount - item.reversed_amount)
            if amount <= 0:
                continue
            reversal = TransferReversal.objects.create(
                item=item,
                refund_key=refund_key,
                amount=amount,
                idempotency_key=reversal_key(refund_key, party, item.pk),
            )
            created.append(reversal.pk)
            wanted -= amount
            if wanted == 0:
                break
    if created:
        from storefront_plugins.payouts.tasks import queue_reversals  # tasks import services

        transaction.on_commit(lambda: queue_reversals(created))
    return created


def reverse_transfer(reversal_id: int) -> ReversalResult:
    """Asks Stripe for a pending reversal and applies its answer (idempotent)."""
    with transaction.atomic():
        reversal = (
            TransferReversal.objects.select_for_update(of=("self",))
            .select_related("item__payout", "item__order")
            .get(pk=reversal_id)
        )
        if reversal.state != ReversalState.PENDING:
            return _result(reversal)
        reversal.attempts += 1
        reversal.save(update_fields=["attempts", "updated_at"])
    item = reversal.item
    try:
        answer = stripe_client().v1.transfers.reversals.create(
            item.stripe_transfer_id,
            params={
                "amount": reversal.amount,
                "metadata": {
                    "souk_reversal_key": reversal.idempotency_key,
                    "souk_order": item.order.saleor_order_id if item.order else "",
                    "souk_party": f"{item.payout.party_kind}:{item.payout.party_id}",
                },
            },
            options={"idempotency_key": reversal.idempotency_key},
        )
    except StripeUnavailable as error:
        raise ReversalUnavailable(error.message) from error
    except stripe.StripeError as error:
        if is_transient(error):
            raise ReversalUnavailable(str(error)) from error
        return _refused(reversal_id, (error.user_message or str(error))[:255])
    return _reversed(reversal_id, str(answer.id))


def _result(reversal: TransferReversal) -> ReversalResult:
    return ReversalResult(
        reversal.pk,
        ReversalState(reversal.state),
        reversal.stripe_reversal_id,
        reversal.failure_reason,
    )


def _refused(reversal_id: int, message: str) -> ReversalResult:
    with transaction.atomic():
        reversal = TransferReversal.objects.select_for_update().get(pk=reversal_id)
        if reversal.state == ReversalState.PENDING:
            reversal.state = ReversalState.REFUSED
            reversal.failure_reason = message
            reversal.save(update_fields=["state", "failure_reason", "updated_at"])
        return _result(reversal)


def _reversed(reversal_id: int, stripe_reversal_id: str) -> ReversalResult:
    with transaction.atomic():
        reversal = (
            TransferReversal.objects.select_for_update(of=("self",))
            .select_related("item__payout", "item__order")
            .get(pk=reversal_id)
        )
        if reversal.state != ReversalState.PENDING:
            return _result(reversal)
        payout = reversal.item.payout
        party = Party(PartyKind(payout.party_kind), payout.party_id)
        order = reversal.item.order
        label = order.order_number or order.saleor_order_id if order else f"payout {payout.pk}"
        reversal.transaction = ledger.post(
            TransactionKind.PAYOUT,
            payout.currency,
            [
                EntryLine(party, AccountKind.PAYABLE, reversal.amount),
                EntryLine(PLATFORM, AccountKind.CLEARING, -reversal.amount),
            ],
            order=order,
            description=f"Transfer {reversal.item.stripe_transfer_id} reversed: {label} refund",
        )
        reversal.state = ReversalState.REVERSED
        reversal.stripe_reversal_id = stripe_reversal_id
        reversal.save(update_fields=["transaction", "state", "stripe_reversal_id", "updated_at"])
        return _result(reversal)


def pending_reversals(before: datetime) -> list[int]:
    """Reversals still pending (their task gave up or was lost) last tried before `before`."""
    return list(
        TransferReversal.objects.filter(state=ReversalState.PENDING, updated_at__lte=before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
