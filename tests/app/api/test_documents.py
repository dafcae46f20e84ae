"""Documents are parsed and validated once; their errors still reach every client."""

from django.test import Client

from storefront_plugins.api.documents import check_document
from storefront_plugins.api.schema import schema
from tests.app.graphql_client import post_graphql

SCHEMA = schema.graphql_schema


def test_a_document_is_checked_once_and_kept() -> None:
    query = "{ cooperatives(first: 1) { totalCount } }"

    first, again = check_document(SCHEMA, query), check_document(SCHEMA, query)

    assert first.errors == ()
    assert again is first


def test_a_document_with_errors_answers_them_on_every_request(db: None) -> None:
    client = Client()
    for _ in range(2):
        response = post_graphql(client, "{ cooperatives(first: 1) { totalCount noSuchField } }")
        assert response.status_code == 400
        assert [e["message"] for e in response.json()["errors"]] == [
            "Cannot query field 'noSuchField' on type 'CooperativeCountableConnection'."
        ]


def test_a_syntax_error_is_a_graphql_error(db: None) -> None:
    response = post_graphql(Client(), "{ cooperatives(first: 1) { ")

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Syntax Error:")
