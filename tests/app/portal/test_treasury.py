"""A cooperative's treasury in the portal: its payout runs with their progress, starting one,
a run's payouts, recording a manual payment with its proof, the second approval, cancelling;
the services' errors shown on the pages; only the cooperative's managers and treasurers."""

# ruff: noqa: F811  (fixtures imported from other conftests)

from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

import tests.app.payouts.conftest  # noqa: F401  (before api_fixtures, which it imports)
from storefront_plugins.payouts.models import (
    Frequency,
    Payout,
    PayoutRun,
    PayoutSchedule,
    PayoutState,
    Rail,
)
from storefront_plugins.payouts.runs import start_payout_run
from tests.app.artisans.conftest import directory, tokens  # noqa: F401
from tests.app.payouts.conftest import credit_payable, media_root, method, staff_token  # noqa: F401
from tests.app.portal.money_fixtures import (  # noqa: F401
    _fresh_counters,
    artisan,
    clients,
    cooperative,
    page,
)

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def owed(second_approval: bool = False) -> int:
    """Mohamed Serghini (cooperative-safi) is owed 250.00 MAD, paid by bank transfer."""
    safi = cooperative("cooperative-safi").id
    PayoutSchedule.objects.create(
        cooperative_id=safi, frequency=Frequency.MANUAL, requires_second_approval=second_approval
    )
    serghini = artisan("mohamed-serghini")
    credit_payable(serghini, 25_000)
    method(serghini, Rail.BANK_TRANSFER)
    return safi


def a_payout(second_approval: bool = False) -> Payout:
    return start_payout_run(owed(second_approval), "MAD", None).payouts[0]


def record(client: Client, payout: Payout, proof: bytes = PDF, **fields: Any) -> Any:
    data = {
        "reference": "VIR-2026-000123",
        "paid_on": timezone.localdate().isoformat(),
        "proof": SimpleUploadedFile("recu.pdf", proof, "application/pdf"),
        **fields,
    }
    return client.post(f"/portal/payouts/{payout.pk}/record", data)


def test_a_treasurer_starts_a_run_and_sees_its_payouts(clients: dict[str, Client]) -> None:
    # given
    safi = owed()
    # when
    response = clients["treasurer"].post(
        f"/portal/payouts/cooperatives/{safi}", {"currency": "mad"}
    )
    # then
    run = PayoutRun.objects.get(cooperative_id=safi)
    assert response.status_code == 302
    assert response["Location"] == f"/portal/payouts/runs/{run.pk}?done=payouts_run_started"
    html = page(clients["treasurer"].get(response["Location"]))
    assert "Versement lancé." in html
    assert "Mohamed Serghini" in html
    assert '<p class="money-amount">250,00\xa0MAD</p>' in html
    assert "Enregistrer le paiement" in html


def test_starting_a_run_shows_the_services_error_next_to_the_currency(
    clients: dict[str, Client],
) -> None:
    safi = cooperative("cooperative-safi").id  # nobody is owed anything
    response = clients["manager"].post(f"/portal/payouts/cooperatives/{safi}", {"currency": "MAD"})
    assert response.status_code == 400
    assert (
        '<p class="field-error" id="currency-error">Personne n&#x27;a le minimum à recevoir avec '
        "un moyen de paiement.</p>" in page(response)
    )
    assert not PayoutRun.objects.exists()


