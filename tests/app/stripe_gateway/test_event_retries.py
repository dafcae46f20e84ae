"""A handler that cannot finish now (RetryLater, Stripe unreachable) is retried, a bounded
number of times; the task runs eagerly here, so its backoff is not waited for."""

from collections.abc import Iterator

import pytest
import stripe

from storefront_plugins.saleor_app.handlers import RetryLater
from storefront_plugins.stripe_gateway.handlers import (
    StripeEventHandler,
    stripe_event_handler,
    unregister_stripe_event_handler,
)
from storefront_plugins.stripe_gateway.models import StripeEvent
from storefront_plugins.stripe_gateway.tasks import MAX_EVENT_RETRIES, handle_stripe_event
from tests.app.stripe_gateway.conftest import deliver, event_body

pytestmark = pytest.mark.django_db

PAYOUT = {"id": "po_1", "object": "payout", "amount": 5000, "currency": "eur"}


@pytest.fixture
def payout_handler() -> Iterator[list[StripeEventHandler]]:
    """Registers for `payout.failed` the handler a test appends."""
    registered: list[StripeEventHandler] = []
    yield registered
    for handler in registered:
        unregister_stripe_event_handler("payout.failed", handler)


def stored_event(client) -> int:
    deliver(client, event_body("evt_r", PAYOUT, event_type="payout.failed", account=None))
    return StripeEvent.objects.get().pk


def test_a_handler_that_succeeds_on_retry_handles_the_event_once(
    client, webhook_secret, payout_handler
):
    # given a handler whose service is down the first time
    calls: list[str] = []

    def flaky(message):
        calls.append(message.event_id)
        if len(calls) == 1:
            raise RetryLater("ledger locked")

    payout_handler.append(stripe_event_handler("payout.failed")(flaky))
    pk = stored_event(client)

    # when
    handle_stripe_event.apply(args=(pk,))

    # then
    event = StripeEvent.objects.get(pk=pk)
    assert (event.status, event.attempts, event.last_error) == (StripeEvent.Status.HANDLED, 2, "")
    assert calls == ["evt_r", "evt_r"]


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(RetryLater("still down"), id="RetryLater"),
        pytest.param(stripe.APIConnectionError("connection refused"), id="Stripe unreachable"),
    ],
)
def test_retries_are_bounded_then_the_event_is_failed(
    client, webhook_secret, payout_handler, error
):
    # given
    def down(message):
        raise error

    payout_handler.append(stripe_event_handler("payout.failed")(down))
    pk = stored_event(client)

    # when
    handle_stripe_event.apply(args=(pk,))

    # then
    event = StripeEvent.objects.get(pk=pk)
    assert (event.status, event.attempts) == (StripeEvent.Status.FAILED, MAX_EVENT_RETRIES + 1)
    assert event.last_error.endswith(str(error))


def test_a_stripe_refusal_in_a_handler_is_not_retried(client, webhook_secret, payout_handler):
    # given
    def refused(message):
        raise stripe.InvalidRequestError("No such payout: 'po_1'", "id", http_status=404)

    payout_handler.append(stripe_event_handler("payout.failed")(refused))
    pk = stored_event(client)

    # when
    handle_stripe_event.apply(args=(pk,))

    # then
    event = StripeEvent.objects.get(pk=pk)
    assert (event.status, event.attempts) == (StripeEvent.Status.FAILED, 1)
