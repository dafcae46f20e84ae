"""draftOrderCreate, draftOrderComplete and draftOrders, compared with Saleor 3.23."""

import pytest

from saleor_sandbox.models import Allocation, Channel, Order, OrderEvent, Stock
from tests.sandbox.checkout.fixtures import ADDRESS_MA, make_shipping, make_variant, variant_id
from tests.sandbox.orders.conftest import gid, make_order

CREATE = """
mutation Create($input: DraftOrderCreateInput!) {
  draftOrderCreate(input: $input) {
    order {
      id status origin userEmail customerNote externalReference redirectUrl
      shippingMethodName isShippingRequired
      billingAddress { city postalCode }
      shippingAddress { city }
      subtotal { gross { amount currency } }
      shippingPrice { gross { amount } }
      total { net { amount } gross { amount } }
      lines { quantity productName variantName productSku isShippingRequired
              unitPrice { gross { amount } } totalPrice { gross { amount } } }
      events { type }
    }
    errors { field code message variants addressType }
    orderErrors { code }
  }
}
"""
COMPLETE = """
mutation Complete($id: ID!) {
  draftOrderComplete(id: $id) {
    order { status origin userEmail events { type } lines { quantityToFulfill } }
    errors { field code message orderLines variants warehouse }
  }
}
"""
DRAFT_ORDERS = """
query Drafts($first: Int) {
  draftOrders(first: $first) { totalCount edges { node { status origin } } }
  orders(first: 10) { totalCount }
}
"""


def _errors(payload):
    return [(e["field"], e["code"], e["message"]) for e in payload["errors"]]


@pytest.fixture
def amana(channel):
    return make_shipping(channel, price="30.00")


def _draft_input(channel, amana, tajine, plate, **extra):
    return {
        "channelId": gid("Channel", channel),
        "userEmail": "client@souk.example",
        "customerNote": "Emballage cadeau",
        "externalReference": "souk-17",
        "redirectUrl": "https://souk.example/orders",
        "shippingMethod": gid("ShippingMethod", amana),
        "billingAddress": ADDRESS_MA,
        "shippingAddress": ADDRESS_MA,
        "lines": [
            {"variantId": variant_id(tajine), "quantity": 2},
            {"variantId": variant_id(plate), "quantity": 3},
            {"variantId": variant_id(tajine), "quantity": 1},
        ],
        **extra,
    }


def _create(gql, token, input_):
    return gql(CREATE, {"input": input_}, token=token)["data"]["draftOrderCreate"]


def test_create_prices_lines_from_the_channel_and_totals_them(
    gql, channel, amana, tajine, plate, orders_token, sent_events
):
    # when: lines of one variant are added together, as in Saleor
    payload = _create(gql, orders_token, _draft_input(channel, amana, tajine, plate))

    # then
    assert payload["errors"] == []
    order = payload["order"]
    assert {k: order[k] for k in ("status", "origin", "userEmail", "shippingMethodName")} == {
        "status": "DRAFT",
        "origin": "DRAFT",
        "userEmail": "client@souk.example",
        "shippingMethodName": "Amana",
    }
    assert order["customerNote"] == "Emballage cadeau"
    assert order["externalReference"] == "souk-17"
    assert order["redirectUrl"] == "https://souk.example/orders"
    assert order["billingAddress"] == {"city": "SAFI", "postalCode": "46000"}
    assert order["shippingAddress"] == {"city": "SAFI"}
    assert [(ln["quantity"], ln["productSku"], ln["unitPrice"]["gross"]["amount"],
             ln["totalPrice"]["gross"]["amount"]) for ln in order["lines"]] == [
        (3, "tajine-m", 100.0, 300.0),
        (3, "plate-m", 40.0, 120.0),
    ]  # fmt: skip
    assert order["subtotal"] == {"gross": {"amount": 420.0, "currency": "MAD"}}
    assert order["shippingPrice"] == {"gross": {"amount": 30.0}}
    assert order["total"] == {"net": {"amount": 450.0}, "gross": {"amount": 450.0}}
    assert [e["type"] for e in order["events"]] == ["ADDED_PRODUCTS", "DRAFT_CREATED"]
    assert sent_events == ["DRAFT_ORDER_CREATED"]
    # drafts hold no stock
    assert Allocation.objects.count() == 0


