"""A payout run over 10,000 artisans and 1,000,000 ledger entries (issue 5's target: under
60 s, under 500 MB).

    .venv/bin/python -m bench.payout_run [artisans, default 10000] [transactions, default 500000]

Runs against the configured PostgreSQL (DATABASE_URL, else the embedded one) in a scratch
test database, migrated, dropped at the end. Setup, in bulk and with the ledger's triggers
on (every transaction balanced, entries append-only):

- one cooperative with `artisans` member artisans (bulk_create), a monthly schedule with a
  minimum of 10.00 MAD, and a default bank-transfer method (a valid RIB: the manual rail)
  for the cooperative and every artisan but one in 50 (those are skipped by the run);
- `transactions` two-entry transactions (INSERT ... SELECT from generate_series, committed
  per 50,000): sales crediting a party's PAYABLE account against the platform's CLEARING,
  and one in ten a refund debiting it; one party in 50 is refunded far more than it sold,
  so it owes a debt (a negative balance) and is not paid.

Then times `start_payout_run` for the cooperative in MAD (balances locked and read, payouts,
events and the ledger's PAYABLE -> PAYOUTS_IN_TRANSIT moves, one transaction), and the
manual rail's submission: the run's bank batch file (`bank_batch.batch_file`). Prints the
setup time, run time, payouts created and the process's peak RSS (`ru_maxrss`), before and
after the run; `--tracemalloc` adds Python's own peak during the run (slower).
"""

import os
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from storefront_plugins.artisans.models import Artisan, Cooperative, Membership  # noqa: E402
from storefront_plugins.payouts.bank_batch import batch_file  # noqa: E402
from storefront_plugins.payouts.models import (  # noqa: E402
    AccountKind,
    Frequency,
    LedgerAccount,
    LedgerEntry,
    PayoutMethod,
    PayoutSchedule,
    Rail,
)
from storefront_plugins.payouts.rib import rib_key  # noqa: E402
from storefront_plugins.payouts.runs import start_payout_run  # noqa: E402
from storefront_plugins.payouts.splits import PLATFORM, PartyKind  # noqa: E402

CURRENCY = "MAD"
MINIMUM = 1000  # 10.00 MAD
WITHOUT_METHOD_EVERY = 50  # one artisan in 50 has no payout method: skipped
DEBT_EVERY = 50  # one party in 50 is refunded far more than it sold
FIRST_CHUNK = 1000
CHUNK = 50_000  # transactions per committed INSERT


# Transaction t's amount: a sale, or for t % 10 == 0 a refund (twenty times larger for one
# party in `debt_every`).
AMOUNT = """(500 + (t * 7919) %% 20000) * CASE WHEN t %% 10 = 0 THEN
    CASE WHEN (t %% %(parties)s) %% %(debt_every)s = 0 THEN -20 ELSE -1 END ELSE 1 END"""
INSERT_TRANSACTIONS = """
INSERT INTO payouts_ledgertransaction (id, kind, order_id, description, created_at)
SELECT %(first_id)s + t, CASE WHEN t %% 10 = 0 THEN 'refund' ELSE 'split' END, NULL, '', now()
FROM generate_series(%(start)s::bigint, %(end)s::bigint) AS t"""
INSERT_ENTRIES = (
    """
INSERT INTO payouts_ledgerentry (transaction_id, account_id, amount, role)
SELECT %(first_id)s + t, p.account, """
    + AMOUNT
    + """,
       CASE WHEN p.n = %(cooperative_n)s THEN 'commission' ELSE 'artisan_share' END
FROM generate_series(%(start)s::bigint, %(end)s::bigint) AS t
JOIN bench_party p ON p.n = t %% %(parties)s
UNION ALL
SELECT %(first_id)s + t, %(clearing)s, -("""
    + AMOUNT
    + """), ''
FROM generate_series(%(start)s::bigint, %(end)s::bigint) AS t"""
)


