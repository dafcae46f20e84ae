"""What a Stripe PaymentIntent or Refund means to Saleor: pure decisions."""

import pytest

from storefront_plugins.payments.outcomes import (
    SaleorOutcome,
    event_outcomes,
    intent_outcome,
    payment_intent_of,
    refund_outcome,
)
from storefront_plugins.payments.sessions import InvalidSession, request_key, validate_return_url

DECLINE = {
    "type": "card_error",
    "code": "card_declined",
    "decline_code": "insufficient_funds",
    "message": "Your card has insufficient funds.",
}


def payment_intent(status: str, *, manual: bool = False, **fields) -> dict:
    return {
        "id": "pi_1",
        "object": "payment_intent",
        "status": status,
        "capture_method": "manual" if manual else "automatic",
        "amount": 12_550,
        "amount_received": 12_550 if status == "succeeded" else 0,
        "amount_capturable": 12_550 if status == "requires_capture" else 0,
        "currency": "mad",
        "last_payment_error": None,
        **fields,
    }


@pytest.mark.parametrize(
    ("status", "manual", "error", "result", "actions"),
    [
        ("requires_payment_method", False, None, "CHARGE_ACTION_REQUIRED", ("CANCEL",)),
        ("requires_payment_method", True, None, "AUTHORIZATION_ACTION_REQUIRED", ("CANCEL",)),
        ("requires_action", False, None, "CHARGE_ACTION_REQUIRED", ("CANCEL",)),
        ("requires_confirmation", False, None, "CHARGE_ACTION_REQUIRED", ("CANCEL",)),
        ("requires_payment_method", False, DECLINE, "CHARGE_FAILURE", ()),
        ("requires_payment_method", True, DECLINE, "AUTHORIZATION_FAILURE", ()),
        ("processing", False, None, "CHARGE_REQUEST", ()),
        ("processing", True, None, "AUTHORIZATION_REQUEST", ()),
        ("requires_capture", True, None, "AUTHORIZATION_SUCCESS", ("CHARGE", "CANCEL")),
        ("succeeded", False, None, "CHARGE_SUCCESS", ("REFUND",)),
        ("succeeded", True, None, "CHARGE_SUCCESS", ("REFUND",)),
        ("canceled", True, None, "CANCEL_SUCCESS", ()),
        ("canceled", False, None, "CANCEL_SUCCESS", ()),
    ],
)
def test_a_payment_intents_status_is_a_saleor_result(status, manual, error, result, actions):
    outcome = intent_outcome(payment_intent(status, manual=manual, last_payment_error=error))

    assert (outcome.result, outcome.psp_reference, outcome.actions) == (result, "pi_1", actions)


def test_a_decline_says_why_with_stripes_message_and_decline_code():
    outcome = intent_outcome(payment_intent("requires_payment_method", last_payment_error=DECLINE))

    assert outcome.message == "Your card has insufficient funds. (insufficient_funds)"


def test_the_answer_carries_the_amount_in_the_currencys_major_units_never_a_float():
    outcome = intent_outcome(payment_intent("succeeded"))

    assert outcome.as_answer() == {
        "result": "CHARGE_SUCCESS",
        "amount": "125.50",
        "pspReference": "pi_1",
        "actions": ["REFUND"],
    }


def test_a_captured_part_of_an_authorization_is_the_amount_charged():
    outcome = intent_outcome(payment_intent("succeeded", manual=True, amount_received=10_000))

    assert (outcome.result, outcome.amount) == ("CHARGE_SUCCESS", 10_000)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("succeeded", SaleorOutcome("REFUND_SUCCESS", 5_000, "EUR", "re_1")),
        ("pending", None),
        ("requires_action", None),
        (
            "failed",
            SaleorOutcome(
                "REFUND_FAILURE",
                5_000,
                "EUR",
                "re_1",
                message="The refund failed (expired_or_canceled_card).",
            ),
        ),
    ],
)
def test_a_refund_is_reported_once_stripe_settled_it(status, expected):
    refund = {
        "id": "re_1",
        "object": "refund",
        "amount": 5_000,
        "currency": "eur",
        "status": status,
        "payment_intent": "pi_1",
        "failure_reason": "expired_or_canceled_card" if status == "failed" else None,
    }

    assert refund_outcome(refund) == expected


def test_charge_refunded_reports_each_settled_refund_of_the_charge():
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_1",
        "refunds": {
            "data": [
                {"id": "re_2", "amount": 300, "currency": "mad", "status": "pending"},
                {"id": "re_1", "amount": 700, "currency": "mad", "status": "succeeded"},
            ]
        },
    }

    outcomes = event_outcomes("charge.refunded", charge)

    assert [(o.result, o.psp_reference, o.amount) for o in outcomes] == [
        ("REFUND_SUCCESS", "re_1", 700)
    ]
    assert payment_intent_of("charge.refunded", charge) == "pi_1"


def test_events_payments_does_not_report_mean_nothing():
    assert event_outcomes("charge.succeeded", {"id": "ch_1", "payment_intent": "pi_1"}) == []


def test_an_action_request_is_keyed_by_saleors_newest_request_event_of_its_amount():
    transaction = {
        "id": "VHJhbnNhY3Rpb25JdGVtOjE=",
        "events": [
            {
                "id": "ev1",
                "type": "REFUND_REQUEST",
                "createdAt": "2026-11-23T10:00:00+00:00",
                "amount": {"amount": 10},
            },
            {
                "id": "ev2",
                "type": "REFUND_REQUEST",
                "createdAt": "2026-11-23T11:00:00+00:00",
                "amount": {"amount": 10},
            },
            {
                "id": "ev3",
                "type": "REFUND_REQUEST",
                "createdAt": "2026-11-23T12:00:00+00:00",
                "amount": {"amount": 5},
            },
            {
                "id": "ev4",
                "type": "CHARGE_REQUEST",
                "createdAt": "2026-11-23T13:00:00+00:00",
                "amount": {"amount": 10},
            },
        ],
    }

    assert request_key(transaction, "REFUND_REQUEST", "10.00") == "ev2"
    assert request_key(transaction, "CANCEL_REQUEST", 10) == (
        "VHJhbnNhY3Rpb25JdGVtOjE=-CANCEL_REQUEST-10"
    )


@pytest.mark.parametrize("url", ["/checkout/return", "javascript:alert(1)", "ftp://x.example/r"])
def test_a_return_url_must_be_absolute_http(url):
    with pytest.raises(InvalidSession, match="returnUrl must be an absolute http"):
        validate_return_url({"returnUrl": url})


def test_a_return_url_may_be_left_out_by_storefronts_that_confirm_with_stripe_js():
    assert validate_return_url(None) == ""
    assert (
        validate_return_url({"returnUrl": "https://a.example/r?x=1"}) == "https://a.example/r?x=1"
    )
