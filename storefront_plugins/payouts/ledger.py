"""Posting to the ledger and reading balances. The only code that writes entries.

API for the payout runs, rails and statements built on top:

- `post(kind, currency, lines, order=None, description="")` posts one balanced transaction
  of `EntryLine`s (zero lines dropped; raises `UnbalancedTransaction` before writing if the
  lines do not sum to zero; the database refuses it too). `post_many(kind, transactions)`
  posts many `NewTransaction`s in a fixed number of statements (a batch of paid orders);
  `balanced(kind, lines)` is the check both make first, and `check_balanced_now()` runs the
  database's check before the commit (inside a savepoint, so that one refusal is isolated).
- `start_payout(party, currency, amount)`: PAYABLE -> PAYOUTS_IN_TRANSIT (`start_payouts`:
  for a run's parties at once, in bulk);
  `settle_payout(...)`: PAYOUTS_IN_TRANSIT -> CLEARING (the money left the platform);
  `fail_payout(...)`: PAYOUTS_IN_TRANSIT -> PAYABLE (a rail refused it). A PAYABLE balance
  may be negative (a refund after a payout): the next payout nets it.
- `account_balances(parties, currency=None)`: every account of these parties with its
  balance, one annotated query (`AccountBalance`, credit > 0 = owed to the party).
- `lock_payable_balances(parties, currency)`: their PAYABLE balances under a row lock of
  the accounts (two queries), for a payout run that moves them.
- `order_part_totals(order, transaction_kinds)`: per (party, role, account kind) what an
  order's transactions of these kinds posted, one query.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerOrder,
    LedgerTransaction,
    TransactionKind,
)
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind, Role

BULK_BATCH = 5000  # rows per INSERT of a bulk write


class UnbalancedTransaction(ValueError):
    pass


@dataclass(frozen=True)
class EntryLine:
    party: Party
    kind: AccountKind
    amount: int  # credit > 0
    role: Role | None = None


@dataclass(frozen=True)
class AccountBalance:
    account_id: int
    party: Party
    currency: str
    kind: AccountKind
    balance: int


AccountKey = tuple[Party, AccountKind]


def parties_condition(parties: Iterable[Party], prefix: str = "") -> Q:
    """The parties' rows as one condition per party kind (`party_id IN (...)`): a condition
    per party would make a run over thousands of parties one huge OR."""
    ids_by_kind: dict[str, list[int]] = {}
    for party in parties:
        ids_by_kind.setdefault(party.kind, []).append(party.id)
    condition = Q(pk__in=[])
    for kind, ids in ids_by_kind.items():
        condition |= Q(**{f"{prefix}party_kind": kind, f"{prefix}party_id__in": ids})
    return condition


def _existing_accounts(currency: str, keys: set[AccountKey]) -> dict[AccountKey, int]:
    # A superset read by columns (cheaper to build than one OR term per key), kept exact below.
    rows = LedgerAccount.objects.filter(
        currency=currency,
        party_id__in={party.id for party, _ in keys},
        kind__in={kind for _, kind in keys},
    ).values_list("pk", "party_kind", "party_id", "kind")
    found = {
        (Party(PartyKind(party_kind), party_id), AccountKind(kind)): pk
        for pk, party_kind, party_id, kind in rows.order_by()
    }
    return {key: found[key] for key in keys if key in found}


def accounts_for(currency: str, keys: Iterable[AccountKey]) -> dict[AccountKey, int]:
    """The accounts' ids: one query when they all exist; the missing ones created (their
    unique constraint settles concurrent creations) and read again, two more."""
    wanted = set(keys)
    found = _existing_accounts(currency, wanted)
    missing = wanted - set(found)
    if missing:
        LedgerAccount.objects.bulk_create(
            [  # in key order: concurrent first postings wait for each other, never deadlock
                LedgerAccount(party_kind=p.kind, party_id=p.id, currency=currency, kind=k)
                for p, k in sorted(missing, key=lambda key: (key[0].kind, key[0].id, key[1]))
            ],
            ignore_conflicts=True,
        )
        found |= _existing_accounts(currency, missing)
    return found


def balanced(kind: TransactionKind, lines: Sequence[EntryLine]) -> list[EntryLine]:
    """The lines without zeros; raises `UnbalancedTransaction` if they do not sum to zero."""
    lines = [line for line in lines if line.amount != 0]
    if sum(line.amount for line in lines) != 0:
        raise UnbalancedTransaction(f"The entries of this {kind} do not sum to zero.")
    if not lines:
        raise UnbalancedTransaction("A transaction needs entries.")
    return lines


def post(
    kind: TransactionKind,
    currency: str,
    lines: Sequence[EntryLine],
    order: LedgerOrder | None = None,
    description: str = "",
) -> LedgerTransaction:
    lines = balanced(kind, lines)
    accounts = accounts_for(currency, [(line.party, line.kind) for line in lines])
    transaction = LedgerTransaction.objects.create(
        kind=kind, order=order, description=description[:255]
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                transaction=transaction,
                account_id=accounts[(line.party, line.kind)],
                amount=line.amount,
                role=line.role.value if line.role else "",
            )
            for line in lines
        ]
    )
    return transaction


@dataclass(frozen=True)
class NewTransaction:
    currency: str
    lines: Sequence[EntryLine]
    order_id: int | None = None
    description: str = ""


# Rows are passed as one JSON array (`jsonb_to_recordset`): one parameter to send whatever
# the number of rows, in a statement whose text never changes.
_INSERT_TRANSACTIONS = """
INSERT INTO payouts_ledgertransaction (kind, order_id, description, created_at)
SELECT %s, t.order_id, t.description, %s
FROM jsonb_to_recordset(%s::jsonb) AS t(n int, order_id bigint, description text)
ORDER BY t.n
RETURNING id
"""
_INSERT_ENTRIES = """
INSERT INTO payouts_ledgerentry (transaction_id, account_id, amount, role)
SELECT e.transaction_id, e.account_id, e.amount, e.role
FROM jsonb_to_recordset(%s::jsonb) AS e(transaction_id bigint, account_id bigint, amount bigint,
    role text)
