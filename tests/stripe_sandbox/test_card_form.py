"""The hosted test card form: a storefront sends the shopper to it with the PaymentIntent's
client secret and its return_url, as Stripe.js's confirmPayment does; the form confirms the
intent with the test card typed in and returns with Stripe's return parameters."""

import html
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import stripe

RETURN_URL = "https://safi.souk.example/ar/checkout/return"
CARD = {"number": "4242 4242 4242 4242", "expiry": "12 / 34", "cvc": "123", "name": "Amina"}


def open_intent(client: stripe.StripeClient, capture_method: str = "automatic") -> Any:
    return client.v1.payment_intents.create(
        params={"amount": 25_000, "currency": "mad", "capture_method": capture_method}
    )


def form_url(sandbox, intent, **query) -> str:
    return f"{sandbox.url}/card_form/{intent.id}?" + urlencode(
        {"client_secret": intent.client_secret, "return_url": RETURN_URL, **query}
    )


def submit(sandbox, intent, **fields):
    return requests.post(
        f"{sandbox.url}/card_form/{intent.id}",
        data={"client_secret": intent.client_secret, "return_url": RETURN_URL, **CARD, **fields},
        allow_redirects=False,
        timeout=10,
    )


def returned(response) -> dict[str, list[str]]:
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == RETURN_URL
    return parse_qs(location.query)


def test_the_form_labels_every_field_in_the_shoppers_language(sandbox, client):
    intent = open_intent(client)

    arabic = requests.get(form_url(sandbox, intent, locale="ar"), timeout=10)
    french = requests.get(
        form_url(sandbox, intent), headers={"Accept-Language": "fr-MA,fr;q=0.9"}, timeout=10
    )

    assert arabic.status_code == 200
    assert "<html lang='ar' dir='rtl'>" in arabic.text
    assert "<label for='number'>رقم البطاقة</label>" in arabic.text
    assert "<html lang='fr' dir='ltr'>" in french.text
    for field in ("number", "expiry", "cvc", "name"):
        assert f"<label for='{field}'>" in french.text
        assert f"<input id='{field}' name='{field}' required" in french.text


def test_a_visa_card_pays_and_returns_with_stripes_parameters(sandbox, client):
    intent = open_intent(client)

    response = submit(sandbox, intent)

    assert response.status_code == 303
    assert returned(response) == {
        "payment_intent": [intent.id],
        "payment_intent_client_secret": [intent.client_secret],
        "redirect_status": ["succeeded"],
    }
    paid = client.v1.payment_intents.retrieve(intent.id)
    assert (paid.status, paid.payment_method) == ("succeeded", "pm_card_visa")


def test_a_manual_capture_intent_is_authorized_by_the_form(sandbox, client):
    intent = open_intent(client, capture_method="manual")

    response = submit(sandbox, intent)

    assert returned(response)["redirect_status"] == ["succeeded"]
    assert client.v1.payment_intents.retrieve(intent.id).status == "requires_capture"


def test_a_declined_card_returns_failed_and_the_intent_says_why(sandbox, client):
    intent = open_intent(client)

    response = submit(sandbox, intent, number="4000 0000 0000 0002")

    assert returned(response)["redirect_status"] == ["failed"]
    declined = client.v1.payment_intents.retrieve(intent.id)
    assert declined.status == "requires_payment_method"
    assert declined.last_payment_error.decline_code == "generic_decline"


@pytest.mark.parametrize(("answer", "status"), [("complete", "succeeded"), ("fail", "failed")])
def test_three_d_secure_sends_the_shopper_to_the_challenge_then_back(
    sandbox, client, answer, status
):
    intent = open_intent(client)

    challenge = submit(sandbox, intent, number="4000 0027 6000 3184", locale="ar")
    page = requests.get(challenge.headers["Location"], timeout=10)
    answered = requests.post(
        f"{challenge.headers['Location'].split('?')[0]}/{answer}",
        allow_redirects=False,
        timeout=10,
    )

    assert challenge.status_code == 303
    assert "/3ds/" in challenge.headers["Location"]
    assert "<html lang='ar' dir='rtl'>" in page.text
    assert "<button type='submit'>تأكيد (Complete)</button>" in page.text
    assert returned(answered)["redirect_status"] == [status]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"number": "4242 4242 4242 4241"}, "number", "Ce numéro de carte n'est pas valide."),
        ({"number": "4111 1111 1111 1111"}, "number", "Utilisez un des numéros de carte de test"),
        ({"expiry": "01 / 20"}, "expiry", "Saisissez une date d'expiration future"),
        ({"cvc": "12"}, "cvc", "Le cryptogramme a 3 ou 4 chiffres."),
        ({"name": " "}, "name", "Saisissez le nom figurant sur la carte."),
    ],
)
def test_bad_card_details_are_shown_next_to_their_field_and_nothing_is_charged(
    sandbox, client, fields, field, message
):
    intent = open_intent(client)

    response = submit(sandbox, intent, locale="fr", **fields)

    assert response.status_code == 422
    assert f"aria-invalid='true' aria-describedby='{field}-error'" in response.text
    assert f"<span id='{field}-error' role='alert'>{html.escape(message)}" in response.text
    assert client.v1.payment_intents.retrieve(intent.id).status == "requires_payment_method"


def test_the_form_needs_the_intents_client_secret_and_an_open_intent(sandbox, client):
    intent = open_intent(client)
    submit(sandbox, intent)

    wrong_secret = requests.get(
        f"{sandbox.url}/card_form/{intent.id}?client_secret=pi_x_secret_y", timeout=10
    )
    paid_again = submit(sandbox, intent)

    assert wrong_secret.status_code == 404
    assert paid_again.status_code == 404


def test_a_transfer_group_is_set_once_on_a_paid_intent_and_its_charge(sandbox, client):
    intent = open_intent(client)
    submit(sandbox, intent)

    updated = client.v1.payment_intents.update(intent.id, params={"transfer_group": "T3JkZXI6MQ=="})
    again = client.v1.payment_intents.update(intent.id, params={"transfer_group": "T3JkZXI6MQ=="})

    assert updated.transfer_group == again.transfer_group == "T3JkZXI6MQ=="
    assert client.v1.charges.retrieve(updated.latest_charge).transfer_group == "T3JkZXI6MQ=="
    with pytest.raises(stripe.InvalidRequestError, match="cannot change `transfer_group`"):
        client.v1.payment_intents.update(intent.id, params={"transfer_group": "other"})
