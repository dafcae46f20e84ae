import json
import time
from collections.abc import Iterator

import pytest
import stripe

from tests.stripe_sandbox.flows import onboarded_account, paid_intent
from tests.stripe_sandbox.receiver import WebhookReceiver


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    started = WebhookReceiver().start()
    yield started
    started.stop()


def test_endpoint_creation_shows_its_secret_once_and_lists_endpoints(client, receiver):
    # when
    endpoint = client.v1.webhook_endpoints.create(
        params={
            "url": receiver.url,
            "enabled_events": ["payment_intent.succeeded"],
            "description": "Souk payouts",
            "api_version": "2026-10-28.endive",
        }
    )
    listed = client.v1.webhook_endpoints.list()
    deleted = client.v1.webhook_endpoints.delete(endpoint.id)

    # then
    assert endpoint.id.startswith("we_")
    assert endpoint.secret.startswith("whsec_")
    assert [e.id for e in listed.data] == [endpoint.id]
    assert "secret" not in listed.data[0]
    assert deleted.deleted is True
    assert client.v1.webhook_endpoints.list().data == []


def test_events_are_delivered_signed_and_verify_with_construct_event(client, receiver):
    # given
    endpoint = client.v1.webhook_endpoints.create(
        params={"url": receiver.url, "enabled_events": ["payment_intent.succeeded"]}
    )

    # when
    intent = paid_intent(client, 2_500)

    # then
    [delivery] = receiver.wait_for(1)
    event = stripe.Webhook.construct_event(
        delivery.body.decode(), delivery.headers["Stripe-Signature"], endpoint.secret
    )
    assert event.type == "payment_intent.succeeded"
    assert event.data.object.id == intent.id
    assert delivery.headers["Content-Type"].startswith("application/json")
    stored = client.v1.events.retrieve(event.id)
    assert stored.data.object.id == intent.id


def test_a_signature_made_with_another_secret_does_not_verify(client, receiver):
    # given
    client.v1.webhook_endpoints.create(params={"url": receiver.url, "enabled_events": ["*"]})
    paid_intent(client, 100)
    delivery = receiver.wait_for(1)[0]

    # when / then
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(
            delivery.body.decode(), delivery.headers["Stripe-Signature"], "whsec_other"
        )


def test_connect_endpoints_receive_connected_account_events_only(sandbox, client, receiver):
    # given
    platform = WebhookReceiver().start()
    try:
        client.v1.webhook_endpoints.create(
            params={"url": receiver.url, "enabled_events": ["*"], "connect": True}
        )
        client.v1.webhook_endpoints.create(params={"url": platform.url, "enabled_events": ["*"]})

        # when
        account = onboarded_account(sandbox, client)
        paid_intent(client, 100)

        # then
        connect_types = [json.loads(d.body)["type"] for d in receiver.wait_for(1)]
        platform_types = {json.loads(d.body)["type"] for d in platform.wait_for(3)}
        assert connect_types == ["account.updated"]
        assert json.loads(receiver.received[0].body)["account"] == account.id
        assert platform_types == {
            "payment_intent.created",
            "charge.succeeded",
            "payment_intent.succeeded",
        }
    finally:
        platform.stop()


def test_a_failed_delivery_is_retried_until_the_endpoint_answers_2xx(sandbox, client):
    # given: an endpoint that fails twice (the stand-in retries after 0.2 s, then 0.4 s)
    receiver = WebhookReceiver(failures_first=2).start()
    try:
        endpoint = client.v1.webhook_endpoints.create(
            params={"url": receiver.url, "enabled_events": ["charge.succeeded"]}
        )

        # when
        paid_intent(client, 100)

        # then
        deliveries = receiver.wait_for(3)
        assert len({d.body for d in deliveries}) == 1
        attempts = [(d["attempt"], d["status"]) for d in sandbox.wait_for_deliveries(3)]
        assert attempts == [(1, 500), (2, 500), (3, 200)]
        event = stripe.Webhook.construct_event(
            deliveries[-1].body.decode(),
            deliveries[-1].headers["Stripe-Signature"],
            endpoint.secret,
        )
        assert client.v1.events.retrieve(event.id).pending_webhooks == 0
    finally:
        receiver.stop()


def test_deliveries_to_an_unreachable_endpoint_stop_after_the_last_retry(sandbox, client):
    # given: nothing listens on the endpoint's port
    gone = WebhookReceiver().start()
    url = gone.url
    gone.stop()
    client.v1.webhook_endpoints.create(params={"url": url, "enabled_events": ["charge.succeeded"]})

    # when
    paid_intent(client, 100)

    # then: the first attempt and three retries (0.2, 0.4, 0.8 s), then nothing more
    sandbox.wait_for_deliveries(4)
    time.sleep(1.0)
    attempts = sandbox.deliveries()
    assert [a["attempt"] for a in attempts] == [1, 2, 3, 4]
    assert all(a["status"] is None and a["error"] for a in attempts)