"""


def post_many(kind: TransactionKind, transactions: Sequence[NewTransaction]) -> list[int]:
    """Many transactions of one kind at once, each checked by `balanced` first (raising
    before anything is written): their accounts (one query per currency, two more for
    parties' first postings), the transactions and their entries (one INSERT each, no model
    instantiated). Returns the transactions' ids, in order."""
    if not transactions:
        return []
    checked = [balanced(kind, t.lines) for t in transactions]
    by_currency: dict[str, set[AccountKey]] = {}
    for new, lines in zip(transactions, checked, strict=True):
        by_currency.setdefault(new.currency, set()).update((x.party, x.kind) for x in lines)
    accounts = {
        currency: accounts_for(currency, sorted(keys, key=lambda k: (k[0].kind, k[0].id, k[1])))
        for currency, keys in by_currency.items()
    }
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_TRANSACTIONS,
            [
                kind.value,
                timezone.now(),
                json.dumps(
                    [
                        {"n": n, "order_id": t.order_id, "description": t.description[:255]}
                        for n, t in enumerate(transactions)
                    ]
                ),
            ],
        )
        ids = [row[0] for row in cursor.fetchall()]
        entries = [
            {
                "transaction_id": transaction_id,
                "account_id": accounts[new.currency][(line.party, line.kind)],
                "amount": line.amount,
                "role": line.role.value if line.role else "",
            }
            for transaction_id, new, lines in zip(ids, transactions, checked, strict=True)
            for line in lines
        ]
        cursor.execute(_INSERT_ENTRIES, [json.dumps(entries)])
    return ids


