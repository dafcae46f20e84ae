CHANNEL = """
query Channel($slug: String!) { channel(slug: $slug) { slug } }
"""
CHANNEL_SETTINGS = """
query Channel($slug: String!) {
  channel(slug: $slug) {
    slug name currencyCode defaultCountry { code country }
    orderSettings { allowUnpaidOrders markAsPaidStrategy }
  }
}
"""
CHANNEL_UPDATE = """
mutation Update($id: ID!, $input: ChannelUpdateInput!) {
  channelUpdate(id: $id, input: $input) {
    channel { orderSettings { allowUnpaidOrders markAsPaidStrategy } checkoutSettings { automaticallyCompleteFullyPaidCheckouts } }
    errors { field code message }
  }
}
"""


def test_anonymous_users_read_a_channels_slug_only(gql, channel):
    assert gql(CHANNEL, {"slug": "safi"})["data"] == {"channel": {"slug": "safi"}}

    body = gql(CHANNEL_SETTINGS, {"slug": "safi"})
    assert body["errors"][0]["path"] == ["channel", "name"]
    assert body["data"] == {"channel": None}


def test_staff_with_manage_orders_read_the_order_settings(gql, channel, staff_token):
    body = gql(CHANNEL_SETTINGS, {"slug": "safi"}, token=staff_token)

    assert body["data"]["channel"] == {
        "slug": "safi",
        "name": "Coopérative de Safi",
        "currencyCode": "MAD",
        "defaultCountry": {"code": "MA", "country": "Morocco"},
        "orderSettings": {"allowUnpaidOrders": False, "markAsPaidStrategy": "PAYMENT_FLOW"},
    }


def test_channel_settings_are_updated_by_a_channel_manager(
    gql, channel, superuser_token, staff_token
):
    from saleor_sandbox.graphql.core.nodes import to_global_id

    variables = {
        "id": to_global_id("Channel", channel.pk),
        "input": {
            "orderSettings": {"allowUnpaidOrders": True, "markAsPaidStrategy": "TRANSACTION_FLOW"},
            "checkoutSettings": {"automaticallyCompleteFullyPaidCheckouts": True},
        },
    }

    refused = gql(CHANNEL_UPDATE, variables, token=staff_token)
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"

    body = gql(CHANNEL_UPDATE, variables, token=superuser_token)
    payload = body["data"]["channelUpdate"]
    assert payload["errors"] == []
    assert payload["channel"] == {
        "orderSettings": {"allowUnpaidOrders": True, "markAsPaidStrategy": "TRANSACTION_FLOW"},
        "checkoutSettings": {"automaticallyCompleteFullyPaidCheckouts": True},
    }
