from datetime import timedelta

import pytest
from django.utils import timezone

from saleor_sandbox.models import Channel, Order, Warehouse
from tests.sandbox.orders.conftest import gid, make_order

ORDERS = """
query Orders($filter: OrderFilterInput, $where: OrderWhereInput, $search: String,
             $sortBy: OrderSortingInput) {
  orders(first: 20, filter: $filter, where: $where, search: $search, sortBy: $sortBy) {
    totalCount edges { node { number } }
  }
}
"""


@pytest.fixture
def three_orders(channel, tajine):
    first = make_order(channel, [(tajine, 1, "100.00")], email="amina@souk.example")
    second = make_order(channel, [(tajine, 1, "100.00")], email="youssef@souk.example")
    second.charge_status = Order.ChargeStatus.FULL
    second.status = Order.Status.FULFILLED
    second.save()
    export = Channel.objects.create(
        name="Export", slug="export", currency_code="MAD", default_country="MA"
    )
    Warehouse.objects.get().channels.add(export)
    third = make_order(export, [(tajine, 1, "100.00")], email="amina@souk.example")
    Order.objects.filter(pk=third.pk).update(created_at=timezone.now() - timedelta(days=10))
    make_order(channel, [(tajine, 1, "100.00")], status=Order.Status.DRAFT)
    return first, second, third


def _numbers(gql, token, **variables):
    body = gql(ORDERS, variables, token=token)
    assert "errors" not in body, body
    return [edge["node"]["number"] for edge in body["data"]["orders"]["edges"]]


def test_orders_are_filtered_searched_and_sorted(gql, three_orders, orders_token):
    # given
    first, second, third = three_orders
    n1, n2, n3 = str(first.number), str(second.number), str(third.number)
    since = (timezone.now() - timedelta(days=1)).isoformat()

    # then
    assert _numbers(gql, orders_token) == [n3, n2, n1]
    assert _numbers(gql, orders_token, sortBy={"field": "NUMBER", "direction": "ASC"}) == [
        n1,
        n2,
        n3,
    ]
    assert _numbers(gql, orders_token, sortBy={"field": "CREATED_AT", "direction": "ASC"}) == [
        n3,
        n1,
        n2,
    ]
    assert _numbers(gql, orders_token, filter={"ids": [gid("Order", first)]}) == [n1]
    assert _numbers(gql, orders_token, filter={"numbers": [n2, n3]}) == [n3, n2]
    assert _numbers(gql, orders_token, filter={"channels": [gid("Channel", third.channel)]}) == [n3]
    assert _numbers(gql, orders_token, filter={"status": ["FULFILLED"]}) == [n2]
    assert _numbers(gql, orders_token, filter={"chargeStatus": ["NONE"]}) == [n3, n1]
    assert _numbers(gql, orders_token, filter={"customer": "amina"}) == [n3, n1]
    assert _numbers(gql, orders_token, filter={"created": {"gte": str(timezone.now().date())}}) == [
        n2,
        n1,
    ]
    assert _numbers(gql, orders_token, where={"status": {"eq": "FULFILLED"}}) == [n2]
    assert _numbers(gql, orders_token, where={"chargeStatus": {"oneOf": ["NONE"]}}) == [n3, n1]
    assert _numbers(gql, orders_token, where={"number": {"range": {"gte": int(n2)}}}) == [n3, n2]
    assert _numbers(gql, orders_token, where={"userEmail": {"eq": "youssef@souk.example"}}) == [n2]
    assert _numbers(gql, orders_token, where={"createdAt": {"gte": since}}) == [n2, n1]
    assert _numbers(
        gql,
        orders_token,
        where={"OR": [{"ids": [gid("Order", first)]}, {"ids": [gid("Order", third)]}]},
    ) == [n3, n1]
    assert _numbers(gql, orders_token, search="youssef") == [n2]
    assert _numbers(gql, orders_token, search=n1) == [n1]
    assert _numbers(gql, orders_token, search="tajine-m") == [n3, n2, n1]


def test_orders_need_manage_orders(gql, three_orders, no_permission_token):
    # when
    body = gql(ORDERS, {}, token=no_permission_token)

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert body["data"] == {"orders": None}


def test_an_app_with_manage_orders_lists_orders(gql, three_orders, payment_app):
    # given
    _app, token = payment_app

    # when
    body = gql(ORDERS, {"filter": {"search": "amina"}}, token=token)

    # then
    assert body["data"]["orders"]["totalCount"] == 2
