"""Transactions on orders: created, updated and reported by apps; actions requested from
the test gateway and from payment apps (signed sync webhooks to a real HTTP server)."""

import json
from decimal import Decimal

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from jwt.algorithms import RSAAlgorithm

from saleor_sandbox import keys
from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import TransactionEvent, TransactionItem, Webhook
from saleor_sandbox.services.payment_gateways import DUMMY_GATEWAY_ID
from saleor_sandbox.services.transactions import recalculate
from tests.sandbox.orders.conftest import gid

TRANSACTION_FIELDS = """
  transaction {
    pspReference authorizedAmount { amount } chargedAmount { amount }
    refundedAmount { amount } canceledAmount { amount }
  }
  errors { field code message }
"""
CREATE = (
    """
mutation Create($id: ID!, $transaction: TransactionCreateInput!) {
  transactionCreate(id: $id, transaction: $transaction) {"""
    + TRANSACTION_FIELDS
    + "} }"
)
UPDATE = (
    """
mutation Update($id: ID!, $transaction: TransactionUpdateInput) {
  transactionUpdate(id: $id, transaction: $transaction) {"""
    + TRANSACTION_FIELDS
    + "} }"
)
REPORT = (
    """
mutation Report($id: ID!, $psp: String!, $type: TransactionEventTypeEnum!, $amount: PositiveDecimal) {
  transactionEventReport(id: $id, pspReference: $psp, type: $type, amount: $amount) {
    alreadyProcessed transactionEvent { type amount { amount } pspReference }"""
    + TRANSACTION_FIELDS
    + "} }"
)
REQUEST_ACTION = (
    """
mutation Action($id: ID!, $action: TransactionActionEnum!, $amount: PositiveDecimal) {
  transactionRequestAction(id: $id, actionType: $action, amount: $amount) {"""
    + TRANSACTION_FIELDS
    + "} }"
)
ORDER = """
query Order($id: ID!) {
  order(id: $id) {
    chargeStatus authorizeStatus isPaid
    totalCharged { amount } totalRefunded { amount } totalAuthorized { amount }
  }
}
"""
REFUND_REQUESTED_QUERY = """
subscription { event { ... on TransactionRefundRequested {
  action { actionType amount currency } transaction { id pspReference }
} } }
"""


def _mad(amount):
    return {"amount": amount, "currency": "MAD"}


def _transaction_id(transaction):
    return to_global_id("TransactionItem", transaction.token)


def _order_state(gql, order, token):
    return gql(ORDER, {"id": gid("Order", order)}, token=token)["data"]["order"]


def _paid_transaction(order, amount, *, app=None, identifier=DUMMY_GATEWAY_ID, kind="charge"):
    transaction = TransactionItem.objects.create(
        order=order,
        currency="MAD",
        psp_reference="psp-1",
        app=app,
        app_identifier=identifier,
        available_actions=["refund"] if kind == "charge" else ["charge", "cancel"],
    )
    TransactionEvent.objects.create(
        transaction=transaction,
        type=f"{kind}_success" if kind == "charge" else "authorization_success",
        amount_value=Decimal(amount),
        currency="MAD",
        psp_reference="psp-1",
        include_in_calculations=True,
    )
    recalculate(transaction)
    order.total_charged_amount = transaction.charged_value
    order.total_authorized_amount = transaction.authorized_value
    order.charge_status = "full" if transaction.charged_value else "none"
    order.authorize_status = "full" if transaction.authorized_value else "none"
    order.save()
    return transaction


def test_an_app_creates_a_charged_transaction_and_the_order_is_paid(
    gql, order, payment_app, sent_events
):
    # given
    _app, token = payment_app

    # when
    body = gql(
        CREATE,
        {
            "id": gid("Order", order),
            "transaction": {"pspReference": "pay-1", "amountCharged": _mad(270)},
        },
        token=token,
    )

    # then
    payload = body["data"]["transactionCreate"]
    assert payload["errors"] == []
    assert payload["transaction"]["chargedAmount"] == {"amount": 270.0}
    assert _order_state(gql, order, token) == {
        "chargeStatus": "FULL",
        "authorizeStatus": "FULL",
        "isPaid": True,
        "totalCharged": {"amount": 270.0},
        "totalRefunded": {"amount": 0.0},
        "totalAuthorized": {"amount": 0.0},
    }
    assert sent_events == ["ORDER_PAID", "ORDER_FULLY_PAID", "ORDER_UPDATED"]


