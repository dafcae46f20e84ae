"""Statements read from the ledger: opening + movements = closing = the ledger's balance."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from storefront_plugins.payouts import ledger, services
from storefront_plugins.payouts.models import AccountKind
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import Component, Party, PartyKind, Role, Split
from storefront_plugins.payouts.statements import (
    MovementKind,
    build_statement,
    period_of_days,
    period_of_month,
    statement_for_period,
    withheld_from_artisan,
)
from tests.app.payouts.conftest import API_URL, TAJINE, granted, line, order_payload

TAJINE_LINE = line("TGluZTox", TAJINE, "120.00", "20.00")
# The opening and closing balances in one query, the period's entries, the party's name,
# and for an artisan with sales, the splits (what was withheld from them).
QUERIES_PER_STATEMENT = 4


def pay(order_id: str = "T3JkZXI6MQ==") -> None:
    services.post_order_split(API_URL, parse_order(order_payload([TAJINE_LINE], order_id=order_id)))


def refund_half(order_id: str = "T3JkZXI6MQ==") -> None:
    services.post_order_refund(
        API_URL,
        parse_order(
            order_payload(
                [TAJINE_LINE],
                order_id=order_id,
                refunded="60.00",
                granted=[granted("R3JhbnQ6MQ==", "60.00", [("TGluZTox", 1)])],
                updated_at="2026-11-21T10:00:00+00:00",
            )
        ),
    )


def release_all() -> None:
    """Every order whose hold started ends it: its funds become payable."""
    for order_id in services.LedgerOrder.objects.values_list("pk", flat=True):
        services.release_order_funds(order_id, now=timezone.now() + timedelta(days=400))


def test_a_month_of_sales_refunds_and_payouts_reconciles_to_the_ledger(safi, potters, settings):
    # given funds held from payment on; a potter (70 % of the tajine's 83.00) paid twice, one half refunded, paid out
    settings.SOUK_PAYOUT_HOLD_STARTS = "payment"
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    before = timezone.now()
    pay("T3JkZXI6MQ==")
    pay("T3JkZXI6Mg==")
    release_all()
    ledger.start_payout(potter, "MAD", 10000)
    refund_half("T3JkZXI6Mg==")
    ledger.fail_payout(potter, "MAD", 10000)
    ledger.start_payout(potter, "MAD", 6000)
    ledger.settle_payout(potter, "MAD", 6000)
    after = timezone.now()

    # when
    statement = build_statement(potter, "MAD", before, after)

    # then twice 70.00 of sales (70 % of the 100.00 net) less 11.90 of commission and fee
    # (70 % of 17.00), 58.10 x 60/120 = 29.05 reversed, 100.00 sent then returned, 60.00
    # sent and settled: 27.15 still owed, payable (released)
    assert [(line.kind, line.amount, line.balance) for line in statement.lines] == [
        (MovementKind.SALE, 7000, 7000),
        (MovementKind.COMMISSION, -1190, 5810),
        (MovementKind.SALE, 7000, 12810),
        (MovementKind.COMMISSION, -1190, 11620),
        (MovementKind.PAYOUT, -10000, 1620),
        (MovementKind.REFUND, -2905, -1285),
        (MovementKind.PAYOUT, 10000, 8715),
        (MovementKind.PAYOUT, -6000, 2715),
    ]
    assert statement.opening_balance == 0
    assert statement.closing_balance == 2715
    assert (statement.closing_held, statement.closing_payable) == (0, 2715)
    assert statement.in_transit == 0
    assert statement.reconciles
    assert statement.party_name == potters[0].name
    assert dict(statement.totals) == {
        MovementKind.SALE: 14000,
        MovementKind.COMMISSION: -2380,
        MovementKind.REFUND: -2905,
        MovementKind.PAYOUT: -6000,
        MovementKind.ADJUSTMENT: 0,
    }


def test_a_cooperatives_statement_shows_commissions_apart_from_sales_and_tax_beside(safi, potters):
    # given
    cooperative = Party(PartyKind.COOPERATIVE, safi.pk)
    before = timezone.now()
    pay()
    after = timezone.now()

    # when
    statement = build_statement(cooperative, "MAD", before, after)

    # then 12 % of 100.00 net as commission, the 25.00 net shipping as a sale, 25.00 tax
    assert [(line.kind, line.amount) for line in statement.lines] == [
        (MovementKind.SALE, 2500),
        (MovementKind.COMMISSION, 1200),
    ]
    assert statement.tax_collected == 2500
    assert (statement.closing_held, statement.closing_payable) == (3700, 0)
    assert statement.reconciles


def test_a_period_opens_with_what_the_previous_one_closed_on(safi, potters):
    # given
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    start = timezone.now()
    pay("T3JkZXI6MQ==")
    cut = timezone.now()
    pay("T3JkZXI6Mg==")
    refund_half("T3JkZXI6Mg==")
    end = timezone.now()

    # when
    first = build_statement(potter, "MAD", start, cut)
    second = build_statement(potter, "MAD", cut, end)
    later = build_statement(potter, "MAD", end, end + timedelta(days=1))

    # then
    assert first.closing_balance == second.opening_balance == 5810
    assert second.closing_balance == later.opening_balance == later.closing_balance == 8715
    assert later.lines == ()
    assert all(s.reconciles for s in (first, second, later))


def test_only_the_statements_currency_counts(safi, potters):
    # given an order in EUR for the same potter
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    before = timezone.now()
    pay()
    services.post_order_split(
        API_URL,
        parse_order(
            order_payload(
                [line("TGluZTo5", TAJINE, "12.00", "2.00", currency="EUR")],
                shipping=("0", "0"),
                currency="EUR",
                order_id="T3JkZXI6OQ==",
            )
        ),
    )
    after = timezone.now()

    # when
    in_mad = build_statement(potter, "MAD", before, after)
    in_eur = build_statement(potter, "EUR", before, after)

    # then
    assert in_mad.closing_balance == 5810
    assert in_eur.closing_balance == 581
    assert (
        sum(
            b.balance
            for b in ledger.account_balances([potter], "EUR")
            if b.kind in (AccountKind.HELD, AccountKind.PAYABLE)
        )
        == in_eur.closing_balance
    )


def test_a_statement_takes_the_same_number_of_queries_for_any_number_of_movements(
    safi, potters, settings, django_assert_num_queries
):
    # given
    settings.SOUK_PAYOUT_HOLD_STARTS = "payment"
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    before = timezone.now()
    for n in range(5):
        pay(f"T3JkZXI6{n}")
    release_all()
    ledger.start_payout(potter, "MAD", 100)
    after = timezone.now()

    # when / then
    with django_assert_num_queries(QUERIES_PER_STATEMENT):
        statement = build_statement(potter, "MAD", before, after)
    assert len(statement.lines) == 5 * 2 + 1


def test_periods_are_whole_days_in_a_time_zone():
    # when
    november = period_of_month("2026-11")
    february = period_of_month("2028-02")
    december = period_of_month("2026-12")
    days = period_of_days(november.first_day, november.first_day)

    # then
    assert (november.first_day.isoformat(), november.last_day.isoformat()) == (
        "2026-11-01",
        "2026-11-30",
    )
    assert november.start().isoformat() == "2026-11-01T00:00:00+00:00"
    assert november.end().isoformat() == "2026-12-01T00:00:00+00:00"
    assert november.start("Africa/Casablanca").isoformat() == "2026-11-01T00:00:00+01:00"
    assert november.end("Africa/Algiers").isoformat() == "2026-12-01T00:00:00+01:00"
    assert february.last_day.day == 29
    assert december.end().isoformat() == "2027-01-01T00:00:00+00:00"
    assert days.end() - days.start() == timedelta(days=1)


def test_a_statement_covers_the_days_of_the_partys_own_time_zone(safi, potters):
    # given a Safi potter's sale, and the platform's
    potter = Party(PartyKind.ARTISAN, potters[0].pk)
    pay()
    today = timezone.now().astimezone(ZoneInfo("Africa/Casablanca")).date()
    period = period_of_days(today, today)

    # when
    statement = statement_for_period(potter, "MAD", period)
    platform = statement_for_period(Party(PartyKind.PLATFORM, 0), "MAD", period)

    # then a day in Morocco starts at its midnight, and the lines' dates are Moroccan days
    assert statement.time_zone == "Africa/Casablanca"
    assert statement.start == period.start("Africa/Casablanca")
    assert (statement.first_day, statement.last_day) == (today, today)
    assert {statement.local_day(line.at) for line in statement.lines} == {today}
    assert platform.time_zone == "UTC"


def test_what_is_withheld_from_an_artisans_sales_follows_their_share_of_each_line():
    # given a line of 100.00 net: 12.00 commission, 5.00 fee, 83.00 to makers 58.10 / 24.90;
    # a second line of 10.00 net where the first maker is alone: 1.70 taken, 8.30 theirs
    first, second = Party(PartyKind.ARTISAN, 1), Party(PartyKind.ARTISAN, 2)
    safi, platform = Party(PartyKind.COOPERATIVE, 9), Party(PartyKind.PLATFORM, 0)
    split = Split(
        currency="MAD",
        total=13200,
        components=(
            Component(
                "L1",
                12000,
                1,
                {
                    (safi, Role.TAX): 2000,
                    (safi, Role.COMMISSION): 1200,
                    (platform, Role.PLATFORM_FEE): 500,
                    (first, Role.ARTISAN_SHARE): 5810,
                    (second, Role.ARTISAN_SHARE): 2490,
                },
            ),
            Component(
                "L2",
                1200,
                1,
                {
                    (safi, Role.TAX): 200,
                    (safi, Role.COMMISSION): 120,
                    (platform, Role.PLATFORM_FEE): 50,
                    (first, Role.ARTISAN_SHARE): 830,
                },
            ),
        ),
    )

    # when / then 17.00 x 70 % + 1.70; 17.00 x 30 %
    assert withheld_from_artisan(first, split) == 1190 + 170
    assert withheld_from_artisan(second, split) == 510
    assert withheld_from_artisan(Party(PartyKind.ARTISAN, 3), split) == 0
