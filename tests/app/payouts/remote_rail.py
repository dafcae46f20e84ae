"""An automatic payout rail over an in-memory remote that keeps transfers by idempotency key,
as Stripe does, with faults for the next calls: "down" (the call never arrives), "lose_answer"
(carried out, its answer lost: a timeout or a killed worker), "refuse" (a definitive
refusal). It stands in for Stripe Connect until that rail lands; the driver under test
(`payout_flow`) is the real one."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from storefront_plugins.payouts.models import Rail
from storefront_plugins.payouts.rails.base import (
    OutcomeStatus,
    PayoutInstruction,
    RailOutcome,
    RailUnavailable,
)
from storefront_plugins.payouts.splits import Party


@dataclass
class RemoteRail:
    name: str = Rail.STRIPE_CONNECT.value
    automatic: bool = True
    cancellable_when_submitted: bool = False
    transfers: dict[str, tuple[int, str]] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)

    def accepts(self, parties: Sequence[Party]) -> frozenset[Party]:
        return frozenset(parties)

    def submit(self, instruction: PayoutInstruction) -> RailOutcome:
        self.calls.append(("submit", instruction.idempotency_key))
        fault = self.faults.pop(0) if self.faults else ""
        if fault == "down":
            raise RailUnavailable("connection refused")
        if fault == "refuse":
            return RailOutcome(OutcomeStatus.FAILED, message="account closed")
        reference = f"tr_{len(self.transfers) + 1}"
        self.transfers.setdefault(instruction.idempotency_key, (instruction.amount, reference))
        if fault == "lose_answer":
            raise RailUnavailable("read timeout")
        return RailOutcome(OutcomeStatus.PAID, self.transfers[instruction.idempotency_key][1])

    def check(self, instruction: PayoutInstruction) -> RailOutcome:
        self.calls.append(("check", instruction.idempotency_key))
        if instruction.idempotency_key not in self.transfers:
            return RailOutcome(OutcomeStatus.NOT_FOUND)
        return RailOutcome(OutcomeStatus.PAID, self.transfers[instruction.idempotency_key][1])
