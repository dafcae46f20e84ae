"""The interface every payout rail implements, and what it answers.

A rail is told about a payout with a `PayoutInstruction` (no ORM object: rails never write
payouts; `payout_flow` applies what they answer under a lock).

- `accepts(parties)`: those the rail can pay now (Stripe: an account with active transfers);
  a run skips the others and leaves their money payable.
- `submit(instruction) -> RailOutcome`: sends the money. It must be idempotent on
  `instruction.idempotency_key` (Stripe: the Idempotency-Key header; a bank API: its own
  end-to-end id), because a payout may be submitted again after a crash.
- `check(instruction) -> RailOutcome`: what the rail knows of the payout, for the
  reconciliation of payouts left `submitted` (a crash or timeout after the call). NOT_FOUND
  means the rail never received it: the reconciliation submits it again with the same key.
- A rail that pays per order (Stripe Connect) reads `instruction.items` (their amounts sum
  to the payout's) and answers each item's transfer in `RailOutcome.item_references`.
- A network error, a timeout or a 5xx raises `RailUnavailable`: the outcome is unknown, the
  payout stays `submitted`, the reconciliation asks again later.

Manual rails (`automatic = False`) are never submitted by a task: a treasurer records the
payment (`rails.manual`); their `check` answers PENDING.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from storefront_plugins.payouts.splits import Party


class OutcomeStatus(StrEnum):
    PAID = "paid"  # the money has left the platform for the party
    PENDING = "pending"  # accepted, not final yet
    FAILED = "failed"  # refused for good: the money goes back to PAYABLE
    NOT_FOUND = "not_found"  # (check) the rail never received this payout


@dataclass(frozen=True)
class RailOutcome:
    status: OutcomeStatus
    external_reference: str = ""
    message: str = ""
    # (item id, the rail's reference of its transfer): per-order transfers (Stripe Connect).
    item_references: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class TransferItem:
    """A part of a payout paid by its own transfer (Stripe Connect: one per Saleor order)."""

    item_id: int
    amount: int
    idempotency_key: str
    saleor_order_id: str  # "" for money tied to no order
    charge_reference: str  # the order's Saleor transaction pspReference, or ""
    transfer_id: str  # "" until the rail answered


@dataclass(frozen=True)
class PayoutInstruction:
    payout_id: int
    run_id: int
    party: Party
    currency: str
    amount: int  # minor units
    idempotency_key: str
    transfer_group: str  # one per run: "souk-payout-run-<run id>"
    holder_name: str
    rib: str
    wallet_number: str
    items: tuple[TransferItem, ...] = ()  # empty on manual rails: one amount per payout


class RailUnavailable(Exception):
    """The rail could not be reached or answered 5xx: the outcome is unknown."""


class PayoutRail(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def automatic(self) -> bool:
        """Submitted by a task (True) or recorded by a treasurer (False)."""
        ...

    @property
    def cancellable_when_submitted(self) -> bool:
        """A submitted payout may still be cancelled (a manual record not yet approved)."""
        ...

    def accepts(self, parties: Sequence[Party]) -> frozenset[Party]:
        """Which of these parties the rail can pay now (a run skips the others)."""
        ...

    def submit(self, instruction: PayoutInstruction) -> RailOutcome: ...

    def check(self, instruction: PayoutInstruction) -> RailOutcome: ...
