"""The sandbox's schema is a subset of Saleor's: same names, same types."""

from graphql import build_schema

from saleor_sandbox.graphql.api import schema as sandbox_schema
from tests.saleor_contract import saleor_schema
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
