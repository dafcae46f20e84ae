import pytest

from saleor_sandbox.models import Fulfillment, Order, OrderEvent, Stock, TransactionItem
from tests.sandbox.orders.conftest import gid, make_order

MARK_AS_PAID = """
mutation Paid($id: ID!, $ref: String) {
  orderMarkAsPaid(id: $id, transactionReference: $ref) {
    order { isPaid chargeStatus totalCharged { amount }
            transactions { name pspReference chargedAmount { amount } actions } }
    errors { field code message }
    orderErrors { code }
  }
}
"""
CANCEL = """
mutation Cancel($id: ID!) {
  orderCancel(id: $id) { order { status } errors { field code message } }
}
"""
FULFILL = """
mutation Fulfill($order: ID, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    fulfillments { fulfillmentOrder status trackingNumber lines { quantity } warehouse { slug } }
    order { status lines { quantityFulfilled quantityToFulfill } }
    errors { field code message orderLines warehouse }
  }
}
"""


def _errors(payload):
    return [(e["field"], e["code"], e["message"]) for e in payload["errors"]]


def test_mark_as_paid_with_the_transaction_flow_creates_a_charged_transaction(
    gql, channel, order, orders_token, sent_events
):
    # given
    channel.mark_as_paid_strategy = "TRANSACTION_FLOW"
    channel.save()

    # when
    body = gql(MARK_AS_PAID, {"id": gid("Order", order), "ref": "cash-42"}, token=orders_token)

    # then
    payload = body["data"]["orderMarkAsPaid"]
    assert payload["errors"] == []
    assert payload["order"] == {
        "isPaid": True,
        "chargeStatus": "FULL",
        "totalCharged": {"amount": 270.0},
        "transactions": [
            {
                "name": "Mark-as-paid transaction",
                "pspReference": "cash-42",
                "chargedAmount": {"amount": 270.0},
                "actions": ["REFUND"],
            }
        ],
    }
    assert OrderEvent.objects.filter(order=order, type="ORDER_MARKED_AS_PAID").count() == 1
    assert sent_events == ["ORDER_FULLY_PAID", "ORDER_UPDATED"]


def test_mark_as_paid_with_the_payment_flow_charges_the_order_without_a_transaction(
    gql, channel, order, orders_token, sent_events
):
    # given: Saleor records a legacy Payment here; the sandbox its captured amount
    assert channel.mark_as_paid_strategy == "PAYMENT_FLOW"

    # when
    first = gql(MARK_AS_PAID, {"id": gid("Order", order)}, token=orders_token)
    again = gql(MARK_AS_PAID, {"id": gid("Order", order)}, token=orders_token)

    # then
    assert first["data"]["orderMarkAsPaid"]["order"] == {
        "isPaid": True,
        "chargeStatus": "FULL",
        "totalCharged": {"amount": 270.0},
        "transactions": [],
    }
    assert _errors(again["data"]["orderMarkAsPaid"]) == [
        ("payment", "PAYMENT_ERROR", "Orders with payments can not be manually marked as paid.")
    ]
    assert sent_events == ["ORDER_FULLY_PAID", "ORDER_UPDATED"]


def test_mark_as_paid_refuses_orders_with_transactions_or_without_billing_address(
    gql, channel, tajine, order, orders_token
):
    # given
    channel.mark_as_paid_strategy = "TRANSACTION_FLOW"
    channel.save()
    TransactionItem.objects.create(order=order, currency="MAD")
    no_billing = make_order(channel, [(tajine, 1, "100.00")], billing=False)

    # when
    with_transaction = gql(MARK_AS_PAID, {"id": gid("Order", order)}, token=orders_token)
    without_billing = gql(MARK_AS_PAID, {"id": gid("Order", no_billing)}, token=orders_token)

    # then
    payload = with_transaction["data"]["orderMarkAsPaid"]
    assert _errors(payload) == [
        (
            "transaction",
            "TRANSACTION_ERROR",
            "Orders with transactions can not be manually marked as paid.",
        )
    ]
    assert payload["orderErrors"] == [{"code": "TRANSACTION_ERROR"}]
    assert _errors(without_billing["data"]["orderMarkAsPaid"]) == [
        (
            None,
            "BILLING_ADDRESS_NOT_SET",
            "Order billing address is required to mark order as paid.",
        )
    ]


@pytest.mark.parametrize("mutation", [MARK_AS_PAID, CANCEL])
def test_order_mutations_need_manage_orders(gql, order, no_permission_token, mutation):
    # when
    body = gql(mutation, {"id": gid("Order", order)}, token=no_permission_token)

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert body["errors"][0]["message"] == (
        "To access this path, you need one of the following permissions: MANAGE_ORDERS"
    )


def test_cancel_releases_allocations_and_sends_order_cancelled(
    gql, order, tajine, orders_token, sent_events
):
    # given
    assert Stock.objects.get(product_variant=tajine).quantity_allocated == 2

    # when
    body = gql(CANCEL, {"id": gid("Order", order)}, token=orders_token)
    again = gql(CANCEL, {"id": gid("Order", order)}, token=orders_token)

    # then
    assert body["data"]["orderCancel"] == {"order": {"status": "CANCELED"}, "errors": []}
    stock = Stock.objects.get(product_variant=tajine)
    assert (stock.quantity, stock.quantity_allocated) == (10, 0)
    assert OrderEvent.objects.filter(order=order, type="CANCELED").count() == 1
    assert sent_events == ["ORDER_CANCELLED", "ORDER_UPDATED"]
    assert _errors(again["data"]["orderCancel"]) == [
        ("order", "CANNOT_CANCEL_ORDER", "This order can't be canceled.")
    ]


