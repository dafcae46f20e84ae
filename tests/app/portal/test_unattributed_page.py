"""A cooperative's unattributed sales in the portal: what may be allocated and what is still
held, a manager's allocation to members with a note, the services' errors next to their
fields, the history; only the cooperative's managers and Souk's staff."""

# ruff: noqa: F811  (fixtures imported from other conftests)

from urllib.parse import urlparse

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

import tests.app.payouts.conftest  # noqa: F401  (before api_fixtures, which it imports)
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts.models import UnattributedAllocation
from storefront_plugins.portal.views.unattributed import typed_amount
from tests.app.artisans.conftest import directory, tokens  # noqa: F401
from tests.app.payouts.conftest import balances_of
from tests.app.payouts.test_unattributed_allocation import released_unattributed
from tests.app.portal.money_fixtures import (  # noqa: F401
    _fresh_counters,
    artisan,
    clients,
    page,
)


def safi_with_funds(amount: int = 5_000) -> int:
    safi = Cooperative.objects.get(slug="cooperative-safi")
    released_unattributed(safi, amount)
    return safi.pk


def url(cooperative_id: int) -> str:
    return f"/portal/payouts/cooperatives/{cooperative_id}/unattributed"


def form(client: Client, cooperative_id: int) -> dict[str, str]:
    """The hidden fields of the form as the page rendered it."""
    html = page(client.get(url(cooperative_id)))
    key = html.split('name="idempotency_key" value="')[1].split('"')[0]
    return {"currency": "MAD", "idempotency_key": key}


def test_a_manager_allocates_to_a_member_with_a_note(clients: dict[str, Client]) -> None:
    # given 50.00 MAD released, unattributed
    safi = safi_with_funds()
    manager = clients["manager"]
    serghini = artisan("mohamed-serghini")
    fields = form(manager, safi)

    # when
    response = manager.post(
        url(safi),
        fields | {f"amount_{serghini.id}": "12,50", "note": "Les assiettes du souk de printemps"},
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == f"{url(safi)}?currency=MAD&done=payouts_allocated"
    html = page(manager.get(response["Location"]))
    assert "Répartition enregistrée." in html
    assert '<dd class="num">37,50\xa0MAD</dd>' in html  # left to allocate
    assert "Les assiettes du souk de printemps" in html
    assert "Par abdelkader-benhima@souk.example" in html
    assert balances_of(serghini)["payable"] == 1_250
    # the same form sent again (a double tap) allocates nothing more
    again = manager.post(
        url(safi),
        fields | {f"amount_{serghini.id}": "12,50", "note": "Les assiettes du souk de printemps"},
    )
    assert again.status_code == 302
    assert UnattributedAllocation.objects.count() == 1
    assert balances_of(serghini)["payable"] == 1_250


def test_the_services_errors_are_shown_next_to_their_fields(clients: dict[str, Client]) -> None:
    # given
    safi = safi_with_funds()
    manager = clients["manager"]
    serghini = artisan("mohamed-serghini")
    fields = form(manager, safi)

    # when
    bad_amount = manager.post(url(safi), fields | {f"amount_{serghini.id}": "12,505", "note": ""})
    too_much = manager.post(url(safi), fields | {f"amount_{serghini.id}": "50,01", "note": "x"})
    no_note = manager.post(url(safi), fields | {f"amount_{serghini.id}": "5", "note": " "})

    # then
    assert bad_amount.status_code == 400
    assert f'<p class="field-error" id="amount_{serghini.id}-error">Valeur invalide.</p>' in page(
        bad_amount
    )
    assert too_much.status_code == 400
    assert "C&#x27;est plus que ce qui peut être réparti maintenant." in page(too_much)
    assert no_note.status_code == 400
    assert '<p class="field-error" id="note-error">Ce champ est requis.</p>' in page(no_note)
    assert not UnattributedAllocation.objects.exists()
    assert balances_of(serghini)["payable"] == 0


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("manager", 200),
        ("staff", 200),
        ("treasurer", 404),
        ("other_manager", 404),
        ("artisan_self", 404),
        ("other_artisan", 404),
    ],
)
def test_who_sees_and_allocates(clients: dict[str, Client], actor: str, status: int) -> None:
    # given
    safi = safi_with_funds()
    client = clients[actor]
    serghini = artisan("mohamed-serghini")

    # when
    shown = client.get(url(safi))
    sent = client.post(
        url(safi),
        {"currency": "MAD", "idempotency_key": "k", f"amount_{serghini.id}": "1", "note": "n"},
    )

    # then
    assert shown.status_code == status
    assert sent.status_code == (302 if status == 200 else 404)
    assert UnattributedAllocation.objects.count() == (1 if status == 200 else 0)


def test_anonymous_visitors_are_sent_to_sign_in(clients: dict[str, Client]) -> None:
    response = clients["anonymous"].get(url(safi_with_funds()))
    assert urlparse(response["Location"]).path == "/portal/sign-in"


def test_the_treasury_links_the_page_for_managers_only(clients: dict[str, Client]) -> None:
    safi = safi_with_funds()
    runs = f"/portal/payouts/cooperatives/{safi}"
    assert url(safi) in page(clients["manager"].get(runs))
    assert url(safi) not in page(clients["treasurer"].get(runs))


def test_the_page_reads_in_the_same_queries_for_any_number_of_allocations(
    clients: dict[str, Client], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given one allocation, then three
    safi = safi_with_funds()
    manager = clients["manager"]
    serghini = artisan("mohamed-serghini")

    def allocate() -> None:
        fields = form(manager, safi)
        manager.post(url(safi), fields | {f"amount_{serghini.id}": "1", "note": "n"})

    allocate()
    # the session, its user, their roles, the ledger access, the cooperative's currencies,
    # its members, the allocations, their lines, its name, its funds
    with django_assert_num_queries(10):
        manager.get(url(safi))
    allocate()
    allocate()
    with django_assert_num_queries(10):
        html = page(manager.get(url(safi)))
    assert html.count("Par abdelkader-benhima@souk.example") == 3


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("150,75", "150.75"),
        ("1 200.50", "1200.50"),
        ("1\u202f200,5", "1200.5"),
        ("12\u066b5", "12.5"),  # the Arabic decimal separator, as Arabic keyboards type it
        ("abc", None),
        ("NaN", None),
    ],
)
def test_typed_amounts(typed: str, expected: str | None) -> None:
    value = typed_amount(typed)
    assert (str(value) if value is not None else None) == expected