def test_create_rounds_custom_prices_line_by_line(gql, channel, tajine, orders_token):
    # when: a custom price of 33.335 is rounded to the dirham's minor unit first
    payload = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "lines": [{"variantId": variant_id(tajine), "quantity": 3, "price": "33.335"}],
        },
    )

    # then
    assert payload["errors"] == []
    assert payload["order"]["lines"][0]["totalPrice"] == {"gross": {"amount": 100.02}}
    assert payload["order"]["total"]["gross"] == {"amount": 100.02}
    assert payload["order"]["shippingPrice"] == {"gross": {"amount": 0.0}}


def test_create_without_a_channel_is_required(gql, orders_token):
    payload = _create(gql, orders_token, {})

    assert _errors(payload) == [("channel", "REQUIRED", "Channel id is required.")]
    assert payload["orderErrors"] == [{"code": "REQUIRED"}]


def test_create_in_an_unknown_channel_is_refused_to_staff(gql, orders_token):
    body = gql(
        CREATE, {"input": {"channelId": gid("Channel", Channel(pk=999))}}, token=orders_token
    )

    assert body["data"]["draftOrderCreate"] is None
    assert body["errors"][0]["message"] == "You don't have access to some objects' channel."
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            {"quantity": 0},
            [("quantity", "ZERO_QUANTITY", "Ensure this value is greater than 0.")],
        ),
        (
            {"quantity": -2},
            [("quantity", "ZERO_QUANTITY", "Ensure this value is greater than 0.")],
        ),
    ],
)
def test_create_refuses_quantities_below_one(gql, channel, tajine, orders_token, line, expected):
    payload = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "lines": [{"variantId": variant_id(tajine), **line}],
        },
    )

    assert _errors(payload) == expected
    assert Order.objects.count() == 0


def test_create_refuses_variants_unpublished_or_not_priced_in_the_channel(
    gql, channel, orders_token
):
    # given
    hidden = make_variant(channel, published=False, slug="hidden")
    unpriced = make_variant(channel, price=None, slug="unpriced")

    # when
    unpublished = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "lines": [
                {"variantId": variant_id(hidden), "quantity": 1},
                {"variantId": variant_id(unpriced), "quantity": 1},
            ],
        },
    )
    not_priced = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "lines": [{"variantId": variant_id(unpriced), "quantity": 1}],
        },
    )

    # then: publication is checked first, as in Saleor
    assert [(e["field"], e["code"], e["variants"]) for e in unpublished["errors"]] == [
        ("lines", "PRODUCT_NOT_PUBLISHED", [variant_id(hidden)])
    ]
    assert _errors(not_priced) == [
        ("lines", "NOT_AVAILABLE_IN_CHANNEL", "Cannot add lines with unavailable variants.")
    ]
    assert not_priced["errors"][0]["variants"] == [variant_id(unpriced)]


def test_create_reports_an_unknown_variant_as_not_found(gql, channel, tajine, orders_token):
    missing = variant_id(tajine)
    tajine.delete()

    payload = _create(
        gql,
        orders_token,
        {"channelId": gid("Channel", channel), "lines": [{"variantId": missing, "quantity": 1}]},
    )

    assert _errors(payload) == [
        ("variantId", "NOT_FOUND", f"Couldn't resolve to a node: {missing}")
    ]


def test_create_validates_addresses_as_checkouts_do(gql, channel, orders_token):
    payload = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "shippingAddress": {**ADDRESS_MA, "postalCode": "ABC"},
            "billingAddress": {"country": "MA"},
        },
    )

    # then: the shipping address comes first and stops there
    assert [(e["field"], e["code"], e["addressType"]) for e in payload["errors"]] == [
        ("postalCode", "INVALID", "SHIPPING")
    ]


