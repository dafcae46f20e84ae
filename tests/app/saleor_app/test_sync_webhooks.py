"""Sync webhooks (payments): verified inline and answered with the registered handler's
JSON; nothing is stored or queued (Saleor does not retry them)."""

import json
from decimal import Decimal

import pytest

from storefront_plugins.saleor_app.events import SyncWebhookEvent
from storefront_plugins.saleor_app.handlers import (
    SyncWebhookMessage,
    sync_webhook_for,
    sync_webhook_handler,
    unregister_sync_webhook_handler,
)
from storefront_plugins.saleor_app.models import WebhookDelivery
from tests.app.saleor_app.test_webhooks import deliver

pytestmark = pytest.mark.django_db

EVENT = SyncWebhookEvent.TRANSACTION_PROCESS_SESSION
URL = "/api/webhooks/transaction-process-session"
BODY = json.dumps(
    {"transaction": {"id": "VHJhbnNhY3Rpb25JdGVtOjE="}, "action": {"amount": 12.5}}
).encode()


@pytest.fixture
def answering():
    """The process session answered by a handler that echoes what it was given."""
    registered = sync_webhook_for(EVENT)
    seen: list[SyncWebhookMessage] = []

    def answer(message: SyncWebhookMessage) -> dict:
        seen.append(message)
        return {"result": "CHARGE_SUCCESS", "amount": str(message.payload["action"]["amount"])}

    unregister_sync_webhook_handler(EVENT)
    sync_webhook_handler(EVENT, "subscription { event { issuedAt } }")(answer)
    yield seen
    unregister_sync_webhook_handler(EVENT)
    if registered is not None:
        sync_webhook_handler(registered.event, registered.query)(registered.handler)


def test_a_signed_sync_webhook_is_answered_by_its_handler(
    client, installation, fake_saleor, answering
):
    # when
    response = deliver(client, fake_saleor, BODY, url=URL, event="transaction_process_session")

    # then
    assert response.status_code == 200
    assert response.json() == {"result": "CHARGE_SUCCESS", "amount": "12.5"}
    [message] = answering
    assert (message.event, message.installation_id) == (EVENT, installation.pk)
    assert message.payload["action"]["amount"] == Decimal("12.5")
    assert not WebhookDelivery.objects.exists()


def test_a_forged_sync_webhook_is_refused_before_its_handler_runs(
    client, installation, fake_saleor, answering
):
    from tests.app.saleor_endpoints import SigningKey, saleor_signature

    forged = saleor_signature(BODY, SigningKey.generate("key-1"))

    response = deliver(
        client, fake_saleor, BODY, url=URL, event="transaction_process_session", signature=forged
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
    assert answering == []


def test_a_sync_webhook_sent_to_another_events_endpoint_is_refused(
    client, installation, fake_saleor, answering
):
    response = deliver(client, fake_saleor, BODY, url=URL, event="transaction_charge_requested")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "EVENT_MISMATCH"
    assert answering == []