def test_a_fulfilled_order_cannot_be_canceled(gql, order, orders_token):
    # given
    Fulfillment.objects.create(order=order, fulfillment_order=1, status="fulfilled")

    # when
    body = gql(CANCEL, {"id": gid("Order", order)}, token=orders_token)

    # then
    assert _errors(body["data"]["orderCancel"]) == [
        ("order", "CANNOT_CANCEL_ORDER", "This order can't be canceled.")
    ]
    assert Order.objects.get(pk=order.pk).status == Order.Status.UNFULFILLED


def _fulfil_input(order, quantities, warehouse_id):
    lines = list(order.lines.order_by("created_at", "id"))
    return {
        "lines": [
            {"orderLineId": gid("OrderLine", line), "stocks": [{"quantity": q, "warehouse": wh}]}
            for line, q, wh in zip(lines, quantities, [warehouse_id] * len(lines), strict=True)
        ],
        "trackingNumber": "AMANA-1",
    }


def test_fulfilling_part_then_the_rest_consumes_allocations_and_stock(
    gql, channel, order, tajine, plate, orders_token, sent_events
):
    # given
    warehouse_id = gid("Warehouse", channel.warehouses.get())

    # when
    partial = gql(
        FULFILL,
        {"order": gid("Order", order), "input": _fulfil_input(order, [1, 0], warehouse_id)},
        token=orders_token,
    )["data"]["orderFulfill"]
    partial_events = list(sent_events)
    rest = gql(
        FULFILL,
        {"order": gid("Order", order), "input": _fulfil_input(order, [1, 1], warehouse_id)},
        token=orders_token,
    )["data"]["orderFulfill"]

    # then
    assert partial["errors"] == []
    assert partial["order"]["status"] == "PARTIALLY_FULFILLED"
    assert partial["fulfillments"] == [
        {
            "fulfillmentOrder": 1,
            "status": "FULFILLED",
            "trackingNumber": "AMANA-1",
            "lines": [{"quantity": 1}],
            "warehouse": {"slug": "atelier-safi"},
        }
    ]
    assert partial_events == ["ORDER_UPDATED"]
    assert rest["errors"] == []
    assert rest["order"] == {
        "status": "FULFILLED",
        "lines": [
            {"quantityFulfilled": 2, "quantityToFulfill": 0},
            {"quantityFulfilled": 1, "quantityToFulfill": 0},
        ],
    }
    assert rest["fulfillments"][0]["fulfillmentOrder"] == 2
    tajine_stock = Stock.objects.get(product_variant=tajine)
    plate_stock = Stock.objects.get(product_variant=plate)
    assert (tajine_stock.quantity, tajine_stock.quantity_allocated) == (8, 0)
    assert (plate_stock.quantity, plate_stock.quantity_allocated) == (4, 0)
    assert sent_events[1:] == ["ORDER_UPDATED", "ORDER_FULFILLED"]
    assert OrderEvent.objects.filter(order=order, type="FULFILLMENT_FULFILLED_ITEMS").count() == 2


def test_fulfil_validations_return_saleors_codes(gql, channel, order, tajine, orders_token):
    # given
    warehouse_id = gid("Warehouse", channel.warehouses.get())
    line = order.lines.get(variant=tajine)
    line_id = gid("OrderLine", line)
    Stock.objects.filter(product_variant=tajine).update(quantity=1)

    def fulfil(lines, **extra):
        variables = {"order": gid("Order", order), "input": {"lines": lines, **extra}}
        return gql(FULFILL, variables, token=orders_token)["data"]["orderFulfill"]["errors"]

    # when
    too_many = fulfil(
        [{"orderLineId": line_id, "stocks": [{"quantity": 3, "warehouse": warehouse_id}]}]
    )
    zero = fulfil(
        [{"orderLineId": line_id, "stocks": [{"quantity": 0, "warehouse": warehouse_id}]}]
    )
    same_line = fulfil(
        [
            {"orderLineId": line_id, "stocks": [{"quantity": 1, "warehouse": warehouse_id}]},
            {"orderLineId": line_id, "stocks": [{"quantity": 1, "warehouse": warehouse_id}]},
        ]
    )
    same_warehouse = fulfil(
        [
            {
                "orderLineId": line_id,
                "stocks": [
                    {"quantity": 1, "warehouse": warehouse_id},
                    {"quantity": 1, "warehouse": warehouse_id},
                ],
            }
        ]
    )
    short = fulfil(
        [{"orderLineId": line_id, "stocks": [{"quantity": 2, "warehouse": warehouse_id}]}]
    )
    exceeded = fulfil(
        [{"orderLineId": line_id, "stocks": [{"quantity": 2, "warehouse": warehouse_id}]}],
        allowStockToBeExceeded=True,
    )

    # then
    assert too_many == [
        {
            "field": "orderLineId",
            "code": "FULFILL_ORDER_LINE",
            "message": "Only 2 items remaining to fulfill.",
            "orderLines": [line_id],
            "warehouse": None,
        }
    ]
    assert [(e["field"], e["code"], e["message"]) for e in zero] == [
        ("lines", "ZERO_QUANTITY", "Total quantity must be larger than 0.")
    ]
    assert [(e["field"], e["code"], e["orderLines"]) for e in same_line] == [
        ("orderLineId", "DUPLICATED_INPUT_ITEM", [line_id])
    ]
    assert [(e["field"], e["code"], e["warehouse"]) for e in same_warehouse] == [
        ("warehouse", "DUPLICATED_INPUT_ITEM", warehouse_id)
    ]
    assert short == [
        {
            "field": "stocks",
            "code": "INSUFFICIENT_STOCK",
            "message": "Insufficient product stock.",
            "orderLines": [line_id],
            "warehouse": warehouse_id,
        }
    ]
    assert exceeded == []
    assert Stock.objects.get(product_variant=tajine).quantity == 0
