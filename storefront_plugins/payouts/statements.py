"""Statements: what a party (artisan or cooperative) earned, lost and was paid in a period,
read from the ledger in a fixed number of queries; rendering is elsewhere
(`statement_csv`, `statement_pdf`), pure, on the `Statement` this builds.

The statement's balance is what the platform owes the party and has not yet sent: the
party's HELD + PAYABLE accounts. Each ledger transaction touching them in the period is a
movement, split by what it is:

- SALE: a split's credit for the party's share of a sale (artisan share, shipping,
  unattributed sales awaiting allocation); for an artisan, before the commission and
  platform fee taken from it (`withheld_from_artisan`, read from the split's decision);
- COMMISSION: a split's credit for the cooperative's commission; for an artisan, the
  commission and fee taken from their sales (negative);
- REFUND: a refund's reversal (negative);
- PAYOUT: a payout sent (PAYABLE -> PAYOUTS_IN_TRANSIT, negative) or returned by a rail
  (positive); a settled payout leaves the balance unchanged, as does a hold's release
  (HELD -> PAYABLE), so neither is a movement;
- ADJUSTMENT: anything else (a manager's allocation, a correction).

opening + movements = closing, and closing is the ledger's own sum of the accounts' entries
before the period's end (`ledger_balance`): `Statement.reconciles` says both hold. Tax
collected for the cooperative (seller of record) and payouts in transit are reported beside
the balance, not in it.

Periods are days (`period_of_month`, `period_of_days`) in the party's own time zone (its
region's: Africa/Casablanca, Africa/Algiers; the platform's is UTC): a sale at 00:30 on
1 December in Fès is December's, not November's. The statement covers the half-open
`[start, end)` of those local days, over the transactions' `created_at`, and shows its lines'
dates in that zone.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.db.models import Q, Sum

from storefront_plugins.artisans.services import (
    artisan_names,
    artisan_time_zone,
    cooperative_names,
    cooperative_time_zone,
)
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerEntry,
    OrderPosting,
    TransactionKind,
)
from storefront_plugins.payouts.rules import split_from_detail
from storefront_plugins.payouts.splits import Party, PartyKind, Role, Split, exponent

BALANCE_KINDS = (AccountKind.HELD, AccountKind.PAYABLE)


class MovementKind(StrEnum):
    SALE = "sale"
    COMMISSION = "commission"
    REFUND = "refund"
    PAYOUT = "payout"
    ADJUSTMENT = "adjustment"


class InvalidPeriod(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date  # inclusive

    def start(self, zone: str = "UTC") -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=ZoneInfo(zone))

    def end(self, zone: str = "UTC") -> datetime:
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=ZoneInfo(zone))


def period_of_days(first_day: date, last_day: date) -> Period:
    if last_day < first_day:
        raise InvalidPeriod("A period ends on or after its first day.")
    if (last_day - first_day).days > 366:
        raise InvalidPeriod("A statement covers at most a year.")
    return Period(first_day, last_day)


def period_of_month(month: str) -> Period:
    """`"2026-11"` -> 1 to 30 November 2026."""
    try:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
    except ValueError as error:
        raise InvalidPeriod(f"{month!r} is not a month (YYYY-MM).") from error
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period(first, following - timedelta(days=1))


@dataclass(frozen=True)
class StatementLine:
    at: datetime
    transaction_id: int
    kind: MovementKind
    order_number: str
    description: str
    amount: int  # minor units; credit > 0
    balance: int  # the running balance after this line


@dataclass(frozen=True)
class Statement:
    party: Party
    party_name: str
    currency: str
    start: datetime
    end: datetime  # exclusive
    opening_balance: int
    lines: tuple[StatementLine, ...]
    closing_held: int
    closing_payable: int
    in_transit: int  # payouts sent, not yet settled, at the end
    tax_collected: int  # in the period (cooperatives: seller of record)
    ledger_balance: int  # HELD + PAYABLE summed by the ledger up to `end`
    time_zone: str = "UTC"  # the party's: the days of the period and of its lines

    @property
    def totals(self) -> Mapping[MovementKind, int]:
        totals = dict.fromkeys(MovementKind, 0)
        for line in self.lines:
            totals[line.kind] += line.amount
        return totals

    @property
    def closing_balance(self) -> int:
        return self.opening_balance + sum(line.amount for line in self.lines)

    @property
    def reconciles(self) -> bool:
        return (
            self.closing_balance == self.ledger_balance
            and self.closing_held + self.closing_payable == self.ledger_balance
        )

    @property
    def first_day(self) -> date:
        return self.start.astimezone(ZoneInfo(self.time_zone)).date()

    @property
    def last_day(self) -> date:
        return (self.end.astimezone(ZoneInfo(self.time_zone)) - timedelta(microseconds=1)).date()

    def local_day(self, at: datetime) -> date:
        return at.astimezone(ZoneInfo(self.time_zone)).date()


def movement_kind(transaction_kind: str, role: str) -> MovementKind:
    if transaction_kind == TransactionKind.SPLIT:
        return MovementKind.COMMISSION if role == Role.COMMISSION else MovementKind.SALE
    if transaction_kind == TransactionKind.REFUND:
        return MovementKind.REFUND
    if transaction_kind == TransactionKind.PAYOUT:
        return MovementKind.PAYOUT
    return MovementKind.ADJUSTMENT


@dataclass(frozen=True)
class EntryRow:
    """A ledger entry of the party's balance accounts in the period, as read."""

    transaction_id: int
    transaction_kind: str
    at: datetime
    order_number: str
    description: str
    role: str
    amount: int


