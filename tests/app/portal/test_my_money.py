"""An artisan's money pages: their sales (their share of each order line), their balance,
their payouts and their statements, from the ledger, in the page's language; only their own."""

# ruff: noqa: F811  (fixtures imported from other conftests)

from urllib.parse import urlparse

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

import tests.app.payouts.conftest  # noqa: F401  (before api_fixtures, which it imports)
from storefront_plugins.payouts.models import Rail
from storefront_plugins.payouts.runs import start_payout_run
from tests.app.artisans.conftest import directory, tokens  # noqa: F401
from tests.app.payouts.api_fixtures import SERGHINI_TAJINE, sell
from tests.app.payouts.conftest import (  # noqa: F401
    credit_payable,
    media_root,
    method,
    sold,
    staff_token,
)
from tests.app.portal.money_fixtures import (  # noqa: F401
    _fresh_counters,
    artisan,
    clients,
    cooperative,
    page,
)

MY_PAGES = ["/portal/my/sales", "/portal/my/balance", "/portal/my/payouts", "/portal/my/statements"]


def in_arabic(client: Client) -> Client:
    client.post("/portal/language", {"language": "ar"})
    return client


def test_an_artisan_sees_their_share_of_each_order_line_they_were_paid_for(
    clients: dict[str, Client], sold: None
) -> None:
    # given Mohamed Serghini's tajine sold 120.00 MAD in cooperative-safi (his share: 83.00)
    # when
    response = clients["artisan_self"].get("/portal/my/sales")
    # then
    assert response.status_code == 200
    html = page(response)
    assert "Commande 1001" in html
    assert '<p class="money-amount">83,00\xa0MAD</p>' in html
    assert '<td class="num">1</td><td class="num">120,00\xa0MAD</td>' in html


def test_sales_and_balance_in_arabic_use_moroccan_formats_with_western_digits(
    clients: dict[str, Client], sold: None
) -> None:
    client = in_arabic(clients["artisan_self"])
    assert "83,00\xa0د.م.\u200f" in page(client.get("/portal/my/sales"))
    balance = page(client.get("/portal/my/balance"))
    assert 'dir="rtl"' in balance
    assert '<dt>محتجز</dt><dd class="num">\u200f83,00\xa0د.م.\u200f</dd>' in balance


def test_the_balance_shows_held_and_available_funds_per_currency(
    clients: dict[str, Client], sold: None
) -> None:
    # given 40.00 MAD payable on top of the held sale
    credit_payable(artisan("mohamed-serghini"), 4000)
    # when
    html = page(clients["artisan_self"].get("/portal/my/balance"))
    # then
    assert '<dt>Disponible</dt><dd class="num">40,00\xa0MAD</dd>' in html
    assert '<dt>Retenu</dt><dd class="num">83,00\xa0MAD</dd>' in html


def test_an_artisan_never_sees_another_artisans_sales(
    clients: dict[str, Client], sold: None
) -> None:
    # Youssef Bennani sold a panel in fes-zellige; the manager of safi sold nothing.
    assert "83,00" not in page(clients["other_artisan"].get("/portal/my/sales"))
    assert "Aucune vente pour l&#x27;instant." in page(clients["manager"].get("/portal/my/sales"))


@pytest.mark.parametrize("url", MY_PAGES)
def test_the_artisans_pages_are_for_artisans_and_signed_in_people(
    clients: dict[str, Client], url: str
) -> None:
    anonymous = clients["anonymous"].get(url)
    assert anonymous.status_code == 302
    assert urlparse(anonymous["Location"]).path == "/portal/sign-in"
    assert clients["staff"].get(url).status_code == 404  # no artisan profile


def test_the_sales_page_reads_the_ledger_in_the_same_queries_for_any_number_of_sales(
    clients: dict[str, Client],
    sold: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given one sale, then four
    client = clients["artisan_self"]
    with django_assert_num_queries(6) as one:
        client.get("/portal/my/sales")
    for n in range(3):
        sell(f"T3JkZXI6{n}", SERGHINI_TAJINE, "cooperative-safi", gross="60.00")
    # then: the session, its user, their directory roles, the entries, their splits, the
    # artisan's time zone
    with django_assert_num_queries(6) as four:
        response = client.get("/portal/my/sales")
    assert page(response).count('class="badge ok">Vente') == 4
    assert len(one.captured_queries) == len(four.captured_queries)


def test_sales_are_paged_newest_first(
    clients: dict[str, Client], sold: None, settings: object
) -> None:
    # given 21 sales: one more than a page
    for n in range(20):
        sell(f"T3JkZXI6{n}", SERGHINI_TAJINE, "cooperative-safi", gross="60.00")
    client = clients["artisan_self"]
    # when
    first = page(client.get("/portal/my/sales"))
    second = page(client.get("/portal/my/sales?from=20"))
    # then
    assert first.count('class="badge ok">Vente') == 20
    assert 'href="?from=20"' in first
    assert second.count('class="badge ok">Vente') == 1
    assert "83,00" in second  # the oldest: the first sale
    assert 'href="?from=0"' in second


def test_an_artisan_sees_their_payouts_with_state_method_and_no_proof_link(
    clients: dict[str, Client], sold: None
) -> None:
    # given a bank transfer of 250.00 MAD prepared for Mohamed Serghini
    serghini = artisan("mohamed-serghini")
    credit_payable(serghini, 25_000)
    method(serghini, Rail.BANK_TRANSFER)
    start_payout_run(cooperative("cooperative-safi").id, "MAD", None)
    # when
    html = page(clients["artisan_self"].get("/portal/my/payouts"))
    # then
    assert '<p class="money-amount">250,00\xa0MAD</p>' in html
    assert "Préparé" in html
    assert "Virement bancaire" in html
    assert "/files/" not in html
    assert "250,00" not in page(clients["other_artisan"].get("/portal/my/payouts"))


def test_a_monthly_statement_in_the_artisans_time_zone_with_links_in_the_pages_language(
    clients: dict[str, Client], sold: None
) -> None:
    client = in_arabic(clients["artisan_self"])
    # when
    html = page(client.get("/portal/my/statements"))
    # then
    assert "Africa/Casablanca" in html
    assert "الرصيد الختامي" in html  # the statement's own words
    pdf = html.split('class="button" href="')[1].split('"')[0].replace("&amp;", "&")
    csv_link = html.split('class="button secondary" href="')[1].split('"')[0].replace("&amp;", "&")
    assert urlparse(pdf).path == "/payouts/statement.pdf"
    csv = Client().get(urlparse(csv_link).path + "?" + urlparse(csv_link).query)
    assert csv.status_code == 200
    assert "المبيعات" in csv.content.decode("utf-8-sig")  # in Arabic, as the page


def test_a_month_without_movements_shows_its_balances_only(
    clients: dict[str, Client], sold: None
) -> None:
    html = page(clients["artisan_self"].get("/portal/my/statements?month=2020-01"))
    # a month not offered falls back to the current one, which has the sale
    assert "100,00\xa0MAD" in html
