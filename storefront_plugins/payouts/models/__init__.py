"""Payouts' models, by concept: the ledger and its configuration (`ledger.py`), paying out
(`runs.py`)."""

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
    "PayoutMethod",
    "PayoutPolicy",
    "PayoutRun",
    "PayoutSchedule",
    "PayoutState",
    "Rail",
    "RunState",
    "SplitRule",
    "TransactionKind",
    "basis_points",
]
