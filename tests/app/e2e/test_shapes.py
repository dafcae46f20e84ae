from tests.app.e2e.shapes import shape, shape_differences


def test_values_do_not_matter_but_keys_and_kinds_do():
    sandbox = {"data": {"channels": [{"slug": "safi", "currencyCode": "MAD", "isActive": True}]}}
    saleor = {
        "data": {
            "channels": [{"slug": "default-channel", "currencyCode": "USD", "isActive": False}]
        }
    }

    assert shape_differences(shape(sandbox), shape(saleor)) == []


def test_a_missing_key_and_another_kind_are_differences():
    sandbox = {"data": {"shop": {"version": "3.23.28", "name": 1}}}
    saleor = {"data": {"shop": {"version": "3.23.28", "name": "Saleor", "domain": {"host": "x"}}}}

    assert shape_differences(shape(sandbox), shape(saleor)) == [
        ".data.shop.domain: only in Saleor",
        ".data.shop.name: number vs string",
    ]


def test_errors_compare_by_their_code():
    sandbox = {
        "errors": [
            {
                "message": "To access this path...",
                "extensions": {"exception": {"code": "PermissionDenied"}},
            }
        ],
        "data": None,
    }
    saleor = {
        "errors": [
            {
                "message": "You need...",
                "locations": [],
                "extensions": {"exception": {"code": "GraphQLError"}},
            }
        ],
        "data": None,
    }

    assert shape_differences(shape(sandbox), shape(saleor)) == [
        ".errors[0].error: PermissionDenied vs GraphQLError"
    ]
