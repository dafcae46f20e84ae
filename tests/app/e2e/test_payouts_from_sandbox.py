"""A purchase in the sandbox is split in the App's ledger among the fixture artisans, and a
refund granted in the sandbox reverses it: over HTTP, through the App's real worker."""

import json
import time
from decimal import Decimal
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.payouts import services
from storefront_plugins.payouts.ledger import account_balances
from storefront_plugins.payouts.splits import PLATFORM
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.saleor_app.models import WebhookDelivery
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.shopper import buy, first_product
from tests.app.e2e.test_webhooks_from_sandbox import wait_for_delivery

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

ORDER = """
query($id: ID!) { order(id: $id) { lines { id quantity } transactions { id } } }
"""
GRANT = """
mutation($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    grantedRefund { id amount { amount } } errors { field code message }
  }
}
"""
REFUND = """
mutation($granted: ID!) {
  transactionRequestRefundForGrantedRefund(grantedRefundId: $granted) {
    transaction { refundedAmount { amount } } errors { field code message }
  }
}
"""


def minor(amount: object) -> int:
    return int(Decimal(str(amount)) * 100)


def held(artisan_id: int) -> int:
    balances = services.artisan_balances(artisan_id)
    return sum(b.held for b in balances)


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("The ledger did not reach the expected state in time.")


def test_a_purchase_is_split_among_its_artisans_and_a_granted_refund_reverses_it(
    celery_worker, seeded_sandbox, app_installed_in_sandbox, staff_token
):
    # given the directory and the provenance of the sandbox's products in the App
    sandbox = seeded_sandbox
    load_directory_file(DIRECTORY)
    call_command("load_provenance", "--saleor-api-url", sandbox.api_url, stdout=StringIO())
    product = first_product(sandbox)
    contributions = list(
        ProductProvenance.objects.get(saleor_product_id=product["id"]).contributions.all()
    )

    # when a shopper buys it
    order = buy(sandbox, product["variants"][0]["id"])

    # then the App splits ORDER_FULLY_PAID among the artisans who made it
    delivery = wait_for_delivery("ORDER_FULLY_PAID", mentioning=order["id"])
    assert delivery.status == WebhookDelivery.Status.HANDLED, delivery.last_error
    payload = json.loads(delivery.body)["order"]
    line = payload["lines"][0]
    net = minor(line["totalPrice"]["gross"]["amount"]) - minor(line["totalPrice"]["tax"]["amount"])
    makers_bp = 10_000 - 1200 - 500  # cooperative-safi's 12 % commission, the 5 % platform fee
    for contribution in contributions:
        exact = Fraction(net * makers_bp * contribution.share, 10_000 * 10_000)
        assert abs(held(contribution.artisan_id) - exact) < 1
    clearing = [b.balance for b in account_balances([PLATFORM]) if b.kind == "clearing"]
    assert clearing == [-minor(payload["total"]["gross"]["amount"])]

    # when staff grant a refund of the line and refund it through the test gateway
    details = sandbox.graphql(ORDER, {"id": order["id"]}, token=staff_token)["data"]["order"]
    grant = sandbox.graphql(
        GRANT,
        {
            "id": order["id"],
            "input": {
                "lines": [
                    {"id": details["lines"][0]["id"], "quantity": details["lines"][0]["quantity"]}
                ],
                "transactionId": details["transactions"][0]["id"],
            },
        },
        token=staff_token,
    )["data"]["orderGrantRefundCreate"]
    assert grant["errors"] == [], grant
    refund = sandbox.graphql(REFUND, {"granted": grant["grantedRefund"]["id"]}, token=staff_token)[
        "data"
    ]["transactionRequestRefundForGrantedRefund"]
    assert refund["errors"] == [], refund

    # then the App reverses the artisans' shares; the shipping stays with the cooperative
    refunded = wait_for_delivery("ORDER_REFUNDED", mentioning=order["id"])
    assert refunded.status == WebhookDelivery.Status.HANDLED, refunded.last_error
    wait_for(lambda: all(held(c.artisan_id) == 0 for c in contributions))
    shipping = minor(payload["shippingPrice"]["gross"]["amount"])
    clearing = [b.balance for b in account_balances([PLATFORM]) if b.kind == "clearing"]
    assert clearing == [-shipping]
