"""Global IDs as Saleor makes them (`base64("Product:42")`), and which model and
permissions stand behind each type name."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from graphql_relay import from_global_id as relay_from_global_id
from graphql_relay import to_global_id as relay_to_global_id

from saleor_sandbox.graphql.core.errors import GraphQLError


@dataclass(frozen=True)
class NodeKind:
    type_name: str
    model: type[models.Model]
    manage_permissions: tuple[str, ...]  # needed to change it or read its private metadata


_kinds: dict[str, NodeKind] = {}


def register_node(type_name: str, model: type[models.Model], *manage_permissions: str) -> None:
    _kinds[type_name] = NodeKind(type_name, model, tuple(manage_permissions))


def node_kind(type_name: str) -> NodeKind | None:
    return _kinds.get(type_name)


def kind_for_instance(instance: models.Model) -> NodeKind | None:
    for kind in _kinds.values():
        if type(instance) is kind.model:
            return kind
    return None


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


def instance_for_global_id(global_id: str) -> models.Model | None:
    type_name, pk = from_global_id(global_id)
    kind = node_kind(type_name)
    if kind is None:
        return None
    try:
        return kind.model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def graphene_type_named(info: Any, type_name: str | None) -> Any:
    """The graphene class behind a schema type name, for interfaces' `resolve_type`."""
    if type_name is None:
        return None
    graphql_type = info.schema.get_type(type_name)
    return getattr(graphql_type, "graphene_type", None)
