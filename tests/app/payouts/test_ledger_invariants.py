"""The database itself refuses an unbalanced, edited or deleted ledger."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.ledger import EntryLine, UnbalancedTransaction
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind, Role

pytestmark = pytest.mark.django_db

ARTISAN = Party(PartyKind.ARTISAN, 7)


def check_deferred_constraints() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def balanced_sale() -> LedgerTransaction:
    return ledger.post(
        TransactionKind.SPLIT,
        "MAD",
        [
            EntryLine(PLATFORM, AccountKind.CLEARING, -1000),
            EntryLine(ARTISAN, AccountKind.HELD, 1000, Role.ARTISAN_SHARE),
        ],
    )


def test_a_balanced_transaction_is_accepted_and_balances_are_derived_from_entries():
    # when
    balanced_sale()
    balanced_sale()
    check_deferred_constraints()

    # then
    balances = {(b.party, b.kind): b.balance for b in ledger.account_balances([ARTISAN, PLATFORM])}
    assert balances == {
        (ARTISAN, AccountKind.HELD): 2000,
        (PLATFORM, AccountKind.CLEARING): -2000,
    }


def test_an_unbalanced_transaction_written_past_the_services_is_refused_by_the_database():
    # given
    account = LedgerAccount.objects.create(
        party_kind="artisan", party_id=7, currency="MAD", kind=AccountKind.HELD
    )
    entry_transaction = LedgerTransaction.objects.create(kind=TransactionKind.ADJUSTMENT)

    # when
    LedgerEntry.objects.create(transaction=entry_transaction, account=account, amount=500)

    # then (the transaction is aborted: the test ends here)
    with pytest.raises(DatabaseError, match="unbalanced"):
        check_deferred_constraints()


def test_entries_in_two_currencies_must_each_balance():
    # given
    mad = LedgerAccount.objects.create(
        party_kind="artisan", party_id=7, currency="MAD", kind="held"
    )
    eur = LedgerAccount.objects.create(
        party_kind="platform", party_id=0, currency="EUR", kind="clearing"
    )
    entry_transaction = LedgerTransaction.objects.create(kind=TransactionKind.ADJUSTMENT)

    # when
    LedgerEntry.objects.create(transaction=entry_transaction, account=mad, amount=500)
    LedgerEntry.objects.create(transaction=entry_transaction, account=eur, amount=-500)

    # then
    with pytest.raises(DatabaseError, match="unbalanced"):
        check_deferred_constraints()


def test_the_services_refuse_an_unbalanced_transaction_before_writing():
    # when / then
    with pytest.raises(UnbalancedTransaction):
        ledger.post(TransactionKind.ADJUSTMENT, "MAD", [EntryLine(ARTISAN, AccountKind.HELD, 5)])
    assert LedgerTransaction.objects.count() == 0


def test_an_entry_cannot_be_updated():
    # given
    entry = balanced_sale().entries.first()
    assert entry is not None

    # when / then
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)


def test_an_entry_or_a_transaction_cannot_be_deleted():
    # given
    sale = balanced_sale()

    # when / then
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(transaction=sale).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerTransaction.objects.filter(pk=sale.pk).update(description="edited")


def test_an_entry_of_zero_is_refused():
    # given
    account = LedgerAccount.objects.create(
        party_kind="artisan", party_id=7, currency="MAD", kind="held"
    )
    entry_transaction = LedgerTransaction.objects.create(kind=TransactionKind.ADJUSTMENT)

    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(transaction=entry_transaction, account=account, amount=0)


def test_a_payout_moves_payable_to_in_transit_then_out_of_clearing():
    # given
    ledger.post(
        TransactionKind.ADJUSTMENT,
        "MAD",
        [
            EntryLine(PLATFORM, AccountKind.CLEARING, -700),
            EntryLine(ARTISAN, AccountKind.PAYABLE, 700, Role.ARTISAN_SHARE),
        ],
    )

    # when
    ledger.start_payout(ARTISAN, "MAD", 700)
    in_transit = {b.kind: b.balance for b in ledger.account_balances([ARTISAN])}
    ledger.settle_payout(ARTISAN, "MAD", 700)
    check_deferred_constraints()

    # then
    assert in_transit == {AccountKind.PAYABLE: 0, AccountKind.PAYOUTS_IN_TRANSIT: 700}
    assert {b.kind: b.balance for b in ledger.account_balances([ARTISAN, PLATFORM])} == {
        AccountKind.PAYABLE: 0,
        AccountKind.PAYOUTS_IN_TRANSIT: 0,
        AccountKind.CLEARING: 0,
    }


def test_start_payouts_moves_each_partys_amount_to_in_transit_in_its_own_balanced_transaction():
    # given
    cooperative = Party(PartyKind.COOPERATIVE, 3)
    for party, amount in ((ARTISAN, 700), (cooperative, 300)):
        ledger.post(
            TransactionKind.ADJUSTMENT,
            "MAD",
            [
                EntryLine(PLATFORM, AccountKind.CLEARING, -amount),
                EntryLine(party, AccountKind.PAYABLE, amount, Role.ARTISAN_SHARE),
            ],
        )

    # when
    moved = ledger.start_payouts(
        "MAD",
        [ledger.PayoutMove(ARTISAN, 700, "Payout 1"), ledger.PayoutMove(cooperative, 250, "P 2")],
    )
    check_deferred_constraints()

    # then
    assert [t.kind for t in moved] == [TransactionKind.PAYOUT, TransactionKind.PAYOUT]
    assert [sorted(t.entries.values_list("amount", flat=True)) for t in moved] == [
        [-700, 700],
        [-250, 250],
    ]
    balances = {
        (b.party, b.kind): b.balance for b in ledger.account_balances([ARTISAN, cooperative])
    }
    assert balances == {
        (ARTISAN, AccountKind.PAYABLE): 0,
        (ARTISAN, AccountKind.PAYOUTS_IN_TRANSIT): 700,
        (cooperative, AccountKind.PAYABLE): 50,
        (cooperative, AccountKind.PAYOUTS_IN_TRANSIT): 250,
    }


def test_start_payouts_refuses_a_non_positive_amount_before_writing():
    # when
    with pytest.raises(ValueError, match="positive"):
        ledger.start_payouts(
            "MAD", [ledger.PayoutMove(ARTISAN, 700), ledger.PayoutMove(PLATFORM, 0)]
        )

    # then
    assert not LedgerTransaction.objects.exists()
