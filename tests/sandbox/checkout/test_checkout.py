from saleor_sandbox.graphql.core.nodes import to_global_id
from tests.sandbox.checkout.fixtures import ADDRESS_MA, make_shipping, make_variant, variant_id

CHECKOUT_CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout {
      id token email isShippingRequired chargeStatus authorizeStatus
      lines { quantity variant { id } unitPrice { gross { amount currency } } totalPrice { gross { amount } } }
      subtotalPrice { gross { amount } } shippingPrice { gross { amount } } totalPrice { gross { amount } }
      totalBalance { amount }
      shippingAddress { city postalCode country { code } }
      shippingMethods { id name price { amount currency } }
    }
    errors { field code message variants addressType }
  }
}
"""
DELIVERY_UPDATE = """
mutation Delivery($id: ID!, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { shippingPrice { gross { amount } } totalPrice { gross { amount } }
               deliveryMethod { ... on ShippingMethod { name } } }
    errors { field code message }
  }
}
"""
LINES_UPDATE = """
mutation Lines($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
  checkoutLinesUpdate(id: $id, lines: $lines) {
    checkout { lines { quantity } totalPrice { gross { amount } } }
    errors { field code message }
  }
}
"""
CHECKOUT = """
query Checkout($id: ID!) { checkout(id: $id) { id email lines { id quantity } } }
"""


def _create(gql, variant, quantity=2, **extra):
    input = {
        "channel": "safi",
        "lines": [{"variantId": variant_id(variant), "quantity": quantity}],
        **extra,
    }
    return gql(CHECKOUT_CREATE, {"input": input})["data"]["checkoutCreate"]


def test_a_checkout_is_created_with_prices_in_the_channels_currency(gql, channel):
    # given
    variant = make_variant(channel, price="120.50")
    make_shipping(channel, price="30.00")

    # when
    payload = _create(
        gql, variant, quantity=2, email="client@souk.example", shippingAddress=ADDRESS_MA
    )

    # then
    assert payload["errors"] == []
    checkout = payload["checkout"]
    assert checkout["id"] == to_global_id("Checkout", checkout["token"])
    assert checkout["lines"][0]["unitPrice"]["gross"] == {"amount": 120.5, "currency": "MAD"}
    assert checkout["lines"][0]["totalPrice"]["gross"] == {"amount": 241.0}
    assert checkout["subtotalPrice"]["gross"] == {"amount": 241.0}
    assert checkout["shippingPrice"]["gross"] == {"amount": 0.0}
    assert checkout["totalBalance"] == {"amount": -241.0}
    assert checkout["chargeStatus"] == "NONE"
    assert checkout["authorizeStatus"] == "NONE"
    assert checkout["shippingAddress"] == {
        "city": "SAFI",
        "postalCode": "46000",
        "country": {"code": "MA"},
    }
    assert [m["name"] for m in checkout["shippingMethods"]] == ["Amana"]


def test_choosing_a_shipping_method_adds_its_price(gql, channel):
    # given
    variant = make_variant(channel, price="100")
    method = make_shipping(channel, price="30")
    checkout = _create(gql, variant, quantity=1, shippingAddress=ADDRESS_MA)["checkout"]

    # when
    payload = gql(
        DELIVERY_UPDATE, {"id": checkout["id"], "method": to_global_id("ShippingMethod", method.pk)}
    )

    # then
    result = payload["data"]["checkoutDeliveryMethodUpdate"]
    assert result["errors"] == []
    assert result["checkout"]["shippingPrice"]["gross"]["amount"] == 30.0
    assert result["checkout"]["totalPrice"]["gross"]["amount"] == 130.0
    assert result["checkout"]["deliveryMethod"] == {"name": "Amana"}


def test_quantities_beyond_stock_or_the_line_limit_are_refused(gql, channel, settings):
    # given
    settings.MAX_CHECKOUT_LINE_QUANTITY = 5
    variant = make_variant(channel, stock=3)

    # when
    over_stock = _create(gql, variant, quantity=4)
    over_limit = _create(gql, variant, quantity=6)
    zero = _create(gql, variant, quantity=0)

    # then
    assert [(e["field"], e["code"]) for e in over_stock["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK")
    ]
    assert (
        over_stock["errors"][0]["message"]
        == "Could not add items tajine M. Only 3 remaining in stock."
    )
    assert [(e["field"], e["code"], e["message"]) for e in over_limit["errors"]] == [
        (
            "quantity",
            "QUANTITY_GREATER_THAN_LIMIT",
            "Cannot add more than 5 times this item: tajine M.",
        )
    ]
    assert [e["code"] for e in zero["errors"]] == ["ZERO_QUANTITY"]


def test_variants_unpublished_or_unpriced_in_the_channel_are_refused(gql, channel):
    # given
    unpublished = make_variant(channel, published=False, slug="vase")
    unpriced = make_variant(channel, price=None, slug="plat")

    # when
    not_published = _create(gql, unpublished)
    not_priced = _create(gql, unpriced)

    # then
    assert [(e["field"], e["code"], e["variants"]) for e in not_published["errors"]] == [
        ("lines", "PRODUCT_NOT_PUBLISHED", [variant_id(unpublished)])
    ]
    assert [(e["field"], e["code"]) for e in not_priced["errors"]] == [
        ("lines", "UNAVAILABLE_VARIANT_IN_CHANNEL")
    ]


def test_an_inactive_or_missing_channel_is_refused(gql, channel):
    # given
    variant = make_variant(channel)
    channel.is_active = False
    channel.save()

    # when
    inactive = _create(gql, variant)
    missing = gql(CHECKOUT_CREATE, {"input": {"lines": []}})["data"]["checkoutCreate"]

    # then
    assert [e["code"] for e in inactive["errors"]] == ["CHANNEL_INACTIVE"]
    assert [e["code"] for e in missing["errors"]] == ["MISSING_CHANNEL_SLUG"]


def test_addresses_are_validated_per_country(gql, channel):
    # given
    variant = make_variant(channel)
    french = {**ADDRESS_MA, "country": "FR", "city": "paris", "postalCode": ""}
    bad_zip = {**ADDRESS_MA, "country": "FR", "city": "paris", "postalCode": "7500"}

    # when
    missing_zip = _create(gql, variant, shippingAddress=french)
    invalid_zip = _create(gql, variant, billingAddress=bad_zip)

    # then
    assert [(e["field"], e["code"], e["addressType"]) for e in missing_zip["errors"]] == [
        ("postalCode", "REQUIRED", "SHIPPING")
    ]
    assert [
        (e["field"], e["code"], e["message"], e["addressType"]) for e in invalid_zip["errors"]
    ] == [("postalCode", "INVALID", "This value is not valid for the address.", "BILLING")]


def test_lines_are_updated_and_removed_with_zero(gql, channel):
    # given
    variant = make_variant(channel, price="10")
    checkout = _create(gql, variant, quantity=1)["checkout"]
    line_id = gql(CHECKOUT, {"id": checkout["id"]})["data"]["checkout"]["lines"][0]["id"]

    # when
    updated = gql(
        LINES_UPDATE, {"id": checkout["id"], "lines": [{"lineId": line_id, "quantity": 3}]}
    )
    removed = gql(
        LINES_UPDATE, {"id": checkout["id"], "lines": [{"lineId": line_id, "quantity": 0}]}
    )

    # then
    assert updated["data"]["checkoutLinesUpdate"]["checkout"] == {
        "lines": [{"quantity": 3}],
        "totalPrice": {"gross": {"amount": 30.0}},
    }
    assert removed["data"]["checkoutLinesUpdate"]["checkout"]["lines"] == []
