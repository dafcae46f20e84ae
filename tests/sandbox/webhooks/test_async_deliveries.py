"""Async webhooks: which apps get an event, what they receive, and how failures retry."""

import json

import jwt
import pytest
from jwt import api_jws
from werkzeug import Response

from saleor_sandbox import keys
from saleor_sandbox.models import EventDelivery, Webhook
from tests.sandbox.catalogue.conftest import gid
from tests.sandbox.conftest import make_app

PRODUCT_UPDATE = """
mutation Rename($id: ID!, $name: String!) {
  productUpdate(id: $id, input: {name: $name}) { product { name } errors { field code message } }
}
"""
PRODUCT_DELETE = "mutation Delete($id: ID!) { productDelete(id: $id) { errors { code } } }"
UPDATE_METADATA = """
mutation Meta($id: ID!, $input: [MetadataInput!]!) { updateMetadata(id: $id, input: $input) { errors { code } } }
"""
SUBSCRIPTION = """
subscription {
  event {
    issuedAt
    version
    issuingPrincipal { ... on User { email } }
    ... on ProductUpdated { product { id name } }
  }
}
"""
DELIVERIES = """
{ app { webhooks { eventDeliveries(first: 10) { edges { node {
  status eventType payload attempts(first: 10) { totalCount edges { node { status responseStatusCode } } }
} } } } } }
"""


@pytest.fixture
def receiving_app(db, httpserver):
    """An app with MANAGE_PRODUCTS whose PRODUCT_UPDATED webhook points at a local server."""
    app, token = make_app(["MANAGE_PRODUCTS"], name="Souk")
    Webhook.objects.create(
        app=app,
        name="product updated",
        target_url=httpserver.url_for("/webhooks/product-updated"),
        async_events=["PRODUCT_UPDATED"],
        subscription_query=SUBSCRIPTION,
    )
    return app, token