def test_the_runs_list_shows_progress_in_the_same_queries_for_any_number_of_runs(
    clients: dict[str, Client], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given one closed run, then three
    payout = a_payout()
    safi = payout.run.cooperative_id
    client = clients["treasurer"]
    with django_assert_num_queries(7):
        client.get(f"/portal/payouts/cooperatives/{safi}")
    for currency in ("EUR", "USD"):
        credit_payable(artisan("mohamed-serghini"), 1000, currency)
        start_payout_run(safi, currency, None)
    # then: the session, its user, their roles, the cooperative, the runs, their progress,
    # the cooperative's name
    with django_assert_num_queries(7):
        html = page(client.get(f"/portal/payouts/cooperatives/{safi}"))
    assert html.count("<dt>Terminés</dt>") == 3
    assert '<dd class="num">0 / 1</dd>' in html


def test_recording_a_payment_without_a_second_approval_pays_it(
    clients: dict[str, Client],
) -> None:
    # given
    payout = a_payout()
    # when
    response = record(clients["treasurer"], payout)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/portal/payouts/runs/{payout.run_id}?done=payouts_recorded"
    payout.refresh_from_db()
    assert payout.state == PayoutState.PAID
    assert payout.external_reference == "VIR-2026-000123"
    html = page(clients["treasurer"].get(response["Location"]))
    assert "Voir le justificatif" in html  # the treasury sees the proof
    artisan_view = page(clients["artisan_self"].get("/portal/my/payouts"))
    assert "Payé" in artisan_view
    assert "Justificatif conservé par la coopérative" in artisan_view
    assert "/files/" not in artisan_view  # the artisan does not


@pytest.mark.parametrize(
    ("fields", "proof", "field", "message"),
    [
        ({"reference": " "}, PDF, "reference", "Ce champ est requis."),
        ({"paid_on": "demain"}, PDF, "paid_on", "Ce champ est requis."),
        (
            {"paid_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
            PDF,
            "paid_on",
            "Valeur hors limites",
        ),
        ({}, b"MZ\x90\x00 not a document", "proof", "Le justificatif doit être un PDF"),
    ],
)
def test_a_refused_record_shows_the_services_error_next_to_its_field(
    clients: dict[str, Client], fields: dict[str, str], proof: bytes, field: str, message: str
) -> None:
    payout = a_payout()
    response = record(clients["treasurer"], payout, proof, **fields)
    assert response.status_code == 400
    html = page(response)
    assert f'<p class="field-error" id="{field}-error">{message}' in html
    payout.refresh_from_db()
    assert payout.state == PayoutState.CREATED


def test_a_second_person_approves_and_the_recorder_cannot(clients: dict[str, Client]) -> None:
    # given a run requiring a second approval, recorded by the treasurer
    payout = a_payout(second_approval=True)
    assert record(clients["treasurer"], payout).status_code == 302
    # when the treasurer approves
    refused = clients["treasurer"].post(f"/portal/payouts/{payout.pk}/approve")
    # then
    assert refused.status_code == 400
    assert "Une autre personne que celle qui a enregistré le paiement" in page(refused)
    # when the manager approves
    approved = clients["manager"].post(f"/portal/payouts/{payout.pk}/approve")
    assert approved["Location"] == f"/portal/payouts/runs/{payout.run_id}?done=payouts_approved"
    payout.refresh_from_db()
    assert payout.state == PayoutState.PAID


def test_cancelling_a_payout_with_a_reason_makes_it_payable_again(
    clients: dict[str, Client],
) -> None:
    payout = a_payout()
    assert clients["manager"].get(f"/portal/payouts/{payout.pk}/cancel").status_code == 200
    response = clients["manager"].post(
        f"/portal/payouts/{payout.pk}/cancel", {"reason": "RIB erroné"}
    )
    assert response.status_code == 302
    payout.refresh_from_db()
    assert payout.state == PayoutState.CANCELLED
    assert payout.events.last().note == "RIB erroné"  # type: ignore[union-attr]
    again = clients["manager"].post(f"/portal/payouts/{payout.pk}/cancel", {"reason": "x"})
    assert again.status_code == 400
    assert "Ce versement ne le permet pas dans son état actuel." in page(again)


@pytest.mark.parametrize("actor", ["other_manager", "artisan_self", "staff"])
def test_only_the_cooperatives_treasury_reaches_its_payouts(
    clients: dict[str, Client], actor: str
) -> None:
    payout = a_payout()
    client = clients[actor]
    safi = payout.run.cooperative_id
    for url in (
        f"/portal/payouts/cooperatives/{safi}",
        f"/portal/payouts/runs/{payout.run_id}",
        f"/portal/payouts/{payout.pk}/record",
        f"/portal/payouts/{payout.pk}/cancel",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/portal/payouts/{payout.pk}/approve").status_code == 404
    assert client.post(f"/portal/payouts/{payout.pk}/cancel").status_code == 404
    assert record(client, payout).status_code == 404
    assert (
        client.post(f"/portal/payouts/cooperatives/{safi}", {"currency": "EUR"}).status_code == 404
    )
    payout.refresh_from_db()
    assert payout.state == PayoutState.CREATED


def test_strangers_are_sent_to_sign_in(clients: dict[str, Client]) -> None:
    payout = a_payout()
    response = clients["anonymous"].get(f"/portal/payouts/runs/{payout.run_id}")
    assert urlparse(response["Location"]).path == "/portal/sign-in"


def test_the_menu_takes_a_treasurer_to_their_cooperatives_runs(clients: dict[str, Client]) -> None:
    safi = cooperative("cooperative-safi").id
    home = page(clients["treasurer"].get("/portal/"))
    assert 'href="/portal/payouts/"' in home
    assert 'href="/portal/payouts/"' not in page(clients["artisan_self"].get("/portal/"))
    response = clients["treasurer"].get("/portal/payouts/")
    assert response["Location"] == f"/portal/payouts/cooperatives/{safi}"
    assert clients["artisan_self"].get("/portal/payouts/").status_code == 404


@pytest.mark.parametrize(
    ("actor", "status"),
    [("treasurer", 200), ("staff", 200), ("other_manager", 404), ("artisan_self", 404)],
)
def test_the_cooperatives_statements_for_whoever_reads_its_ledger(
    clients: dict[str, Client], actor: str, status: int
) -> None:
    a_payout()
    safi = cooperative("cooperative-safi").id
    response = clients[actor].get(f"/portal/payouts/cooperatives/{safi}/statements")
    assert response.status_code == status