def test_transaction_create_checks_the_currency(gql, order, payment_app):
    # given
    _app, token = payment_app

    # when
    body = gql(
        CREATE,
        {
            "id": gid("Order", order),
            "transaction": {"amountCharged": {"amount": 10, "currency": "EUR"}},
        },
        token=token,
    )

    # then
    assert body["data"]["transactionCreate"]["errors"] == [
        {
            "field": "amountCharged",
            "code": "INCORRECT_CURRENCY",
            "message": "Currency needs to be the same as for order/checkout.",
        }
    ]


@pytest.mark.parametrize("mutation", [CREATE, UPDATE])
def test_transaction_writes_need_handle_payments(gql, order, orders_token, mutation):
    # given
    transaction = TransactionItem.objects.create(order=order, currency="MAD")
    target = gid("Order", order) if mutation is CREATE else _transaction_id(transaction)

    # when
    body = gql(mutation, {"id": target, "transaction": {"name": "x"}}, token=orders_token)

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_an_update_to_a_partial_amount_makes_the_order_partially_charged(
    gql, order, payment_app, sent_events
):
    # given
    _app, token = payment_app
    created = gql(
        CREATE,
        {"id": gid("Order", order), "transaction": {"amountAuthorized": _mad(270)}},
        token=token,
    )
    transaction = TransactionItem.objects.get(order=order)
    sent_events.clear()

    # when
    body = gql(
        UPDATE,
        {"id": _transaction_id(transaction), "transaction": {"amountCharged": _mad(100)}},
        token=token,
    )

    # then
    assert created["data"]["transactionCreate"]["errors"] == []
    assert body["data"]["transactionUpdate"]["transaction"]["chargedAmount"] == {"amount": 100.0}
    state = _order_state(gql, order, token)
    assert (state["chargeStatus"], state["isPaid"]) == ("PARTIAL", False)
    assert sent_events == ["ORDER_PAID", "ORDER_UPDATED"]


def test_event_reports_are_idempotent_and_refunds_are_announced(
    gql, order, payment_app, sent_events
):
    # given
    app, token = payment_app
    transaction = TransactionItem.objects.create(
        order=order, currency="MAD", app=app, app_identifier=app.identifier
    )
    target = _transaction_id(transaction)

    def report(psp, event_type, amount):
        variables = {"id": target, "psp": psp, "type": event_type, "amount": amount}
        return gql(REPORT, variables, token=token)["data"]["transactionEventReport"]

    # when
    charged = report("ch-1", "CHARGE_SUCCESS", 270)
    charged_events = list(sent_events)
    repeated = report("ch-1", "CHARGE_SUCCESS", 270)
    different = report("ch-1", "CHARGE_SUCCESS", 100)
    sent_events.clear()
    partly_refunded = report("rf-1", "REFUND_SUCCESS", 70)
    partly_refunded_events = list(sent_events)
    sent_events.clear()
    refunded = report("rf-2", "REFUND_SUCCESS", 200)

    # then
    assert (charged["alreadyProcessed"], charged["errors"]) == (False, [])
    assert charged_events == ["ORDER_PAID", "ORDER_FULLY_PAID", "ORDER_UPDATED"]
    assert repeated["alreadyProcessed"] is True
    assert repeated["transactionEvent"]["pspReference"] == "ch-1"
    assert repeated["transaction"]["chargedAmount"] == {"amount": 270.0}
    assert different["errors"] == [
        {
            "field": "pspReference",
            "code": "INCORRECT_DETAILS",
            "message": "The transaction with provided `pspReference` and `type` already exists with different amount.",
        }
    ]
    assert partly_refunded["transaction"]["refundedAmount"] == {"amount": 70.0}
    assert partly_refunded_events == ["ORDER_REFUNDED", "ORDER_UPDATED"]
    assert refunded["transaction"]["chargedAmount"] == {"amount": 0.0}
    assert sent_events == ["ORDER_REFUNDED", "ORDER_UPDATED", "ORDER_FULLY_REFUNDED"]
    state = _order_state(gql, order, token)
    assert (state["chargeStatus"], state["totalRefunded"]) == ("NONE", {"amount": 270.0})