def check_balanced_now() -> None:
    """Runs the database's balance check (a deferred constraint trigger) on what this
    transaction posted so far, instead of at its commit (two statements)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS payouts_transaction_balanced IMMEDIATE")
        cursor.execute("SET CONSTRAINTS payouts_transaction_balanced DEFERRED")


def _move(
    kind: TransactionKind,
    party: Party,
    currency: str,
    amount: int,
    source: tuple[Party, AccountKind],
    target: tuple[Party, AccountKind],
    description: str,
) -> LedgerTransaction:
    if amount <= 0:
        raise ValueError("A payout moves a positive amount.")
    return post(
        kind,
        currency,
        [
            EntryLine(source[0], source[1], -amount),
            EntryLine(target[0], target[1], amount),
        ],
        description=description,
    )


@dataclass(frozen=True)
class PayoutMove:
    party: Party
    amount: int
    description: str = ""


def start_payouts(currency: str, moves: Sequence[PayoutMove]) -> list[LedgerTransaction]:
    """`start_payout` for many parties at once (a payout run): their accounts (two queries),
    the transactions and their entries (bulk inserts), each transaction balanced."""
    if any(move.amount <= 0 for move in moves):
        raise ValueError("A payout moves a positive amount.")
    if not moves:
        return []
    accounts = accounts_for(
        currency,
        [
            (move.party, kind)
            for move in moves
            for kind in (AccountKind.PAYABLE, AccountKind.PAYOUTS_IN_TRANSIT)
        ],
    )
    transactions = LedgerTransaction.objects.bulk_create(
        [
            LedgerTransaction(kind=TransactionKind.PAYOUT, description=move.description[:255])
            for move in moves
        ],
        batch_size=BULK_BATCH,
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                transaction=transaction, account_id=accounts[(move.party, kind)], amount=amount
            )
            for transaction, move in zip(transactions, moves, strict=True)
            for kind, amount in (
                (AccountKind.PAYABLE, -move.amount),
                (AccountKind.PAYOUTS_IN_TRANSIT, move.amount),
            )
        ],
        batch_size=BULK_BATCH,
    )
    return transactions


def start_payout(
    party: Party, currency: str, amount: int, description: str = ""
) -> LedgerTransaction:
    """PAYABLE -> PAYOUTS_IN_TRANSIT for one party: `start_payouts` of one move."""
    return start_payouts(currency, [PayoutMove(party, amount, description)])[0]


def settle_payout(
    party: Party, currency: str, amount: int, description: str = ""
) -> LedgerTransaction:
    return _move(
        TransactionKind.PAYOUT,
        party,
        currency,
        amount,
        (party, AccountKind.PAYOUTS_IN_TRANSIT),
        (PLATFORM, AccountKind.CLEARING),
        description,
    )


def fail_payout(
    party: Party, currency: str, amount: int, description: str = ""
) -> LedgerTransaction:
    return _move(
        TransactionKind.PAYOUT,
        party,
        currency,
        amount,
        (party, AccountKind.PAYOUTS_IN_TRANSIT),
        (party, AccountKind.PAYABLE),
        description,
    )


def account_balances(parties: Sequence[Party], currency: str | None = None) -> list[AccountBalance]:
    """One query: the parties' accounts with their balances (sum of their entries)."""
    accounts = LedgerAccount.objects.filter(parties_condition(parties))
    if currency is not None:
        accounts = accounts.filter(currency=currency)
    rows = accounts.annotate(balance=Coalesce(Sum("entries__amount"), 0)).order_by(
        "party_kind", "party_id", "currency", "kind"
    )
    return [
        AccountBalance(
            account_id=a.pk,
            party=Party(PartyKind(a.party_kind), a.party_id),
            currency=a.currency,
            kind=AccountKind(a.kind),
            balance=a.balance,
        )
        for a in rows
    ]


def lock_payable_balances(parties: Sequence[Party], currency: str) -> dict[Party, int]:
    """The parties' PAYABLE balances in `currency`, their accounts locked (`FOR UPDATE`)
    until the caller's transaction ends: two runs never move the same money."""
    payable = LedgerAccount.objects.filter(
        parties_condition(parties), currency=currency, kind=AccountKind.PAYABLE
    )
    locked = list(payable.select_for_update().order_by("pk").values_list("pk", flat=True))
    rows = (
        LedgerAccount.objects.filter(pk__in=locked)
        .annotate(balance=Coalesce(Sum("entries__amount"), 0))
        .values_list("party_kind", "party_id", "balance")
    )
    return {Party(PartyKind(kind), party_id): balance for kind, party_id, balance in rows}


PartTotals = dict[tuple[Party, Role, AccountKind], int]


def order_part_totals(
    order: LedgerOrder, transaction_kinds: Iterable[TransactionKind]
) -> PartTotals:
    """One query: per (party, role, account kind), the sum of the order's entries in
    transactions of these kinds (entries without a role, the clearing side, left out)."""
    rows = (
        LedgerEntry.objects.filter(
            transaction__order=order, transaction__kind__in=list(transaction_kinds)
        )
        .exclude(role="")
        .values_list("account__party_kind", "account__party_id", "role", "account__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {
        (Party(PartyKind(kind), party_id), Role(role), AccountKind(account_kind)): total
        for kind, party_id, role, account_kind, total in rows
        if total
    }
