"""Every document the theme sends is valid: Saleor's against Saleor's real schema (the page
tests send them to the sandbox too), the App's against the App's own schema."""

from pathlib import Path

import pytest
from graphql import parse, validate

from storefront_plugins.api.schema import schema as app_schema
from tests.saleor_contract import validation_errors
from theme.graphql_client import DOCUMENTS_DIR, SALEOR, SOUK, document
from theme.marketplace import search_document


def names(api: str) -> list[str]:
    return sorted(p.stem for p in (DOCUMENTS_DIR / api).glob("*.graphql") if p.stem[0] != "_")


@pytest.mark.parametrize("name", names(SALEOR))
def test_saleor_documents_are_valid_against_saleors_schema(name: str) -> None:
    assert validation_errors(document(SALEOR, name)) == []


@pytest.mark.parametrize("channels", [1, 5])
def test_the_marketplace_search_is_one_valid_request_for_any_number_of_channels(
    channels: int,
) -> None:
    text = search_document(channels)

    assert text.count("products(channel:") == channels
    assert validation_errors(text) == []


@pytest.mark.parametrize("name", names(SOUK))
def test_app_documents_are_valid_against_the_apps_schema(name: str) -> None:
    errors = validate(app_schema.graphql_schema, parse(document(SOUK, name)))

    assert [e.message for e in errors] == []


def test_every_fragment_file_is_used() -> None:
    for api in (SALEOR, SOUK):
        texts = "".join(document(api, name) for name in names(api)) + search_document(1)
        for path in Path(DOCUMENTS_DIR / api).glob("_*.graphql"):
            assert f"fragment {path.stem[1:]} on" in texts, path
