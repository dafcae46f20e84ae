"""A paid order's PaymentIntent joins the order's transfer group: the webhook handler records
the order and queues the Stripe call for after its transaction; the call is idempotent and
waits out Stripe's outages."""

from typing import Any

import pytest

from storefront_plugins.payments import transfer_groups
from storefront_plugins.payments.models import Payment
from storefront_plugins.payments.webhooks import group_order_payments
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage
from tests.app.payments.test_sessions import TRANSACTION_ID, paid

pytestmark = pytest.mark.django_db
ORDER_ID = "T3JkZXI6MQ=="

__all__ = ["paid"]


def paid_order_message(installation: Any) -> WebhookMessage:
    return WebhookMessage(
        delivery_id=1,
        installation_id=installation.pk,
        saleor_api_url=installation.saleor_api_url,
        event=WebhookEvent.ORDER_FULLY_PAID,
        payload={"order": {"id": ORDER_ID, "transactions": [{"id": TRANSACTION_ID}]}},
    )


def order_payments(installation: Any) -> transfer_groups.OrderPayments:
    return transfer_groups.OrderPayments(installation.pk, ORDER_ID, [TRANSACTION_ID])


def test_the_paid_order_is_recorded_and_stripe_is_called_only_after_the_commit(
    installation: Any, paid: str, stripe_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # when the ORDER_FULLY_PAID handler runs (inside the delivery's transaction)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        failures = group_order_payments([paid_order_message(installation)])

    # then the payment knows its order, and Stripe has not been called yet
    assert failures == {}
    payment = Payment.objects.get()
    assert (payment.saleor_order_id, payment.transfer_group) == (ORDER_ID, "")
    assert len(callbacks) == 1
    assert stripe_api.client().v1.payment_intents.retrieve(paid).transfer_group is None


def test_grouping_sets_the_transfer_group_once(
    installation: Any, paid: str, stripe_api: Any
) -> None:
    # given
    [payment_id] = transfer_groups.payments_to_group([order_payments(installation)])

    # when
    first = transfer_groups.group_payment(payment_id)
    again = transfer_groups.group_payment(payment_id)

    # then
    assert (first, again) == ("grouped", "already grouped")
    assert stripe_api.client().v1.payment_intents.retrieve(paid).transfer_group == ORDER_ID
    assert Payment.objects.get().transfer_group == ORDER_ID
    assert transfer_groups.payments_to_group([order_payments(installation)]) == []


def test_stripe_down_leaves_the_payment_to_group_on_the_next_try(
    installation: Any, paid: str, stripe_api: Any
) -> None:
    # given
    [payment_id] = transfer_groups.payments_to_group([order_payments(installation)])
    stripe_api.inject_fault(f"/v1/payment_intents/{paid}", "error")

    # when
    with pytest.raises(transfer_groups.TransferGroupNotYetSet):
        transfer_groups.group_payment(payment_id)
    retried = transfer_groups.group_payment(payment_id)

    # then
    assert retried == "grouped"
    assert stripe_api.client().v1.payment_intents.retrieve(paid).transfer_group == ORDER_ID
