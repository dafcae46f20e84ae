"""Granted refunds, refund settings (reason references) and refunding a granted refund
end to end, through the test gateway and through a payment app."""

import json

from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import OrderGrantedRefund, Page, PageType, RefundSettings, Webhook
from saleor_sandbox.services.accounts import create_access_token, create_user
from tests.sandbox.orders.conftest import gid
from tests.sandbox.orders.test_order_transactions import _paid_transaction, _transaction_id

GRANT = """
mutation Grant($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    grantedRefund { amount { amount } reason status shippingCostsIncluded
                    reasonReference { slug } lines { quantity reason reasonReference { slug } } }
    order { chargeStatus totalGrantedRefund { amount } }
    errors { field code message lines { lineId field code message } }
  }
}
"""
REFUND_GRANTED = """
mutation Refund($id: ID, $granted: ID!) {
  transactionRequestRefundForGrantedRefund(id: $id, grantedRefundId: $granted) {
    transaction { chargedAmount { amount } refundedAmount { amount } }
    errors { field code message }
  }
}
"""
ORDER = """
query Order($id: ID!) {
  order(id: $id) {
    chargeStatus totalRefunded { amount } totalCharged { amount }
    grantedRefunds { status amount { amount } }
  }
}
"""
SETTINGS = "{ refundSettings { reasonReferenceType { slug } } }"
SETTINGS_UPDATE = """
mutation S($type: ID!) {
  refundSettingsUpdate(input: {refundReasonReferenceType: $type}) {
    refundSettings { reasonReferenceType { slug } }
    errors { field code message }
    refundSettingsErrors { code }
  }
}
"""
REFUND_REQUESTED_QUERY = """
subscription { event { ... on TransactionRefundRequested {
  action { actionType amount } grantedRefund { id amount { amount } }
} } }
"""


def _reasons():
    page_type = PageType.objects.create(name="Refund reasons", slug="refund-reasons")
    damaged = Page.objects.create(page_type=page_type, title="Damaged", slug="damaged")
    return page_type, damaged


def _lines(order):
    return list(order.lines.order_by("created_at", "id"))


def test_a_grant_for_lines_and_shipping_computes_its_amount(gql, order, orders_token):
    # given
    transaction = _paid_transaction(order, "270")
    tajine_line, _plate_line = _lines(order)

    # when
    body = gql(
        GRANT,
        {
            "id": gid("Order", order),
            "input": {
                "transactionId": _transaction_id(transaction),
                "reason": "Cracked in transit",
                "lines": [
                    {"id": gid("OrderLine", tajine_line), "quantity": 1, "reason": "cracked"}
                ],
                "grantRefundForShipping": True,
            },
        },
        token=orders_token,
    )

    # then
    payload = body["data"]["orderGrantRefundCreate"]
    assert payload["errors"] == []
    assert payload["grantedRefund"] == {
        "amount": {"amount": 130.0},
        "reason": "Cracked in transit",
        "status": "NONE",
        "shippingCostsIncluded": True,
        "reasonReference": None,
        "lines": [{"quantity": 1, "reason": "cracked", "reasonReference": None}],
    }
    assert payload["order"] == {
        "chargeStatus": "OVERCHARGED",
        "totalGrantedRefund": {"amount": 130.0},
    }