def test_create_refuses_saving_an_address_that_was_not_given(gql, channel, orders_token):
    payload = _create(
        gql, orders_token, {"channelId": gid("Channel", channel), "saveBillingAddress": True}
    )

    assert _errors(payload) == [
        (
            "saveBillingAddress",
            "MISSING_ADDRESS_DATA",
            "This option can only be selected if a billing address is provided.",
        )
    ]


def test_create_refuses_a_shipping_method_not_priced_in_the_channel(
    gql, channel, tajine, orders_token
):
    # given
    other = Channel.objects.create(
        name="Fès", slug="fes", currency_code="MAD", default_country="MA"
    )
    method = make_shipping(other)

    # when
    payload = _create(
        gql,
        orders_token,
        {"channelId": gid("Channel", channel), "shippingMethod": gid("ShippingMethod", method)},
    )

    # then
    assert _errors(payload) == [
        (
            "shippingMethod",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "Shipping method not available in the given channel.",
        )
    ]


def test_create_refuses_a_taken_external_reference(gql, channel, order, orders_token):
    order.external_reference = "souk-17"
    order.save()

    payload = _create(
        gql, orders_token, {"channelId": gid("Channel", channel), "externalReference": "souk-17"}
    )

    assert _errors(payload) == [
        ("externalReference", "UNIQUE", "Order with this External reference already exists.")
    ]


@pytest.mark.parametrize("document", ["create", "complete"])
def test_draft_mutations_need_manage_orders(gql, channel, tajine, no_permission_token, document):
    # given
    draft = make_order(channel, [(tajine, 1, "100.00")], status=Order.Status.DRAFT)
    query, variables = (
        (CREATE, {"input": {"channelId": gid("Channel", channel)}})
        if document == "create"
        else (COMPLETE, {"id": gid("Order", draft)})
    )

    # when
    body = gql(query, variables, token=no_permission_token)

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert body["errors"][0]["message"] == (
        "To access this path, you need one of the following permissions: MANAGE_ORDERS"
    )
    assert Order.objects.get(pk=draft.pk).status == Order.Status.DRAFT
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("confirm", "status", "events", "webhooks"),
    [
        (
            True,
            "UNFULFILLED",
            ["ADDED_PRODUCTS", "DRAFT_CREATED", "PLACED_FROM_DRAFT", "CONFIRMED"],
            ["DRAFT_ORDER_CREATED", "ORDER_CREATED", "ORDER_CONFIRMED"],
        ),
        (
            False,
            "UNCONFIRMED",
            ["ADDED_PRODUCTS", "DRAFT_CREATED", "PLACED_FROM_DRAFT"],
            ["DRAFT_ORDER_CREATED", "ORDER_CREATED"],
        ),
    ],
)
def test_complete_allocates_stock_and_sets_the_status_the_channel_asks_for(
    gql, channel, amana, tajine, plate, orders_token, sent_events, confirm, status, events, webhooks
):
    # given
    channel.automatically_confirm_all_new_orders = confirm
    channel.save()
    created = _create(gql, orders_token, _draft_input(channel, amana, tajine, plate))

    # when
    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    # then
    assert payload["errors"] == []
    assert payload["order"]["status"] == status
    assert payload["order"]["origin"] == "DRAFT"
    assert [e["type"] for e in payload["order"]["events"]] == events
    assert sent_events == webhooks
    assert Stock.objects.get(product_variant=tajine).quantity_allocated == 3
    assert Stock.objects.get(product_variant=plate).quantity_allocated == 3
    assert Allocation.objects.count() == 2