def withheld_from_artisan(party: Party, split: Split) -> int:
    """Pure: the commission and platform fee taken from an artisan's sales in a split, in
    proportion to their share of each line's makers' part (rounded half up; display only:
    the ledger credits the artisan their share, net of it)."""
    withheld = Fraction(0)
    for component in split.components:
        own = component.parts.get((party, Role.ARTISAN_SHARE), 0)
        if own <= 0:
            continue
        makers = sum(a for (_, role), a in component.parts.items() if role == Role.ARTISAN_SHARE)
        taken = sum(
            a
            for (_, role), a in component.parts.items()
            if role in (Role.COMMISSION, Role.PLATFORM_FEE)
        )
        withheld += Fraction(taken * own, makers)
    return int(withheld + Fraction(1, 2))


def statement_lines(
    opening: int, rows: list[EntryRow], withheld: Mapping[int, int] | None = None
) -> tuple[StatementLine, ...]:
    """Pure: entries (in ledger order) grouped per transaction and movement kind (in
    `MovementKind`'s order within a transaction); groups that sum to zero (a release, a
    settlement) dropped; running balances from `opening`. `withheld` (per split
    transaction, for an artisan) shows a sale before commission and fee, then those as a
    negative COMMISSION line: the two add up to what the ledger credited."""
    withheld = withheld or {}
    grouped: dict[tuple[int, MovementKind], list[EntryRow]] = {}
    for row in rows:
        key = (row.transaction_id, movement_kind(row.transaction_kind, row.role))
        grouped.setdefault(key, []).append(row)
    position = {transaction_id: n for n, (transaction_id, _) in enumerate(grouped)}
    kinds = list(MovementKind)
    ordered = sorted(grouped.items(), key=lambda g: (position[g[0][0]], kinds.index(g[0][1])))
    lines = []
    balance = opening
    for (transaction_id, kind), members in ordered:
        amount = sum(member.amount for member in members)
        parts = [(kind, amount)]
        taken = withheld.get(transaction_id, 0) if kind == MovementKind.SALE else 0
        if taken:
            parts = [(kind, amount + taken), (MovementKind.COMMISSION, -taken)]
        first = members[0]
        for line_kind, line_amount in parts:
            if line_amount == 0:
                continue
            balance += line_amount
            lines.append(
                StatementLine(
                    at=first.at,
                    transaction_id=transaction_id,
                    kind=line_kind,
                    order_number=first.order_number,
                    description=first.description,
                    amount=line_amount,
                    balance=balance,
                )
            )
    return tuple(lines)


