"""The sandbox's schema is a subset of Saleor's: same names, same types."""

import pytest
from graphql import build_schema, parse, validate

from saleor_sandbox.graphql.api import schema as sandbox_schema
from storefront_plugins.saleor_app.documents import DocumentLibrary
from tests.saleor_contract import REPO_ROOT, saleor_schema
from tests.sandbox.schema_subset import schema_subset_problems


def test_sandbox_schema_is_a_subset_of_saleors():
    assert schema_subset_problems(sandbox_schema.graphql_schema, saleor_schema()) == []


def test_the_subset_check_catches_names_and_types_saleor_lacks():
    invented = build_schema(
        """
        type Query { shop: Shop!, artisans: [String] }
        type Shop { name: Int, version: String! }
        enum PermissionEnum { MANAGE_PRODUCTS, MANAGE_ARTISANS }
        """
    )

    assert schema_subset_problems(invented, saleor_schema()) == [
        "enum value PermissionEnum.MANAGE_ARTISANS does not exist in Saleor",
        "field Query.artisans does not exist in Saleor",
        "field Shop.name is Int, Saleor's is String!",
    ]


APP_DOCUMENT_ROOTS = sorted(REPO_ROOT.glob("storefront_plugins/*/saleor_graphql"))
APP_DOCUMENTS = [
    (root, name) for root in APP_DOCUMENT_ROOTS for name in DocumentLibrary(root).names()
]


@pytest.mark.parametrize(
    "root_and_name",
    APP_DOCUMENTS,
    ids=[f"{root.parent.name}:{name}" for root, name in APP_DOCUMENTS],
)
def test_every_document_the_app_sends_validates_against_the_sandbox(root_and_name):
    root, name = root_and_name
    document = DocumentLibrary(root).get(name)

    assert [e.message for e in validate(sandbox_schema.graphql_schema, parse(document))] == []
