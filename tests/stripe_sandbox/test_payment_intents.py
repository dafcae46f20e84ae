from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import stripe

from tests.stripe_sandbox.flows import available, error_of, paid_intent


def test_a_visa_payment_succeeds_with_a_charge_in_the_platform_balance(client):
    # when
    intent = paid_intent(
        client, 4_200, transfer_group="order_9", description="Tajine", metadata={"order": "9"}
    )

    # then
    assert intent.id.startswith("pi_")
    assert str(intent.client_secret).startswith(f"{intent.id}_secret_")
    assert (intent.status, intent.amount_received) == ("succeeded", 4_200)
    assert intent.transfer_group == "order_9"
    charge = client.v1.charges.retrieve(intent.latest_charge)
    assert charge.id.startswith("ch_")
    assert (charge.status, charge.paid, charge.captured, charge.amount_captured) == (
        "succeeded",
        True,
        True,
        4_200,
    )
    assert (charge.payment_intent, charge.transfer_group) == (intent.id, "order_9")
    transaction = client.v1.balance_transactions.retrieve(charge.balance_transaction)
    assert (transaction.type, transaction.amount, transaction.source) == (
        "charge",
        4_200,
        charge.id,
    )
    assert available(client, "eur") == 4_200
    types = [event.type for event in client.v1.events.list().data]
    assert types == ["payment_intent.succeeded", "charge.succeeded", "payment_intent.created"]


def test_a_payment_intent_confirmed_later_succeeds(client):
    # given
    intent = client.v1.payment_intents.create(params={"amount": 1_000, "currency": "mad"})

    # when
    confirmed = client.v1.payment_intents.confirm(
        intent.id, params={"payment_method": "pm_card_visa"}
    )

    # then
    assert intent.status == "requires_payment_method"
    assert confirmed.status == "succeeded"
    assert available(client, "mad") == 1_000


def test_a_declined_card_answers_402_and_the_intent_asks_for_another_method(client):
    # when
    with pytest.raises(stripe.CardError) as declined:
        client.v1.payment_intents.create(
            params={
                "amount": 2_000,
                "currency": "eur",
                "payment_method": "pm_card_chargeDeclined",
                "confirm": True,
            }
        )

    # then
    error = declined.value
    assert (error.http_status, error.code) == (402, "card_declined")
    assert error_of(error)["decline_code"] == "generic_decline"
    intent = client.v1.payment_intents.retrieve(error_of(error)["payment_intent"]["id"])
    assert intent.status == "requires_payment_method"
    assert intent.last_payment_error.code == "card_declined"
    assert client.v1.charges.retrieve(intent.latest_charge).status == "failed"
    assert available(client, "eur") == 0
    failed = client.v1.events.list(params={"type": "payment_intent.payment_failed"}).data
    assert [event.data.object.id for event in failed] == [intent.id]


def test_three_d_secure_completed_on_the_stand_in_page_succeeds_and_returns(client):
    # given
    intent = client.v1.payment_intents.create(
        params={
            "amount": 3_000,
            "currency": "eur",
            "payment_method": "pm_card_threeDSecure2Required",
            "confirm": True,
            "return_url": "https://shop.souk.example/checkout/done",
        }
    )
    redirect = intent.next_action.redirect_to_url
    page = requests.get(redirect.url, timeout=10)

    # when
    completed = requests.post(f"{redirect.url}/complete", allow_redirects=False, timeout=10)

    # then
    assert intent.status == "requires_action"
    assert intent.next_action.type == "redirect_to_url"
    assert redirect.return_url == "https://shop.souk.example/checkout/done"
    assert page.status_code == 200
    location = urlsplit(completed.headers["Location"])
    assert (completed.status_code, location.netloc, location.path) == (
        303,
        "shop.souk.example",
        "/checkout/done",
    )
    assert parse_qs(location.query) == {
        "payment_intent": [intent.id],
        "payment_intent_client_secret": [intent.client_secret],
        "redirect_status": ["succeeded"],
    }
    after = client.v1.payment_intents.retrieve(intent.id)
    assert (after.status, after.next_action) == ("succeeded", None)
    assert available(client, "eur") == 3_000


def test_three_d_secure_failed_leaves_the_intent_without_payment(client):
    # given
    intent = client.v1.payment_intents.create(
        params={
            "amount": 3_000,
            "currency": "eur",
            "payment_method": "pm_card_threeDSecure2Required",
            "confirm": True,
            "return_url": "https://shop.souk.example/checkout/done",
        }
    )

    # when
    failed = requests.post(
        f"{intent.next_action.redirect_to_url.url}/fail", allow_redirects=False, timeout=10
    )

    # then
    assert "redirect_status=failed" in failed.headers["Location"]
    after = client.v1.payment_intents.retrieve(intent.id)
    assert after.status == "requires_payment_method"
    assert after.last_payment_error.code == "payment_intent_authentication_failure"
    assert after.latest_charge is None
    assert available(client, "eur") == 0


def test_a_manual_capture_adds_to_the_balance_only_when_captured(client):
    # given
    intent = paid_intent(client, 5_000, capture_method="manual")
    before_capture = available(client, "eur")

    # when
    captured = client.v1.payment_intents.capture(intent.id, params={"amount_to_capture": 4_000})

    # then
    assert (intent.status, intent.amount_capturable) == ("requires_capture", 5_000)
    assert before_capture == 0
    assert (captured.status, captured.amount_received) == ("succeeded", 4_000)
    assert available(client, "eur") == 4_000


def test_cancelling_an_open_intent_and_refusing_to_cancel_a_paid_one(client):
    # given
    open_intent = client.v1.payment_intents.create(params={"amount": 1_000, "currency": "eur"})
    paid = paid_intent(client, 1_000)

    # when
    canceled = client.v1.payment_intents.cancel(
        open_intent.id, params={"cancellation_reason": "abandoned"}
    )
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.payment_intents.cancel(paid.id)

    # then
    assert (canceled.status, canceled.cancellation_reason) == ("canceled", "abandoned")
    assert canceled.canceled_at is not None
    assert refused.value.code == "payment_intent_unexpected_state"
    assert [
        e.type for e in client.v1.events.list(params={"type": "payment_intent.canceled"}).data
    ] == ["payment_intent.canceled"]


def test_an_unknown_payment_method_is_refused(client):
    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.payment_intents.create(
            params={"amount": 1_000, "currency": "eur", "payment_method": "pm_card_nope"}
        )

    # then
    assert (refused.value.http_status, refused.value.code, refused.value.param) == (
        400,
        "resource_missing",
        "payment_method",
    )


def test_payment_method_types_is_refused_in_this_api_version(client):
    # given: stripe-python 16 (API 2026-10-28.endive) declares allowed_payment_method_types
    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.payment_intents.create(
            params={"amount": 1_000, "currency": "eur", "payment_method_types": ["card"]}
        )
    allowed = client.v1.payment_intents.create(
        params={"amount": 1_000, "currency": "eur", "allowed_payment_method_types": ["card"]}
    )

    # then
    assert (refused.value.code, refused.value.param) == (
        "parameter_unknown",
        "payment_method_types",
    )
    assert allowed.payment_method_types == ["card"]
