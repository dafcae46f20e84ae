"""Which model and permissions stand behind each node type name (global IDs themselves
are in saleor_sandbox/global_ids.py)."""

from dataclasses import dataclass
from typing import Any

from django.db import models

from saleor_sandbox.global_ids import from_global_id, to_global_id


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


__all__ = [
    "from_global_id",
    "graphene_type_named",
    "instance_for_global_id",
    "node_kind",
    "register_node",
    "to_global_id",
]
