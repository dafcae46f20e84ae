"""Payouts' models, by concept: the ledger and its configuration (`ledger.py`), paying out
(`runs.py`), Stripe transfers per order and their reversals (`transfers.py`), allocations of
unattributed sales (`allocations.py`)."""

from storefront_plugins.payouts.models.allocations import UnattributedAllocation
from storefront_plugins.payouts.models.ledger import (
    AccountKind,
    HoldStart,
    LedgerAccount,
    LedgerEntry,
    LedgerOrder,
    LedgerTransaction,
    OrderPosting,
    PayoutPolicy,
    SplitRule,
    TransactionKind,
    basis_points,
)
from storefront_plugins.payouts.models.runs import (
    Frequency,
    Payout,
    PayoutEvent,
    PayoutMethod,
    PayoutRun,
    PayoutSchedule,
    PayoutState,
    Rail,
    RunState,
)
from storefront_plugins.payouts.models.transfers import PayoutItem, ReversalState, TransferReversal

__all__ = [
    "AccountKind",
    "Frequency",
    "HoldStart",
    "LedgerAccount",
    "LedgerEntry",
    "LedgerOrder",
    "LedgerTransaction",
    "OrderPosting",
    "Payout",
    "PayoutEvent",
    "PayoutItem",
    "PayoutMethod",
    "PayoutPolicy",
    "PayoutRun",
    "PayoutSchedule",
    "PayoutState",
    "Rail",
    "ReversalState",
    "RunState",
    "SplitRule",
    "TransactionKind",
    "TransferReversal",
    "UnattributedAllocation",
    "basis_points",
]
