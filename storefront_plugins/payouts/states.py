"""A payout's state machine: the transition table, pure.

    created ──submit──▶ submitted ──▶ paid
       │                   │
       ├──▶ failed ◀───────┤
       └──▶ cancelled ◀────┘

- created: the amount is in the party's PAYOUTS_IN_TRANSIT account; nothing sent yet.
- submitted: sent to an automatic rail (its outcome may be unknown: the reconciliation asks
  the rail) or, on a manual rail, recorded by a treasurer and waiting for a second approval.
- paid (ledger: settled), failed and cancelled (ledger: back to PAYABLE) are final.
A submitted payout is cancelled only on a manual rail (a recorded payment refused by the
approver); that rule is the rail's (`Rail.cancellable_when_submitted`), not the table's.
"""

from storefront_plugins.payouts.models import PayoutState

TRANSITIONS: dict[PayoutState, frozenset[PayoutState]] = {
    PayoutState.CREATED: frozenset(
        {PayoutState.SUBMITTED, PayoutState.FAILED, PayoutState.CANCELLED}
    ),
    PayoutState.SUBMITTED: frozenset({PayoutState.PAID, PayoutState.FAILED, PayoutState.CANCELLED}),
    PayoutState.PAID: frozenset(),
    PayoutState.FAILED: frozenset(),
    PayoutState.CANCELLED: frozenset(),
}
FINAL_STATES = frozenset(state for state, targets in TRANSITIONS.items() if not targets)
# Where the money goes in the ledger when a payout reaches the state.
SETTLES = frozenset({PayoutState.PAID})
RETURNS_TO_PAYABLE = frozenset({PayoutState.FAILED, PayoutState.CANCELLED})


class IllegalTransition(Exception):
    def __init__(self, from_state: PayoutState, to_state: PayoutState) -> None:
        super().__init__(f"A payout cannot go from {from_state} to {to_state}.")
        self.from_state = from_state
        self.to_state = to_state


def check_transition(from_state: PayoutState, to_state: PayoutState) -> None:
    if to_state not in TRANSITIONS[from_state]:
        raise IllegalTransition(from_state, to_state)
