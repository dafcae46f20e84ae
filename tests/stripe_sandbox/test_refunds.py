import pytest
import requests
import stripe

from tests.stripe_sandbox.flows import available, paid_intent


def test_partial_then_full_refunds_of_a_payment_intent(client):
    # given
    intent = paid_intent(client, 5_000)

    # when
    partial = client.v1.refunds.create(
        params={
            "payment_intent": intent.id,
            "amount": 2_000,
            "reason": "requested_by_customer",
            "metadata": {"return": "r1"},
        }
    )
    rest = client.v1.refunds.create(params={"charge": intent.latest_charge})

    # then
    assert partial.id.startswith("re_")
    assert (partial.amount, partial.status, partial.reason) == (
        2_000,
        "succeeded",
        "requested_by_customer",
    )
    assert (partial.payment_intent, partial.charge) == (intent.id, intent.latest_charge)
    assert rest.amount == 3_000
    charge = client.v1.charges.retrieve(intent.latest_charge)
    assert (charge.amount_refunded, charge.refunded) == (5_000, True)
    assert available(client, "eur") == 0
    assert client.v1.refunds.retrieve(partial.id).metadata.to_dict() == {"return": "r1"}
    refunded = client.v1.events.list(params={"type": "charge.refunded"}).data
    assert [event.data.object.amount_refunded for event in refunded] == [5_000, 2_000]


def test_a_refund_above_what_remains_is_refused(client):
    # given
    intent = paid_intent(client, 5_000)
    client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 4_000})

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 1_001})

    # then
    assert (refused.value.http_status, refused.value.param) == (400, "amount")
    assert available(client, "eur") == 1_000


def test_a_fully_refunded_charge_cannot_be_refunded_again(client):
    # given
    intent = paid_intent(client, 5_000)
    client.v1.refunds.create(params={"payment_intent": intent.id})

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.refunds.create(params={"payment_intent": intent.id})

    # then
    assert refused.value.code == "charge_already_refunded"


def test_a_succeeded_refund_that_fails_later_gives_the_money_back_and_says_so(sandbox, client):
    # given a refund Stripe first reports succeeded
    intent = paid_intent(client, 5_000)
    refund = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 2_000})

    # when the card's bank refuses it later
    sandbox.control("POST", f"refunds/{refund.id}/fail")

    # then the refund failed, the money is back, and Stripe's events say so
    failed = client.v1.refunds.retrieve(refund.id)
    assert (refund.status, failed.status, failed.failure_reason) == (
        "succeeded",
        "failed",
        "expired_or_canceled_card",
    )
    assert client.v1.charges.retrieve(intent.latest_charge).amount_refunded == 0
    assert available(client, "eur") == 5_000
    types = [event.type for event in client.v1.events.list(params={"types": ["refund.*"]}).data]
    assert types[:2] == ["refund.failed", "refund.updated"]


def test_only_a_succeeded_refund_can_fail(sandbox, client):
    intent = paid_intent(client, 5_000)
    refund = client.v1.refunds.create(params={"payment_intent": intent.id})
    sandbox.control("POST", f"refunds/{refund.id}/fail")

    with pytest.raises(requests.HTTPError):
        sandbox.control("POST", f"refunds/{refund.id}/fail")