def test_grant_refund_validations_return_saleors_codes(gql, order, orders_token, tajine):
    # given
    transaction = _paid_transaction(order, "100")
    tajine_line, _plate_line = _lines(order)
    order_id, transaction_id = gid("Order", order), _transaction_id(transaction)

    def grant(**input):
        variables = {"id": order_id, "input": {"transactionId": transaction_id, **input}}
        return gql(GRANT, variables, token=orders_token)["data"]["orderGrantRefundCreate"]

    # when
    nothing = grant()
    too_much = grant(amount=150)
    too_many = grant(lines=[{"id": gid("OrderLine", tajine_line), "quantity": 3}])
    foreign_line = grant(lines=[{"id": to_global_id("OrderLine", order.pk), "quantity": 1}])
    capped = grant(lines=[{"id": gid("OrderLine", tajine_line), "quantity": 2}])
    shipping = grant(grantRefundForShipping=True)
    shipping_again = grant(grantRefundForShipping=True)
    unconfigured_reference = grant(amount=1, reasonReference=to_global_id("Page", 1))

    # then
    message = "You must provide at least one of `amount`, `lines`, `grantRefundForShipping`."
    assert [(e["field"], e["code"], e["message"]) for e in nothing["errors"]] == [
        ("amount", "REQUIRED", message),
        ("lines", "REQUIRED", message),
        ("grantRefundForShipping", "REQUIRED", message),
    ]
    assert [(e["field"], e["code"], e["message"]) for e in too_much["errors"]] == [
        (
            "amount",
            "AMOUNT_GREATER_THAN_AVAILABLE",
            "Amount cannot be greater than the charged amount of provided transaction.",
        )
    ]
    assert too_many["errors"] == [
        {
            "field": "lines",
            "code": "INVALID",
            "message": "Provided input for lines is invalid.",
            "lines": [
                {
                    "lineId": gid("OrderLine", tajine_line),
                    "field": "quantity",
                    "code": "QUANTITY_GREATER_THAN_AVAILABLE",
                    "message": "Cannot grant refund for more than the available quantity of the line (2).",
                }
            ],
        }
    ]
    assert foreign_line["errors"][0]["lines"][0]["code"] == "NOT_FOUND"
    assert capped["grantedRefund"]["amount"] == {"amount": 100.0}
    assert shipping["errors"] == []
    assert [(e["field"], e["code"]) for e in shipping_again["errors"]] == [
        ("grantRefundForShipping", "SHIPPING_COSTS_ALREADY_GRANTED")
    ]
    assert [(e["field"], e["code"], e["message"]) for e in unconfigured_reference["errors"]] == [
        ("reasonReference", "INVALID", "Reason reference type is not configured.")
    ]


def test_refund_settings_make_a_reason_reference_required_for_staff(
    gql, order, orders_token, payment_app
):
    # given
    page_type, damaged = _reasons()
    other_type = PageType.objects.create(name="Artisans", slug="artisans")
    artisan = Page.objects.create(page_type=other_type, title="Fatima", slug="fatima")
    settings_manager = create_user(
        "settings@souk.example", "pw", is_staff=True, permissions=["MANAGE_SETTINGS"]
    )
    settings_token = create_access_token(settings_manager)
    transaction = _paid_transaction(order, "270")
    _app, app_token = payment_app
    app_token_with_orders = app_token

    # when
    denied = gql(SETTINGS_UPDATE, {"type": gid("PageType", page_type)}, token=orders_token)
    updated = gql(SETTINGS_UPDATE, {"type": gid("PageType", page_type)}, token=settings_token)
    settings = gql(SETTINGS)

    def grant(token, **input):
        variables = {
            "id": gid("Order", order),
            "input": {"transactionId": _transaction_id(transaction), "amount": 10, **input},
        }
        return gql(GRANT, variables, token=token)["data"]["orderGrantRefundCreate"]

    missing = grant(orders_token)
    wrong_type = grant(orders_token, reasonReference=gid("Page", artisan))
    with_reason = grant(orders_token, reasonReference=gid("Page", damaged))
    from_app = grant(app_token_with_orders)

    # then
    assert denied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert updated["data"]["refundSettingsUpdate"] == {
        "refundSettings": {"reasonReferenceType": {"slug": "refund-reasons"}},
        "errors": [],
        "refundSettingsErrors": [],
    }
    assert settings["data"] == {
        "refundSettings": {"reasonReferenceType": {"slug": "refund-reasons"}}
    }
    assert RefundSettings.load().reason_reference_type == page_type
    assert [(e["field"], e["code"], e["message"]) for e in missing["errors"]] == [
        (
            "reasonReference",
            "REQUIRED",
            "Reason reference is required when reason reference type is configured.",
        )
    ]
    assert [(e["field"], e["code"]) for e in wrong_type["errors"]] == [
        ("reasonReference", "INVALID")
    ]
    assert with_reason["grantedRefund"]["reasonReference"] == {"slug": "damaged"}
    assert from_app["errors"] == []