def test_complete_twice_is_refused(gql, channel, amana, tajine, plate, orders_token):
    # given
    created = _create(gql, orders_token, _draft_input(channel, amana, tajine, plate))
    gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)

    # when
    again = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)

    # then
    assert _errors(again["data"]["draftOrderComplete"]) == [
        ("id", "INVALID", "The order is not draft.")
    ]
    assert Stock.objects.get(product_variant=tajine).quantity_allocated == 3


def test_complete_refuses_a_draft_without_stock_for_its_lines(
    gql, channel, amana, tajine, plate, orders_token, sent_events
):
    # given: the draft asks for 12 tajines, 10 are in stock
    created = _create(
        gql,
        orders_token,
        _draft_input(
            channel, amana, tajine, plate, lines=[{"variantId": variant_id(tajine), "quantity": 12}]
        ),
    )

    # when
    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    # then
    assert [(e["field"], e["code"], e["message"], e["orderLines"]) for e in payload["errors"]] == [
        ("lines", "INSUFFICIENT_STOCK", "Insufficient product stock.", [])
    ]
    assert Order.objects.get().status == Order.Status.DRAFT
    assert Allocation.objects.count() == 0
    assert sent_events == ["DRAFT_ORDER_CREATED"]


def test_complete_lists_every_missing_piece_of_an_empty_draft(gql, channel, orders_token):
    created = _create(gql, orders_token, {"channelId": gid("Channel", channel)})

    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    assert _errors(payload) == [
        ("order", "BILLING_ADDRESS_NOT_SET", "Can't finalize draft with no billing address."),
        ("lines", "REQUIRED", "Could not create order without any products."),
    ]


def test_complete_lists_missing_shipping_and_an_inactive_channel(
    gql, channel, tajine, orders_token
):
    # given
    created = _create(
        gql,
        orders_token,
        {
            "channelId": gid("Channel", channel),
            "lines": [{"variantId": variant_id(tajine), "quantity": 2}],
        },
    )
    channel.is_active = False
    channel.save()

    # when
    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    # then
    assert _errors(payload) == [
        ("order", "BILLING_ADDRESS_NOT_SET", "Can't finalize draft with no billing address."),
        ("order", "ORDER_NO_SHIPPING_ADDRESS", "Can't finalize draft with no shipping address."),
        ("shipping", "SHIPPING_METHOD_REQUIRED", "Shipping method is required."),
        ("channel", "CHANNEL_INACTIVE", "Cannot complete draft order with inactive channel."),
    ]


def test_complete_refuses_a_variant_unpublished_since_the_draft(
    gql, channel, amana, tajine, plate, orders_token
):
    # given
    created = _create(gql, orders_token, _draft_input(channel, amana, tajine, plate))
    plate.product.channel_listings.update(is_published=False)

    # when
    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    # then
    assert _errors(payload) == [
        ("lines", "PRODUCT_NOT_PUBLISHED", "Can't finalize draft with unpublished product.")
    ]


def test_complete_refuses_a_shipping_method_for_another_country(
    gql, channel, tajine, plate, orders_token
):
    # given
    abroad = make_shipping(channel, country="FR")
    created = _create(gql, orders_token, _draft_input(channel, abroad, tajine, plate))

    # when
    payload = gql(COMPLETE, {"id": created["order"]["id"]}, token=orders_token)["data"][
        "draftOrderComplete"
    ]

    # then
    assert _errors(payload) == [
        (
            "shipping",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "Shipping method is not valid for chosen shipping address",
        )
    ]


def test_draft_orders_are_listed_apart_from_orders(gql, channel, tajine, order, orders_token):
    # given
    make_order(channel, [(tajine, 1, "100.00")], status=Order.Status.DRAFT)

    # when
    body = gql(DRAFT_ORDERS, {"first": 10}, token=orders_token)

    # then
    assert body["data"]["draftOrders"] == {
        "totalCount": 1,
        "edges": [{"node": {"status": "DRAFT", "origin": "CHECKOUT"}}],
    }
    assert body["data"]["orders"] == {"totalCount": 1}
    assert OrderEvent.objects.count() == 0
