"""The webhook-to-task path with a real Celery worker process and the real broker."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from storefront_plugins.saleor_app.models import WebhookDelivery
from storefront_plugins.saleor_app.tasks import requeue_stale_webhook_deliveries
from tests.app.saleor_app.test_webhooks import PRODUCT_UPDATED, deliver

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_until_handled(delivery_id: int, timeout: float = 30.0) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.objects.get(pk=delivery_id)
        if delivery.status != WebhookDelivery.Status.PENDING:
            return delivery
        time.sleep(0.1)
    raise AssertionError(f"Delivery {delivery_id} was not handled in {timeout} s.")


def test_a_verified_webhook_is_handled_by_the_worker(
    celery_worker, client, installation, fake_saleor
):
    # when
    response = deliver(client, fake_saleor)

    # then
    assert response.status_code == 200
    delivery = wait_until_handled(response.json()["delivery"])
    assert delivery.status == WebhookDelivery.Status.HANDLED
    assert delivery.attempts == 1


def test_a_replayed_webhook_is_handled_once(celery_worker, client, installation, fake_saleor):
    body = PRODUCT_UPDATED.replace(b"10:15", b"10:20")
    first = deliver(client, fake_saleor, body)
    second = deliver(client, fake_saleor, body)

    delivery = wait_until_handled(first.json()["delivery"])

    assert second.json()["duplicate"] is True
    assert WebhookDelivery.objects.count() == 1
    assert delivery.attempts == 1


def test_a_delivery_whose_message_was_lost_is_requeued_and_handled(celery_worker, installation):
    # given a stored delivery whose task never reached the broker
    lost = WebhookDelivery.objects.create(
        installation=installation,
        event="PRODUCT_UPDATED",
        body=PRODUCT_UPDATED.decode(),
        body_sha256="d" * 64,
    )
    WebhookDelivery.objects.filter(pk=lost.pk).update(
        received_at=timezone.now() - timedelta(minutes=10)
    )

    # when the periodic sweep runs
    assert requeue_stale_webhook_deliveries() == 1

    # then
    assert wait_until_handled(lost.pk).status == WebhookDelivery.Status.HANDLED