def test_a_granted_refund_is_refunded_through_the_test_gateway(
    gql, order, orders_token, payments_token, sent_events
):
    # given
    transaction = _paid_transaction(order, "270")
    granted = gql(
        GRANT,
        {
            "id": gid("Order", order),
            "input": {"transactionId": _transaction_id(transaction), "amount": 70},
        },
        token=orders_token,
    )["data"]["orderGrantRefundCreate"]
    granted_refund = OrderGrantedRefund.objects.get(order=order)
    granted_id = to_global_id("OrderGrantedRefund", granted_refund.pk)

    # when
    refunded = gql(REFUND_GRANTED, {"granted": granted_id}, token=payments_token)
    again = gql(REFUND_GRANTED, {"granted": granted_id}, token=payments_token)

    # then
    assert granted["order"]["chargeStatus"] == "OVERCHARGED"
    payload = refunded["data"]["transactionRequestRefundForGrantedRefund"]
    assert payload == {
        "transaction": {"chargedAmount": {"amount": 200.0}, "refundedAmount": {"amount": 70.0}},
        "errors": [],
    }
    assert gql(ORDER, {"id": gid("Order", order)}, token=orders_token)["data"]["order"] == {
        "chargeStatus": "FULL",
        "totalRefunded": {"amount": 70.0},
        "totalCharged": {"amount": 200.0},
        "grantedRefunds": [{"status": "SUCCESS", "amount": {"amount": 70.0}}],
    }
    assert sent_events == ["ORDER_REFUNDED", "ORDER_UPDATED"]
    assert again["data"]["transactionRequestRefundForGrantedRefund"]["errors"] == [
        {
            "field": "grantedRefundId",
            "code": "REFUND_ALREADY_PROCESSED",
            "message": "The granted refund is already processed.",
        }
    ]


def test_a_full_granted_refund_through_an_app_fully_refunds_the_order(
    gql, order, orders_token, payments_token, payment_app, httpserver, sent_events
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
    httpserver.expect_request("/refund").respond_with_json(
        {"pspReference": "rf-1", "result": "REFUND_SUCCESS", "amount": 270}
    )
    transaction = _paid_transaction(order, "270", app=app, identifier=app.identifier)
    tajine_line, plate_line = _lines(order)
    gql(
        GRANT,
        {
            "id": gid("Order", order),
            "input": {
                "transactionId": _transaction_id(transaction),
                "lines": [
                    {"id": gid("OrderLine", tajine_line), "quantity": 2},
                    {"id": gid("OrderLine", plate_line), "quantity": 1},
                ],
                "grantRefundForShipping": True,
            },
        },
        token=orders_token,
    )
    granted_refund = OrderGrantedRefund.objects.get(order=order)
    granted_id = to_global_id("OrderGrantedRefund", granted_refund.pk)

    # when
    body = gql(REFUND_GRANTED, {"granted": granted_id}, token=payments_token)

    # then
    assert body["data"]["transactionRequestRefundForGrantedRefund"]["errors"] == []
    request, _response = httpserver.log[0]
    assert json.loads(request.get_data()) == {
        "action": {"actionType": "REFUND", "amount": 270.0},
        "grantedRefund": {"id": granted_id, "amount": {"amount": 270.0}},
    }
    state = gql(ORDER, {"id": gid("Order", order)}, token=orders_token)["data"]["order"]
    assert state["grantedRefunds"] == [{"status": "SUCCESS", "amount": {"amount": 270.0}}]
    assert (state["chargeStatus"], state["totalRefunded"]) == ("FULL", {"amount": 270.0})
    assert sent_events == ["ORDER_REFUNDED", "ORDER_UPDATED", "ORDER_FULLY_REFUNDED"]