def rename(gql, manager_token, product, name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return gql(PRODUCT_UPDATE, {"id": gid(product), "name": name}, token=manager_token)


def test_an_event_reaches_a_subscribed_app_signed_as_saleor_signs(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    # given
    httpserver.expect_request("/webhooks/product-updated", method="POST").respond_with_data("ok")

    # when
    rename(gql, manager_token, tajine, "Tajine bleu de Safi", django_capture_on_commit_callbacks)

    # then the app received the subscription's result, with Saleor's headers
    [(request, _response)] = httpserver.log
    body = request.get_data()
    assert json.loads(body) == {
        "issuedAt": json.loads(body)["issuedAt"],
        "version": "3.23.28",
        "issuingPrincipal": {"email": "catalogue@souk.example"},
        "product": {"id": gid(tajine), "name": "Tajine bleu de Safi"},
    }
    assert request.headers["Saleor-Event"] == "product_updated"
    assert request.headers["Saleor-Api-Url"] == "http://127.0.0.1:8001/graphql/"
    assert request.headers["Saleor-Domain"] == "127.0.0.1:8001"
    assert request.headers["User-Agent"] == "Saleor/3.23"

    # and the signature verifies against the published key set, and only for this body
    signature = request.headers["Saleor-Signature"]
    public_key = jwt.PyJWKSet.from_dict(keys.jwks())[keys.key_id()].key
    header = api_jws.decode_complete(
        signature, key=public_key, algorithms=["RS256"], detached_payload=body
    )["header"]
    assert header["b64"] is False
    assert header["crit"] == ["b64"]
    with pytest.raises(jwt.InvalidSignatureError):
        api_jws.decode_complete(
            signature, key=public_key, algorithms=["RS256"], detached_payload=body + b" "
        )


def test_an_app_without_the_events_permission_gets_nothing(
    gql, manager_token, tajine, httpserver, django_capture_on_commit_callbacks
):
    app, _token = make_app(["MANAGE_ORDERS"], name="Orders only")
    Webhook.objects.create(
        app=app,
        name="x",
        target_url=httpserver.url_for("/x"),
        async_events=["PRODUCT_UPDATED"],
        subscription_query=SUBSCRIPTION,
    )

    rename(gql, manager_token, tajine, "Tajine", django_capture_on_commit_callbacks)

    assert httpserver.log == []
    assert not EventDelivery.objects.exists()


def test_an_inactive_webhook_gets_nothing(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    Webhook.objects.update(is_active=False)

    rename(gql, manager_token, tajine, "Tajine", django_capture_on_commit_callbacks)

    assert httpserver.log == []


def test_a_5xx_is_retried_five_times_then_the_delivery_fails(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    # given
    httpserver.expect_request("/webhooks/product-updated").respond_with_response(
        Response("down", status=503)
    )
    _app, token = receiving_app

    # when
    rename(gql, manager_token, tajine, "Tajine", django_capture_on_commit_callbacks)

    # then six attempts, as Saleor makes, all recorded and queryable
    assert len(httpserver.log) == 6
    [delivery] = gql(DELIVERIES, token=token)["data"]["app"]["webhooks"][0]["eventDeliveries"][
        "edges"
    ]
    assert delivery["node"]["status"] == "FAILED"
    assert delivery["node"]["eventType"] == "PRODUCT_UPDATED"
    assert delivery["node"]["attempts"]["totalCount"] == 6
    assert {
        edge["node"]["responseStatusCode"] for edge in delivery["node"]["attempts"]["edges"]
    } == {503}


def test_a_4xx_is_not_retried(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/webhooks/product-updated").respond_with_response(
        Response("bad signature", status=401)
    )

    rename(gql, manager_token, tajine, "Tajine", django_capture_on_commit_callbacks)

    assert len(httpserver.log) == 1
    assert EventDelivery.objects.get().status == EventDelivery.Status.FAILED


def test_a_delivery_that_succeeds_after_a_retry_is_a_success(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    answers = iter([Response("busy", status=502), Response("ok", status=200)])
    httpserver.expect_request("/webhooks/product-updated").respond_with_handler(
        lambda _request: next(answers)
    )

    rename(gql, manager_token, tajine, "Tajine", django_capture_on_commit_callbacks)

    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDelivery.Status.SUCCESS
    assert [a.response_status_code for a in delivery.attempts.all()] == [502, 200]


def test_writing_the_same_metadata_again_emits_nothing(
    gql, manager_token, tajine, receiving_app, httpserver, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/webhooks/product-updated").respond_with_data("ok")
    variables = {"id": gid(tajine), "input": [{"key": "souk.provenance", "value": "Safi"}]}

    with django_capture_on_commit_callbacks(execute=True):
        gql(UPDATE_METADATA, variables, token=manager_token)
    with django_capture_on_commit_callbacks(execute=True):
        gql(UPDATE_METADATA, variables, token=manager_token)

    assert len(httpserver.log) == 1  # PRODUCT_UPDATED for the first write only


def test_a_deleted_products_payload_is_rendered_before_it_is_gone(
    gql, manager_token, tajine, httpserver, django_capture_on_commit_callbacks
):
    app, _token = make_app(["MANAGE_PRODUCTS"], name="Souk")
    Webhook.objects.create(
        app=app,
        name="deleted",
        target_url=httpserver.url_for("/webhooks/product-deleted"),
        async_events=["PRODUCT_DELETED"],
        subscription_query="subscription { event { ... on ProductDeleted { product { id slug name } } } }",
    )
    httpserver.expect_request("/webhooks/product-deleted").respond_with_data("ok")

    with django_capture_on_commit_callbacks(execute=True):
        gql(PRODUCT_DELETE, {"id": gid(tajine)}, token=manager_token)

    [(request, _response)] = httpserver.log
    assert json.loads(request.get_data()) == {
        "product": {"id": gid(tajine), "slug": tajine.slug, "name": tajine.name}
    }
