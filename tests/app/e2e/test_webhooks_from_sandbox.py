"""Events in the sandbox reach the App verified, and the App's worker handles them."""

import json
import time

import pytest

from storefront_plugins.saleor_app.models import WebhookDelivery
from tests.app.e2e.shopper import buy, first_product

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

PRODUCT_UPDATE = """
mutation($id: ID!, $name: String!) { productUpdate(id: $id, input: {name: $name}) { errors { field code message } } }
"""


def wait_for_delivery(event: str, mentioning: str, timeout: float = 60.0) -> WebhookDelivery:
    """The handled delivery of `event` whose body mentions `mentioning` (an id): the sandbox
    is shared by the session, so deliveries of earlier tests' events may arrive too."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = (
            WebhookDelivery.objects.filter(event=event, body__contains=mentioning)
            .exclude(status="pending")
            .first()
        )
        if delivery is not None:
            return delivery
        time.sleep(0.2)
    raise AssertionError(f"No {event} delivery was handled within {timeout} s.")


def test_a_product_update_in_the_sandbox_is_handled_by_the_app(
    celery_worker, seeded_sandbox, app_installed_in_sandbox, staff_token
):
    # given
    product = first_product(seeded_sandbox)

    # when a staff member renames it
    body = seeded_sandbox.graphql(
        PRODUCT_UPDATE, {"id": product["id"], "name": "Tajine du potier"}, token=staff_token
    )
    assert body["data"]["productUpdate"]["errors"] == []

    # then the App verified the delivery and its worker handled it
    delivery = wait_for_delivery("PRODUCT_UPDATED", mentioning="Tajine du potier")
    assert delivery.status == WebhookDelivery.Status.HANDLED
    payload = json.loads(delivery.body)
    assert payload["product"]["id"] == product["id"]
    assert payload["product"]["name"] == "Tajine du potier"


def test_a_purchase_through_checkout_reaches_the_app_as_order_fully_paid(
    celery_worker, seeded_sandbox, app_installed_in_sandbox
):
    # given
    sandbox = seeded_sandbox
    variant_id = first_product(sandbox)["variants"][0]["id"]

    # when a shopper buys it through checkout, paying with the test gateway
    order = buy(sandbox, variant_id)
    assert order["chargeStatus"] == "FULL"

    # then ORDER_FULLY_PAID arrives at the App, verified, and is handled
    delivery = wait_for_delivery("ORDER_FULLY_PAID", mentioning=order["id"])
    assert delivery.status == WebhookDelivery.Status.HANDLED
    payload = json.loads(delivery.body)
    assert payload["order"]["id"] == order["id"]
    assert payload["order"]["number"] == str(order["number"])
    assert payload["order"]["lines"][0]["variant"]["id"] == variant_id
    assert payload["order"]["transactions"][0]["chargedAmount"]["amount"] > 0
