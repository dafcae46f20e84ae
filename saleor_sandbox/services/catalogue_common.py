"""Input helpers the catalogue services share: global ids to rows, unique slugs,
metadata input."""

from typing import Any, TypeVar

from django.db import models
from django.utils.text import slugify

from saleor_sandbox.errors import GraphQLError, MutationError, MutationErrors
from saleor_sandbox.global_ids import from_global_id

M = TypeVar("M", bound=models.Model)


def node_error(field: str, global_id: str) -> MutationError:
    return MutationError(field, "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")


def get_node(global_id: str, type_name: str, model: type[M], field: str, queryset: Any = None) -> M:
    """The row behind a global id, or a payload error as Saleor reports it."""
    try:
        _type, pk = from_global_id(global_id, type_name)
    except GraphQLError as error:
        raise MutationErrors([MutationError(field, "GRAPHQL_ERROR", str(error))]) from error
    manager = queryset if queryset is not None else model._default_manager
    instance = manager.filter(pk=pk).first() if pk.isdigit() else None
    if instance is None:
        raise MutationErrors([node_error(field, global_id)])
    return instance  # type: ignore[no-any-return,unused-ignore]


def get_nodes(global_ids: list[str], type_name: str, model: type[M], field: str) -> list[M]:
    """Rows for several ids; any missing one is a NOT_FOUND error naming all of them."""
    pks = []
    for global_id in global_ids:
        try:
            _type, pk = from_global_id(global_id, type_name)
        except GraphQLError as error:
            raise MutationErrors([MutationError(field, "GRAPHQL_ERROR", str(error))]) from error
        pks.append(pk)
    found = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=pks)}
    missing = [gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found]
    if missing:
        raise MutationErrors(
            [MutationError(field, "NOT_FOUND", f"Could not resolve to a node: {missing}")]
        )
    return [found[pk] for pk in pks]


def unique_slug(model: type[models.Model], text: str, exclude_pk: Any = None) -> str:
    """Saleor's generate_unique_slug: slugify, then -2, -3... until it is free."""
    base = slugify(text, allow_unicode=False) or "-"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_slug(
    model: type[models.Model], slug: str, exclude_pk: Any, verbose: str, code: str = "UNIQUE"
) -> None:
    if not slug.strip():
        raise MutationErrors([MutationError("slug", "REQUIRED", "Slug value cannot be blank.")])
    if model._default_manager.filter(slug=slug).exclude(pk=exclude_pk).exists():
        raise MutationErrors(
            [MutationError("slug", code, f"{verbose} with this Slug already exists.")]
        )


def apply_metadata(instance: Any, data: dict[str, Any]) -> None:
    for field_name in ("metadata", "private_metadata"):
        items = data.get(field_name)
        if items is None:
            continue
        values = dict(getattr(instance, field_name) or {})
        for item in items:
            if not item["key"].strip():
                raise MutationErrors(
                    [MutationError(field_name, "REQUIRED", "Metadata key cannot be empty.")]
                )
            values[item["key"]] = item["value"]
        setattr(instance, field_name, values)


def description_plaintext(description: Any) -> str:
    """Editor.js blocks to text, as Saleor's `clean_editor_js(to_string=True)`."""
    if not isinstance(description, dict):
        return ""
    texts = []
    for block in description.get("blocks", []) or []:
        data = block.get("data", {}) if isinstance(block, dict) else {}
        text = data.get("text")
        if isinstance(text, str):
            texts.append(text)
        for item in data.get("items", []) or []:
            if isinstance(item, str):
                texts.append(item)
    return " ".join(texts)


def enum_value(value: Any) -> Any:
    """Graphene hands enum arguments over as enum members; their value is Saleor's name."""
    return getattr(value, "value", value)
