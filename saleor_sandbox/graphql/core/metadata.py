"""Public and private metadata: the `ObjectWithMetadata` interface and its mutations."""

from typing import Any

import graphene
from django.db import models, transaction

from saleor_sandbox.errors import PermissionDenied
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.nodes import (
    graphene_type_named,
    instance_for_global_id,
    kind_for_instance,
    node_kind,
)
from saleor_sandbox.graphql.core.scalars import Metadata
from saleor_sandbox.permissions import has_any_permission


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


def _items(data: dict[str, str]) -> list[MetadataItem]:
    return [MetadataItem(key=key, value=value) for key, value in data.items()]


def _can_read_private(info: Any, root: models.Model) -> bool:
    kind = kind_for_instance(root)
    return kind is not None and has_any_permission(info.context, list(kind.manage_permissions))


def _private(info: Any, root: models.Model) -> dict[str, str]:
    if not _can_read_private(info, root):
        kind = kind_for_instance(root)
        raise PermissionDenied(list(kind.manage_permissions) if kind else [])
    return dict(getattr(root, "private_metadata", {}) or {})


class ObjectWithMetadata(graphene.Interface):
    private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    private_metafield = graphene.String(key=graphene.String(required=True))
    private_metafields = graphene.Field(
        Metadata, keys=graphene.List(graphene.NonNull(graphene.String))
    )
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    metafield = graphene.String(key=graphene.String(required=True))
    metafields = graphene.Field(Metadata, keys=graphene.List(graphene.NonNull(graphene.String)))

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        kind = kind_for_instance(instance)
        return graphene_type_named(info, kind.type_name if kind else None)

    @staticmethod
    def resolve_metadata(root: Any, _info: Any) -> list[MetadataItem]:
        return _items(root.metadata or {})

    @staticmethod
    def resolve_metafield(root: Any, _info: Any, key: str) -> str | None:
        return (root.metadata or {}).get(key)

    @staticmethod
    def resolve_metafields(root: Any, _info: Any, keys: list[str] | None = None) -> dict[str, str]:
        data = root.metadata or {}
        return {k: v for k, v in data.items() if keys is None or k in keys}

    @staticmethod
    def resolve_private_metadata(root: Any, info: Any) -> list[MetadataItem]:
        return _items(_private(info, root))

    @staticmethod
    def resolve_private_metafield(root: Any, info: Any, key: str) -> str | None:
        return _private(info, root).get(key)

    @staticmethod
    def resolve_private_metafields(
        root: Any, info: Any, keys: list[str] | None = None
    ) -> dict[str, str]:
        return {k: v for k, v in _private(info, root).items() if keys is None or k in keys}


MetadataErrorCode = saleor_enum(
    "MetadataErrorCode", ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "NOT_UPDATED"]
)


class MetadataError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = MetadataErrorCode(required=True)


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


# Called after metadata really changed, with (info, instance, private); domains register
# the events Saleor sends then (e.g. PRODUCT_UPDATED, PRODUCT_METADATA_UPDATED). Writing
# the same values again changes nothing and, as in Saleor, emits nothing.
metadata_change_listeners: list[Any] = []


def _change_metadata(info: Any, global_id: str, private: bool, change: Any) -> Any:
    from saleor_sandbox.graphql.core.nodes import from_global_id

    type_name, _pk = from_global_id(global_id)
    kind = node_kind(type_name)
    instance = instance_for_global_id(global_id)
    if kind is None or instance is None:
        return None, [
            MetadataError(
                field="id", code="NOT_FOUND", message=f"Couldn't resolve to a node: {global_id}"
            )
        ]
    if not has_any_permission(info.context, list(kind.manage_permissions)):
        raise PermissionDenied(list(kind.manage_permissions))
    field_name = "private_metadata" if private else "metadata"
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = dict(getattr(locked, field_name) or {})
        data = dict(before)
        error = change(data)
        if error:
            return None, [error]
        if data != before:
            setattr(locked, field_name, data)
            locked.save(update_fields=[field_name])
            for listener in metadata_change_listeners:
                listener(info, locked, private)
    return locked, []


def _updater(items: list[Any]) -> Any:
    def update(data: dict[str, str]) -> MetadataError | None:
        for item in items:
            if not item.key.strip():
                return MetadataError(
                    field="input", code="REQUIRED", message="Metadata key cannot be empty."
                )
            data[item.key] = item.value
        return None

    return update


def _deleter(keys: list[str]) -> Any:
    def delete(data: dict[str, str]) -> MetadataError | None:
        for key in keys:
            data.pop(key, None)
        return None

    return delete


class UpdateMetadata(graphene.Mutation):
    metadata_errors = graphene.List(
        graphene.NonNull(MetadataError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = graphene.List(graphene.NonNull(MetadataError), required=True)
    item = graphene.Field(ObjectWithMetadata)

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(MetadataInput), required=True)

    @classmethod
    def mutate(cls, _root: Any, info: Any, id: str, input: list[Any]) -> "UpdateMetadata":
        item, errors = _change_metadata(info, id, False, _updater(input))
        return cls(item=item, errors=errors, metadata_errors=errors)


class UpdatePrivateMetadata(UpdateMetadata):
    @classmethod
    def mutate(cls, _root: Any, info: Any, id: str, input: list[Any]) -> "UpdateMetadata":
        item, errors = _change_metadata(info, id, True, _updater(input))
        return cls(item=item, errors=errors, metadata_errors=errors)


class DeleteMetadata(graphene.Mutation):
    metadata_errors = graphene.List(
        graphene.NonNull(MetadataError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = graphene.List(graphene.NonNull(MetadataError), required=True)
    item = graphene.Field(ObjectWithMetadata)

    class Arguments:
        id = graphene.ID(required=True)
        keys = graphene.List(graphene.NonNull(graphene.String), required=True)

    @classmethod
    def mutate(cls, _root: Any, info: Any, id: str, keys: list[str]) -> "DeleteMetadata":
        item, errors = _change_metadata(info, id, False, _deleter(keys))
        return cls(item=item, errors=errors, metadata_errors=errors)


class DeletePrivateMetadata(DeleteMetadata):
    @classmethod
    def mutate(cls, _root: Any, info: Any, id: str, keys: list[str]) -> "DeleteMetadata":
        item, errors = _change_metadata(info, id, True, _deleter(keys))
        return cls(item=item, errors=errors, metadata_errors=errors)


class MetadataMutations(graphene.ObjectType):
    update_metadata = UpdateMetadata.Field()
    update_private_metadata = UpdatePrivateMetadata.Field()
    delete_metadata = DeleteMetadata.Field()
    delete_private_metadata = DeletePrivateMetadata.Field()
