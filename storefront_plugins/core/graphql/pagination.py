"""Relay connections over querysets: one COUNT and one page query, whatever the page size."""

from functools import partial
from typing import Any

import graphene
from django.db.models import Model, QuerySet
from graphene.relay.connection import connection_adapter, page_info_adapter
from graphql import GraphQLError
from graphql_relay import connection_from_array_slice, cursor_to_offset

MAX_PAGE_SIZE = 100


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="Items matching, across all pages.")

    @staticmethod
    def resolve_total_count(root: Any, info: Any) -> int:
        return int(root.length)


def paginate(queryset: "QuerySet[Any]", args: dict[str, Any], connection: type) -> Any:
    first, last = args.get("first"), args.get("last")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise GraphQLError(f"`{name}` must be between 0 and {MAX_PAGE_SIZE}.")
    total = queryset.count()
    start = _offset(args.get("after"), default=-1) + 1
    end = min(_offset(args.get("before"), default=total), total)
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    page: list[Model] = list(queryset[start:end]) if end > start else []
    result = connection_from_array_slice(
        page,
        args,
        slice_start=start,
        array_length=total,
        connection_type=partial(connection_adapter, connection),
        edge_type=connection.Edge,  # type: ignore[attr-defined]
        page_info_type=page_info_adapter,
    )
    result.length = total  # type: ignore[attr-defined]
    return result


def _offset(cursor: str | None, default: int) -> int:
    if not cursor:
        return default
    offset = cursor_to_offset(cursor)
    if offset is None:
        raise GraphQLError("Invalid cursor.")
    return offset
