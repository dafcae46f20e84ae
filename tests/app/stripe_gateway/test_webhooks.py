"""POST /api/stripe/webhooks: verified with stripe-python, stored once by event id, handled
once by the handlers registered for its type."""

import json
import time

import pytest

from storefront_plugins.stripe_gateway.models import StripeEvent, WebhookEndpoint
from storefront_plugins.stripe_gateway.tasks import handle_stripe_event
from storefront_plugins.stripe_gateway.webhooks import handle_event
from tests.app.stripe_gateway.conftest import SECRET, deliver, event_body, sign

pytestmark = pytest.mark.django_db

CHARGE = {"id": "ch_1", "object": "charge", "amount": 12000, "currency": "eur"}


def test_a_signed_event_is_stored_and_queued_once(
    client, webhook_secret, django_capture_on_commit_callbacks
):
    # given
    body = event_body("evt_1", CHARGE, event_type="charge.refunded", account=None)

    # when
    with django_capture_on_commit_callbacks() as queued:
        response = deliver(client, body)

    # then
    assert response.status_code == 200
    assert response.json() == {"received": True, "event": "evt_1", "duplicate": False}
    stored = StripeEvent.objects.get()
    assert (stored.event_id, stored.type, stored.account, stored.created, stored.status) == (
        "evt_1",
        "charge.refunded",
        "",
        1_790_000_000,
        StripeEvent.Status.PENDING,
    )
    assert len(queued) == 1


def test_a_redelivered_event_is_acknowledged_and_handled_once(
    client, webhook_secret, recorded_events, django_capture_on_commit_callbacks
):
    # given
    body = event_body("evt_2", CHARGE, event_type="charge.refunded", account=None)
    with django_capture_on_commit_callbacks(execute=False) as first_queue:
        first = deliver(client, body)

    # when Stripe delivers it again (a new signature, the same event)
    with django_capture_on_commit_callbacks(execute=False) as second_queue:
        second = deliver(client, body, signature=sign(body, timestamp=int(time.time()) - 5))
    statuses = [handle_event(StripeEvent.objects.get().pk) for _ in range(2)]

    # then
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == {"received": True, "event": "evt_2", "duplicate": True}
    assert (len(first_queue), len(second_queue)) == (1, 0)
    assert StripeEvent.objects.count() == 1
    assert statuses == ["handled", "handled"]
    assert [(m.event_id, m.type, m.account, m.object["amount"]) for m in recorded_events] == [
        ("evt_2", "charge.refunded", None, 12000)
    ]


def test_a_connect_event_names_its_connected_account(client, webhook_secret, recorded_events):
    # given
    body = event_body("evt_3", CHARGE, event_type="charge.refunded", account="acct_9")
    deliver(client, body)

    # when
    handle_event(StripeEvent.objects.get().pk)

    # then
    assert StripeEvent.objects.get().account == "acct_9"
    assert [m.account for m in recorded_events] == ["acct_9"]


@pytest.mark.parametrize(
    ("signature", "status", "code"),
    [
        pytest.param(None, 400, "MISSING_SIGNATURE", id="no header"),
        pytest.param("garbage", 401, "INVALID_SIGNATURE", id="unparsable header"),
        pytest.param("other-secret", 401, "INVALID_SIGNATURE", id="another secret"),
        pytest.param("too-old", 401, "INVALID_SIGNATURE", id="older than 300 s"),
        pytest.param("tampered", 401, "INVALID_SIGNATURE", id="body changed after signing"),
    ],
)
def test_a_delivery_without_a_good_signature_is_refused_and_not_stored(
    client, webhook_secret, signature, status, code
):
    # given
    body = event_body("evt_4", CHARGE, event_type="charge.refunded", account=None)
    header = {
        None: None,
        "garbage": "garbage",
        "other-secret": sign(body, secret="whsec_someone_else"),
        "too-old": sign(body, timestamp=int(time.time()) - 301),
        "tampered": sign(body.replace(b"12000", b"99000")),
    }[signature]

    # when
    response = deliver(client, body, signature=header)

    # then
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert StripeEvent.objects.count() == 0


def test_a_delivery_is_refused_while_no_signing_secret_is_known(client, settings):
    # given
    settings.STRIPE_WEBHOOK_SECRETS = []
    body = event_body("evt_5", CHARGE, event_type="charge.refunded", account=None)

    # when
    response = deliver(client, body)

    # then
    assert (response.status_code, response.json()["error"]["code"]) == (401, "NO_SIGNING_SECRET")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"not json", id="not JSON"),
        pytest.param(b"[1, 2]", id="not an object"),
        pytest.param(json.dumps({"id": "evt_6", "object": "charge"}).encode(), id="not an event"),
        pytest.param(
            json.dumps({"id": "evt_6", "object": "event", "type": "x", "created": 1}).encode(),
            id="no data.object",
        ),
    ],
)
def test_a_signed_body_that_is_not_a_stripe_event_is_refused(client, webhook_secret, body):
    # when
    response = deliver(client, body)

    # then
    assert (response.status_code, response.json()["error"]["code"]) == (400, "MALFORMED_BODY")
    assert StripeEvent.objects.count() == 0


def test_each_known_secret_is_tried_environment_and_stored(client, settings):
    # given the environment's secret and one stripe_webhook_setup stored
    settings.STRIPE_WEBHOOK_SECRETS = [SECRET]
    WebhookEndpoint.objects.create(
        api_base="http://stripe.test",
        scope="connect",
        stripe_endpoint_id="we_1",
        url="http://app.test/api/stripe/webhooks",
        secret="whsec_stored_connect",
    )
    platform = event_body("evt_7", CHARGE, event_type="charge.refunded", account=None)
    connect = event_body("evt_8", CHARGE, event_type="charge.refunded", account="acct_1")

    # when
    by_environment = deliver(client, platform, signature=sign(platform, SECRET))
    by_stored = deliver(client, connect, signature=sign(connect, "whsec_stored_connect"))

    # then
    assert (by_environment.status_code, by_stored.status_code) == (200, 200)
    assert StripeEvent.objects.count() == 2


def test_only_post_is_answered(client, webhook_secret):
    assert client.get("/api/stripe/webhooks").status_code == 405


def test_an_event_no_handler_wants_is_marked_handled(client, webhook_secret):
    # given
    body = event_body("evt_9", {"id": "po_1", "object": "payout"}, event_type="payout.paid")
    deliver(client, body)

    # when
    status = handle_event(StripeEvent.objects.get().pk)

    # then
    assert status == "handled"
    assert StripeEvent.objects.get().attempts == 1


def test_a_handler_bug_marks_the_event_failed_with_its_reason(client, webhook_secret):
    # given
    from storefront_plugins.stripe_gateway.handlers import (
        stripe_event_handler,
        unregister_stripe_event_handler,
    )

    def broken(message):
        raise ValueError("no such order")

    stripe_event_handler("charge.refunded")(broken)
    body = event_body("evt_10", CHARGE, event_type="charge.refunded", account=None)
    deliver(client, body)
    pk = StripeEvent.objects.get().pk

    # when
    try:
        result = handle_stripe_event.apply(args=(pk,))
    finally:
        unregister_stripe_event_handler("charge.refunded", broken)

    # then
    assert result.failed()
    failed = StripeEvent.objects.get(pk=pk)
    assert (failed.status, failed.last_error) == (
        StripeEvent.Status.FAILED,
        "ValueError: no such order",
    )
