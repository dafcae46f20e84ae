import json
import threading
import time
from typing import Any

import pytest
from werkzeug import Response

from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.exceptions import (
    MutationErrorDetail,
    SaleorGraphQLError,
    SaleorHTTPError,
    SaleorMutationError,
    SaleorPermissionDenied,
    SaleorTransportError,
)

QUERY = "query { shop { name } }"
MUTATION = (
    'mutation { updateMetadata(id: "UHJvZHVjdDox", input: []) { errors { field code message } } }'
)


def answer(status=200, body=None):
    return Response(
        json.dumps(body) if body is not None else "", status=status, content_type="application/json"
    )


@pytest.fixture(scope="module")
def threaded_server():
    """Handles requests concurrently, so a slow answer does not hold up the client's retry."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def threaded_httpserver(threaded_server):
    yield threaded_server
    threaded_server.clear()


@pytest.fixture
def saleor(threaded_httpserver):
    """A Saleor that answers each request with the next queued response."""
    httpserver = threaded_httpserver
    queued: list[Any] = []
    received = []

    lock = threading.Lock()

    def serve(request):
        with lock:
            received.append(request)
            item = queued.pop(0)
        return item if isinstance(item, Response) else item()

    httpserver.expect_request("/graphql/", method="POST").respond_with_handler(serve)
    client = SaleorClient(
        httpserver.url_for("/graphql/"), "app-token", timeout=0.5, retries=2, backoff=0.001
    )
    return client, queued, received


def test_data_is_returned(saleor):
    client, queued, received = saleor
    queued.append(answer(body={"data": {"shop": {"name": "Souk"}}}))

    assert client.execute(QUERY) == {"shop": {"name": "Souk"}}
    assert received[0].headers["Authorization"] == "Bearer app-token"
    assert received[0].get_json() == {"query": QUERY, "variables": {}}


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_5xx_is_retried(saleor, status):
    client, queued, received = saleor
    queued.extend([answer(status), answer(body={"data": {"shop": {"name": "Souk"}}})])

    assert client.execute(QUERY) == {"shop": {"name": "Souk"}}
    assert len(received) == 2


def test_retries_are_bounded(saleor):
    client, queued, received = saleor
    queued.extend([answer(503)] * 5)

    with pytest.raises(SaleorTransportError, match="after 3 attempts"):
        client.execute(QUERY)
    assert len(received) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413])
def test_a_4xx_is_not_retried(saleor, status):
    client, queued, received = saleor
    queued.extend([answer(status, {"detail": "no"}), answer(body={"data": {}})])

    with pytest.raises(SaleorHTTPError) as raised:
        client.execute(QUERY)
    assert raised.value.status == status
    assert len(received) == 1


def test_a_timeout_is_retried(saleor):
    client, queued, _ = saleor

    def slow():
        time.sleep(1.0)
        return answer(body={"data": {}})

    queued.extend([slow, answer(body={"data": {"shop": {"name": "Souk"}}})])

    assert client.execute(QUERY) == {"shop": {"name": "Souk"}}


def test_an_unreachable_saleor_raises_a_transport_error():
    client = SaleorClient("http://127.0.0.1:9/graphql/", "t", timeout=0.5, retries=1, backoff=0.001)

    with pytest.raises(SaleorTransportError, match="ConnectionError"):
        client.execute(QUERY)


def test_graphql_errors_become_a_typed_exception(saleor):
    client, queued, _ = saleor
    queued.append(
        answer(
            400,
            {
                "errors": [
                    {
                        "message": "Cannot query field 'x' on type 'Query'.",
                        "extensions": {"exception": {"code": "GraphQLError"}},
                    }
                ]
            },
        )
    )

    with pytest.raises(SaleorGraphQLError) as raised:
        client.execute("query { x }")
    assert raised.value.codes == {"GraphQLError"}
    assert not isinstance(raised.value, SaleorPermissionDenied)


def test_a_permission_error_is_a_permission_denied(saleor):
    client, queued, _ = saleor
    queued.append(
        answer(
            body={
                "data": {"orders": None},
                "errors": [
                    {
                        "message": "You need one of the following permissions: MANAGE_ORDERS",
                        "path": ["orders"],
                        "extensions": {"exception": {"code": "PermissionDenied"}},
                    }
                ],
            }
        )
    )

    with pytest.raises(SaleorPermissionDenied) as raised:
        client.execute("query { orders(first: 1) { edges { node { id } } } }")
    assert raised.value.errors[0].path == ("orders",)
    assert raised.value.data == {"orders": None}


def test_mutation_errors_become_a_typed_exception(saleor):
    client, queued, _ = saleor
    queued.append(
        answer(
            body={
                "data": {
                    "updateMetadata": {
                        "errors": [
                            {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve id"}
                        ]
                    }
                }
            }
        )
    )

    with pytest.raises(SaleorMutationError) as raised:
        client.execute(MUTATION)
    assert raised.value.mutation == "updateMetadata"
    assert raised.value.errors == [
        MutationErrorDetail(field="id", code="NOT_FOUND", message="Couldn't resolve id")
    ]


def test_a_mutation_with_an_empty_errors_list_succeeds(saleor):
    client, queued, _ = saleor
    queued.append(answer(body={"data": {"updateMetadata": {"errors": []}}}))

    assert client.execute(MUTATION) == {"updateMetadata": {"errors": []}}


def test_a_body_that_is_not_graphql_is_an_http_error(saleor):
    client, queued, _ = saleor
    queued.append(Response("<html>maintenance</html>", status=200, content_type="text/html"))

    with pytest.raises(SaleorHTTPError, match="not JSON"):
        client.execute(QUERY)


def test_the_token_is_not_in_the_clients_repr():
    assert "secret" not in repr(SaleorClient("https://s.example/graphql/", "secret"))
