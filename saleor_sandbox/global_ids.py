"""Global IDs as Saleor makes them: `base64("Product:42")`."""

from typing import Any

from graphql_relay import from_global_id as relay_from_global_id
from graphql_relay import to_global_id as relay_to_global_id

from saleor_sandbox.errors import GraphQLError


def to_global_id(type_name: str, pk: Any) -> str:
    return relay_to_global_id(type_name, str(pk))


def from_global_id(
    global_id: str, only_type: str | None = None, field: str = "id"
) -> tuple[str, str]:
    """(type name, pk); a malformed id or one of another type is a GraphQLError, as Saleor."""
    try:
        type_name, pk = relay_from_global_id(global_id)
    except (ValueError, TypeError, UnicodeDecodeError) as error:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {only_type or 'a Node ID'}."
        ) from error
    if not type_name or not pk:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type or 'a Node ID'}.")
    if only_type and type_name != only_type:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {only_type}, received: {type_name}."
        )
    return type_name, pk