def withheld_by_transaction(party: Party, rows: list[EntryRow]) -> dict[int, int]:
    """For an artisan: per split transaction of `rows`, what was withheld from their sales
    (one query, none without sales)."""
    splits = {row.transaction_id for row in rows if row.transaction_kind == TransactionKind.SPLIT}
    if party.kind != PartyKind.ARTISAN or not splits:
        return {}
    postings = OrderPosting.objects.filter(
        event_kind=OrderPosting.EventKind.PAID, transaction_id__in=splits
    ).values_list("transaction_id", "detail")
    return {
        transaction_id: withheld_from_artisan(party, split_from_detail(detail))
        for transaction_id, detail in postings
        if transaction_id is not None
    }


def party_name(party: Party) -> str:
    """One query."""
    if party.kind == PartyKind.ARTISAN:
        return artisan_names([party.id]).get(party.id, "")
    if party.kind == PartyKind.COOPERATIVE:
        return cooperative_names([party.id]).get(party.id, "")
    return "Souk"


def build_statement(
    party: Party, currency: str, start: datetime, end: datetime, name: str | None = None
) -> Statement:
    """Three queries (two when `name` is given): the balances before `start` and before
    `end`, the period's entries, the party's name; and for an artisan with sales in the
    period, their splits (what was withheld from them)."""
    exponent(currency)  # an unknown currency raises UnknownCurrency
    entries = LedgerEntry.objects.filter(
        account__party_kind=party.kind, account__party_id=party.id, account__currency=currency
    )
    balance_kinds = Q(account__kind__in=BALANCE_KINDS)
    before_start = Q(transaction__created_at__lt=start)
    before_end = Q(transaction__created_at__lt=end)
    in_period = Q(transaction__created_at__gte=start) & before_end

    def total(condition: Q) -> Sum:
        return Sum("amount", filter=condition, default=0)

    sums = entries.aggregate(
        opening=total(balance_kinds & before_start),
        ledger=total(balance_kinds & before_end),
        held=total(Q(account__kind=AccountKind.HELD) & before_end),
        payable=total(Q(account__kind=AccountKind.PAYABLE) & before_end),
        in_transit=total(Q(account__kind=AccountKind.PAYOUTS_IN_TRANSIT) & before_end),
        tax=total(Q(account__kind=AccountKind.TAX) & in_period),
    )
    rows = [
        EntryRow(
            transaction_id=transaction_id,
            transaction_kind=transaction_kind,
            at=at,
            order_number=order_number or saleor_order_id or "",
            description=description,
            role=role,
            amount=amount,
        )
        for (
            transaction_id,
            transaction_kind,
            at,
            order_number,
            saleor_order_id,
            description,
            role,
            amount,
        ) in entries.filter(balance_kinds & in_period)
        .order_by("transaction__created_at", "transaction_id", "pk")
        .values_list(
            "transaction_id",
            "transaction__kind",
            "transaction__created_at",
            "transaction__order__order_number",
            "transaction__order__saleor_order_id",
            "transaction__description",
            "role",
            "amount",
        )
    ]
    opening = int(sums["opening"])
    return Statement(
        party=party,
        party_name=name if name is not None else party_name(party),
        currency=currency,
        start=start,
        end=end,
        opening_balance=opening,
        lines=statement_lines(opening, rows, withheld_by_transaction(party, rows)),
        closing_held=int(sums["held"]),
        closing_payable=int(sums["payable"]),
        in_transit=int(sums["in_transit"]),
        tax_collected=int(sums["tax"]),
        ledger_balance=int(sums["ledger"]),
    )


def party_time_zone(party: Party) -> str:
    """One query for an artisan or a cooperative; the platform keeps UTC."""
    if party.kind == PartyKind.ARTISAN:
        return artisan_time_zone(party.id)
    if party.kind == PartyKind.COOPERATIVE:
        return cooperative_time_zone(party.id)
    return "UTC"


def statement_for_period(party: Party, currency: str, period: Period) -> Statement:
    """The statement of the period's days in the party's time zone."""
    zone = party_time_zone(party)
    statement = build_statement(party, currency, period.start(zone), period.end(zone))
    return replace(statement, time_zone=zone)
