from decimal import Decimal

import pytest

from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.exceptions import SaleorTransportError
from storefront_plugins.saleor_app.handlers import (
    RetryLater,
    unregister_webhook_batch_handler,
    unregister_webhook_handler,
    webhook_batch_handler,
    webhook_handler,
)
from storefront_plugins.saleor_app.models import WebhookDelivery
from storefront_plugins.saleor_app.services import handle_delivery
from storefront_plugins.saleor_app.tasks import (
    MAX_DELIVERY_RETRIES,
    handle_webhook_delivery,
)

pytestmark = pytest.mark.django_db

ORDER_FULLY_PAID = (
    '{"issuedAt": "2026-11-22T11:00:00+00:00", "order": {"id": "T3JkZXI6MQ==", '
    '"total": {"currency": "MAD", "gross": {"amount": 1250.5}}}}'
)


@pytest.fixture
def delivery(installation):
    return WebhookDelivery.objects.create(
        installation=installation,
        event="ORDER_FULLY_PAID",
        body=ORDER_FULLY_PAID,
        body_sha256="a" * 64,
    )


@pytest.fixture
def received():
    messages = []

    def record(message):
        messages.append(message)

    webhook_handler(WebhookEvent.ORDER_FULLY_PAID)(record)
    yield messages
    unregister_webhook_handler(WebhookEvent.ORDER_FULLY_PAID, record)


@pytest.fixture
def failing_handler():
    """A handler that raises the queued errors in turn, then succeeds."""
    errors: list[Exception] = []
    calls = []

    def fail_then_succeed(message):
        calls.append(message)
        if errors:
            raise errors.pop(0)

    webhook_handler(WebhookEvent.ORDER_FULLY_PAID)(fail_then_succeed)
    yield errors
    unregister_webhook_handler(WebhookEvent.ORDER_FULLY_PAID, fail_then_succeed)


def test_a_delivery_is_handed_to_the_handlers_of_its_event(delivery, received, fake_saleor):
    # when
    result = handle_webhook_delivery.apply(args=(delivery.pk,))

    # then
    assert result.get() == "handled"
    [message] = received
    assert message.event == WebhookEvent.ORDER_FULLY_PAID
    assert message.saleor_api_url == fake_saleor.api_url
    assert message.payload["order"]["total"]["gross"]["amount"] == Decimal("1250.5")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.HANDLED, 1)
    assert delivery.handled_at is not None


def test_a_delivery_is_handled_once_however_often_it_is_queued(delivery, received):
    handle_webhook_delivery.apply(args=(delivery.pk,))
    handle_webhook_delivery.apply(args=(delivery.pk,))

    assert len(received) == 1


def test_a_delivery_with_no_handlers_is_handled(installation):
    delivery = WebhookDelivery.objects.create(
        installation=installation, event="PRODUCT_DELETED", body="{}", body_sha256="b" * 64
    )

    assert handle_webhook_delivery.apply(args=(delivery.pk,)).get() == "handled"


@pytest.mark.parametrize("error", [RetryLater("Saleor is down"), SaleorTransportError("timeout")])
def test_a_transient_failure_is_retried_until_it_passes(delivery, failing_handler, error):
    # given the handler fails twice, then succeeds
    failing_handler.extend([error, error])

    # when (eagerly, so Celery runs each retry at once)
    result = handle_webhook_delivery.apply(args=(delivery.pk,))

    # then
    assert result.get() == "handled"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        WebhookDelivery.Status.HANDLED,
        3,
        "",
    )


def test_retries_are_bounded(delivery, failing_handler):
    failing_handler.extend([RetryLater("Saleor is down")] * 50)

    result = handle_webhook_delivery.apply(args=(delivery.pk,))

    assert result.get() == "failed"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == MAX_DELIVERY_RETRIES + 1
    assert delivery.last_error == "RetryLater: Saleor is down"


def test_a_handler_bug_marks_the_delivery_failed_with_its_reason(delivery, failing_handler):
    failing_handler.append(KeyError("lines"))

    result = handle_webhook_delivery.apply(args=(delivery.pk,))

    assert result.state == "FAILURE"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error == "KeyError: 'lines'"


def test_a_missing_delivery_is_reported_not_raised(db):
    assert handle_webhook_delivery.apply(args=(987654,)).get() == "missing"


@pytest.fixture
def batches():
    """A batch handler of PRODUCT_DELETED that records each batch and fails the deliveries
    whose body names an error."""
    seen: list[list[int]] = []

    def handle(messages):
        seen.append([m.delivery_id for m in messages])
        errors = {"bug": KeyError("id"), "later": RetryLater("Saleor is down")}
        return {m.delivery_id: errors[m.payload["fail"]] for m in messages if "fail" in m.payload}

    webhook_batch_handler(WebhookEvent.PRODUCT_DELETED)(handle)
    yield seen
    unregister_webhook_batch_handler(WebhookEvent.PRODUCT_DELETED, handle)


def product_deleted(installation, *bodies):
    return [
        WebhookDelivery.objects.create(
            installation=installation, event="PRODUCT_DELETED", body=body, body_sha256=str(n) * 64
        ).pk
        for n, body in enumerate(bodies)
    ]


def test_pending_deliveries_of_an_event_with_a_batch_handler_are_handled_together(
    installation, batches
):
    ids = product_deleted(installation, "{}", "{}", "{}")
    attempted = WebhookDelivery.objects.filter(pk=ids[2])
    attempted.update(attempts=1)  # being retried with backoff: left to its own task

    assert handle_delivery(ids[1]) == "handled"

    assert batches == [[ids[1], ids[0]]]
    assert [d.status for d in WebhookDelivery.objects.order_by("pk")] == [
        "handled",
        "handled",
        "pending",
    ]


def test_in_a_batch_another_deliverys_failure_is_its_own(installation, batches):
    ids = product_deleted(installation, "{}", '{"fail": "bug"}', '{"fail": "later"}')

    assert handle_delivery(ids[0]) == "handled"

    rows = [(d.status, d.attempts, d.last_error) for d in WebhookDelivery.objects.order_by("pk")]
    assert rows == [
        ("handled", 1, ""),
        ("failed", 1, "KeyError: 'id'"),  # for a replay once fixed
        ("pending", 1, "RetryLater: Saleor is down"),  # queued again
    ]