def megabytes(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss is in kB on Linux


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def valid_rib(n: int) -> str:
    first_22 = f"011780{n:016d}"  # bank 011, city 780, account number
    return f"{first_22}{rib_key(first_22):02d}"


def make_directory(artisans: int) -> tuple[Cooperative, list[int]]:
    cooperative = Cooperative.objects.create(
        name="Coopérative du banc d'essai", slug="cooperative-bench", region="MA-07", city="Safi"
    )
    created = Artisan.objects.bulk_create(
        [
            Artisan(name=f"Artisan {n}", slug=f"artisan-bench-{n}", region="MA-07", city="Safi")
            for n in range(artisans)
        ],
        batch_size=5000,
    )
    Membership.objects.bulk_create(
        [Membership(artisan=a, cooperative=cooperative) for a in created], batch_size=5000
    )
    return cooperative, [a.pk for a in created]


def make_payout_settings(cooperative: Cooperative, artisan_ids: list[int]) -> None:
    PayoutSchedule.objects.create(
        cooperative_id=cooperative.pk,
        frequency=Frequency.MONTHLY,
        day_of_month=1,
        minimums={CURRENCY: MINIMUM},
    )
    parties = [(PartyKind.COOPERATIVE, cooperative.pk)] + [
        (PartyKind.ARTISAN, artisan_id)
        for n, artisan_id in enumerate(artisan_ids)
        if n % WITHOUT_METHOD_EVERY != WITHOUT_METHOD_EVERY - 1
    ]
    PayoutMethod.objects.bulk_create(
        [
            PayoutMethod(
                party_kind=kind,
                party_id=party_id,
                rail=Rail.BANK_TRANSFER,
                holder_name=f"Bénéficiaire {party_id}",
                rib=valid_rib(n),
                is_default=True,
            )
            for n, (kind, party_id) in enumerate(parties)
        ],
        batch_size=5000,
    )


def make_ledger(cooperative: Cooperative, artisan_ids: list[int], transactions: int) -> None:
    """Party n (0..artisans-1 the artisans, `artisans` the cooperative) gets transaction t
    when t % (artisans + 1) == n: a sale (credit), or for t % 10 == 0 a refund (debit),
    twenty times larger for the parties that end up in debt."""
    accounts = LedgerAccount.objects.bulk_create(
        [
            LedgerAccount(
                party_kind=PartyKind.ARTISAN,
                party_id=artisan_id,
                currency=CURRENCY,
                kind=AccountKind.PAYABLE,
            )
            for artisan_id in artisan_ids
        ]
        + [
            LedgerAccount(
                party_kind=PartyKind.COOPERATIVE,
                party_id=cooperative.pk,
                currency=CURRENCY,
                kind=AccountKind.PAYABLE,
            ),
            LedgerAccount(
                party_kind=PLATFORM.kind,
                party_id=PLATFORM.id,
                currency=CURRENCY,
                kind=AccountKind.CLEARING,
            ),
        ],
        batch_size=5000,
    )
    *party_accounts, clearing = accounts
    parties = len(party_accounts)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_party (n integer PRIMARY KEY, account bigint)")
        cursor.execute(
            "INSERT INTO bench_party SELECT n - 1, account FROM unnest(%s::bigint[])"
            " WITH ORDINALITY AS u(account, n)",
            [[a.pk for a in party_accounts]],
        )
        cursor.execute(
            "SELECT coalesce(max(id), 0) FROM payouts_ledgertransaction"
        )  # an empty ledger, but keep the ids clear of any row
        (first_id,) = cursor.fetchone()
    # A small first chunk, then statistics: the balance trigger's plan uses the entries'
    # index on the transaction rather than scanning a table the planner thought empty.
    starts = [1, *range(1 + FIRST_CHUNK, transactions + 1, CHUNK)]
    for start, next_start in zip(starts, [*starts[1:], transactions + 1], strict=True):
        if start > transactions:
            break
        params = {
            "first_id": first_id,
            "start": start,
            "end": min(transactions, next_start - 1),
            "parties": parties,
            "debt_every": DEBT_EVERY,
            "cooperative_n": parties - 1,
            "clearing": clearing.pk,
        }
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(INSERT_TRANSACTIONS, params)
            cursor.execute(INSERT_ENTRIES, params)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE payouts_ledgertransaction, payouts_ledgerentry")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('payouts_ledgertransaction', 'id'),"
            " (SELECT max(id) FROM payouts_ledgertransaction))"
        )
        cursor.execute("DROP TABLE bench_party")
        cursor.execute("ANALYZE")


def main(artisans: int, transactions: int, trace: bool) -> None:
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        cooperative, artisan_ids = make_directory(artisans)
        make_payout_settings(cooperative, artisan_ids)
        make_ledger(cooperative, artisan_ids, transactions)
        setup_seconds = time.perf_counter() - started
        entries = LedgerEntry.objects.count()
        print(
            f"payout run: {artisans} artisans, {entries} ledger entries"
            f" ({transactions} transactions), PostgreSQL, one process"
        )
        print(f"  setup {setup_seconds:8.1f} s")
        rss_before = peak_rss_kb()
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        result = start_payout_run(cooperative.pk, CURRENCY, None)
        run_seconds = time.perf_counter() - started
        started = time.perf_counter()
        batch = batch_file(result.run)
        batch_seconds = time.perf_counter() - started
        traced_peak = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
        rss_after = peak_rss_kb()
        owed = (
            LedgerEntry.objects.filter(
                account__kind=AccountKind.PAYOUTS_IN_TRANSIT, account__currency=CURRENCY
            ).aggregate(total=Sum("amount"))["total"]
            or 0
        )
        assert owed == result.run.total_amount, (owed, result.run.total_amount)
        assert batch.transfer_count == len(result.payouts)
        print(
            f"  start_payout_run {run_seconds:8.1f} s  {len(result.payouts)} payouts created,"
            f" {len(result.skipped)} skipped (no method), total {result.run.total_amount / 100:.2f}"
            f" {CURRENCY}"
        )
        print(f"  bank batch file  {batch_seconds:8.1f} s  {batch.transfer_count} transfers")
        print(
            f"  peak RSS {megabytes(rss_after):.0f} MB"
            f" (before the run {megabytes(rss_before):.0f} MB)"
            + (f", tracemalloc peak {traced_peak / 2**20:.0f} MB" if traced_peak else "")
        )
        print(f"  measured at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    finally:
        connection.close()
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:] if not a.startswith("--")]
    main(
        arguments[0] if arguments else 10_000,
        arguments[1] if len(arguments) > 1 else 500_000,
        trace="--tracemalloc" in sys.argv,
    )