def test_the_test_gateway_charges_and_cancels_on_request(gql, order, payments_token):
    # given
    authorized = _paid_transaction(order, "270", kind="authorization")

    # when
    charged = gql(
        REQUEST_ACTION,
        {"id": _transaction_id(authorized), "action": "CHARGE", "amount": 200},
        token=payments_token,
    )["data"]["transactionRequestAction"]
    canceled = gql(
        REQUEST_ACTION,
        {"id": _transaction_id(authorized), "action": "CANCEL"},
        token=payments_token,
    )["data"]["transactionRequestAction"]

    # then
    assert charged["errors"] == []
    assert charged["transaction"]["chargedAmount"] == {"amount": 200.0}
    assert charged["transaction"]["authorizedAmount"] == {"amount": 70.0}
    assert canceled["transaction"]["canceledAmount"] == {"amount": 70.0}
    assert canceled["transaction"]["authorizedAmount"] == {"amount": 0.0}
    state = _order_state(gql, order, payments_token)
    assert (state["chargeStatus"], state["totalCharged"]) == ("PARTIAL", {"amount": 200.0})


def test_a_refund_request_goes_to_the_owning_app_signed(
    gql, order, payment_app, payments_token, httpserver, sent_events
):
    # given
    app, _token = payment_app
    Webhook.objects.create(
        app=app,
        name="refunds",
        target_url=httpserver.url_for("/refund"),
        subscription_query=REFUND_REQUESTED_QUERY,
        sync_events=["TRANSACTION_REFUND_REQUESTED"],
    )
    httpserver.expect_request("/refund", method="POST").respond_with_json(
        {"pspReference": "rf-app-1", "result": "REFUND_SUCCESS", "amount": 50}
    )
    transaction = _paid_transaction(order, "270", app=app, identifier=app.identifier)

    # when
    body = gql(
        REQUEST_ACTION,
        {"id": _transaction_id(transaction), "action": "REFUND", "amount": 50},
        token=payments_token,
    )

    # then
    payload = body["data"]["transactionRequestAction"]
    assert payload["errors"] == []
    assert payload["transaction"]["refundedAmount"] == {"amount": 50.0}
    assert payload["transaction"]["chargedAmount"] == {"amount": 220.0}
    request, _response = httpserver.log[0]
    assert request.headers["Saleor-Event"] == "transaction_refund_requested"
    body_bytes = request.get_data()
    key = RSAAlgorithm.from_jwk(json.dumps(keys.jwks()["keys"][0]))
    assert isinstance(key, RSAPublicKey)
    jwt.api_jws.decode_complete(
        request.headers["Saleor-Signature"], key, algorithms=["RS256"], detached_payload=body_bytes
    )
    assert json.loads(body_bytes) == {
        "action": {"actionType": "REFUND", "amount": 50.0, "currency": "MAD"},
        "transaction": {"id": _transaction_id(transaction), "pspReference": "psp-1"},
    }
    assert sent_events == ["ORDER_REFUNDED", "ORDER_UPDATED"]


def test_an_app_transaction_without_an_action_webhook_is_refused(
    gql, order, payment_app, payments_token
):
    # given
    app, _token = payment_app
    transaction = _paid_transaction(order, "270", app=app, identifier=app.identifier)

    # when
    body = gql(
        REQUEST_ACTION,
        {"id": _transaction_id(transaction), "action": "REFUND"},
        token=payments_token,
    )

    # then
    assert body["data"]["transactionRequestAction"]["errors"] == [
        {
            "field": "id",
            "code": "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
            "message": "No app or plugin is configured to handle payment action requests.",
        }
    ]
