"""The write-back reaches Saleor through the App's client: a 5xx is retried."""

import pytest
from django.utils import timezone
from pytest_httpserver import HTTPServer

from storefront_plugins.provenance.saleor_sync.services import ensure_artisan_schema
from storefront_plugins.saleor_app.exceptions import SaleorTransportError
from storefront_plugins.saleor_app.models import Installation

SCHEMA_ANSWER = {
    "data": {
        "pageTypes": {"edges": [{"node": {"id": "UGFnZVR5cGU6MQ==", "slug": "artisan"}}]},
        "attribute": {
            "id": "QXR0cmlidXRlOjE=",
            "slug": "artisan",
            "type": "PRODUCT_TYPE",
            "inputType": "REFERENCE",
            "entityType": "PAGE",
            "referenceTypes": [{"id": "UGFnZVR5cGU6MQ==", "slug": "artisan"}],
        },
    }
}


@pytest.fixture
def installation(db: None, httpserver: HTTPServer) -> Installation:
    return Installation.objects.create(
        saleor_api_url=httpserver.url_for("/graphql/"),
        saleor_app_id="QXBwOjE=",
        auth_token="a" * 30,
        jwks={},
        jwks_fetched_at=timezone.now(),
    )


def test_a_503_is_retried_and_the_answer_used(installation, httpserver):
    # given a Saleor that answers 503 once
    httpserver.expect_ordered_request("/graphql/", method="POST").respond_with_data(
        "busy", status=503
    )
    httpserver.expect_ordered_request("/graphql/", method="POST").respond_with_json(SCHEMA_ANSWER)

    # when
    schema = ensure_artisan_schema(installation)

    # then
    assert (schema.page_type_id, schema.attribute_id, schema.created) == (
        "UGFnZVR5cGU6MQ==",
        "QXR0cmlidXRlOjE=",
        (),
    )
    assert len(httpserver.log) == 2
    assert httpserver.log[1][0].headers["Authorization"] == "Bearer " + "a" * 30


def test_a_saleor_that_stays_down_raises_a_transport_error_for_the_task(
    installation, httpserver, settings
):
    settings.SALEOR_REQUEST_RETRIES = 2
    httpserver.expect_request("/graphql/", method="POST").respond_with_data("down", status=502)

    with pytest.raises(SaleorTransportError, match="after 3 attempts"):
        ensure_artisan_schema(installation)

    assert len(httpserver.log) == 3
