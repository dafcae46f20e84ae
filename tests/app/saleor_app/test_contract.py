"""Every document the App sends to Saleor, and every manifest subscription, is valid
against Saleor's real schema (tests/saleor_contract.py says where it is read from)."""

from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, parse

from storefront_plugins.saleor_app.documents import DocumentLibrary
from storefront_plugins.saleor_app.handlers import registered_sync_webhooks
from storefront_plugins.saleor_app.manifest import build_manifest
from tests.saleor_contract import REPO_ROOT, validation_errors

DOCUMENT_ROOTS = sorted(REPO_ROOT.glob("storefront_plugins/*/saleor_graphql"))
ALL_DOCUMENTS = [(root, name) for root in DOCUMENT_ROOTS for name in DocumentLibrary(root).names()]


def _document_id(item: tuple[Path, str]) -> str:
    root, name = item
    return f"{root.parent.name}:{name}"


def test_the_app_has_documents_to_check():
    assert len(ALL_DOCUMENTS) >= 9


@pytest.mark.parametrize("root_and_name", ALL_DOCUMENTS, ids=map(_document_id, ALL_DOCUMENTS))
def test_document_is_valid_against_saleor_schema(root_and_name):
    # given
    root, name = root_and_name
    document = DocumentLibrary(root).get(name)

    # when
    errors = validation_errors(document)

    # then
    assert errors == []


def test_manifest_subscriptions_are_valid_against_saleor_schema():
    manifest = build_manifest(
        "https://souk.example",
        app_id="souk",
        version="1.0.0",
        sync_webhooks=registered_sync_webhooks(),
    )

    for webhook in manifest["webhooks"]:
        assert validation_errors(webhook["query"]) == [], webhook["name"]


def test_each_manifest_subscription_selects_the_event_it_is_registered_for():
    manifest = build_manifest(
        "https://souk.example",
        app_id="souk",
        version="1.0.0",
        sync_webhooks=registered_sync_webhooks(),
    )

    for webhook in manifest["webhooks"]:
        operation = next(
            d for d in parse(webhook["query"]).definitions if isinstance(d, OperationDefinitionNode)
        )
        event_selection = operation.selection_set.selections[0]
        fragment_types = {
            s.type_condition.name.value
            for s in event_selection.selection_set.selections  # type: ignore[attr-defined]
            if getattr(s, "type_condition", None)
        }
        [event] = webhook.get("asyncEvents") or webhook["syncEvents"]
        assert fragment_types == {event.title().replace("_", "")}


def test_a_document_that_saleor_would_refuse_is_caught():
    assert validation_errors("query { app { id artisanName } }") == [
        "Cannot query field 'artisanName' on type 'App'."
    ]
