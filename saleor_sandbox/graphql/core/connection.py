"""Relay connections as Saleor has them: `<Type>CountableConnection` with `totalCount`,
`first` or `last` required, at most 100 items a page."""

import base64
import json
from typing import Any

import graphene
from django.db.models import QuerySet
from graphene.relay import PageInfo

from saleor_sandbox.errors import GraphQLError

MAX_PAGE_SIZE = 100


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(description="A total count of items in the collection.")

    @staticmethod
    def resolve_total_count(root: Any, _info: Any) -> int:
        return int(root.total_count)


def countable_connection(node: type[graphene.ObjectType]) -> type[CountableConnection]:
    name = f"{node._meta.name}CountableConnection"
    meta = type("Meta", (), {"node": node, "name": name, "strict_types": True})
    return type(name, (CountableConnection,), {"Meta": meta})


def connection_args() -> dict[str, Any]:
    return {
        "before": graphene.String(
            description="Return the elements in the list that come before the specified cursor."
        ),
        "after": graphene.String(
            description="Return the elements in the list that come after the specified cursor."
        ),
        "first": graphene.Int(
            description="Retrieve the first n elements from the list. Note that the system only allows fetching a maximum of 100 objects in a single query."
        ),
        "last": graphene.Int(
            description="Retrieve the last n elements from the list. Note that the system only allows fetching a maximum of 100 objects in a single query."
        ),
    }


def _encode_cursor(offset: int) -> str:
    return base64.b64encode(json.dumps([offset]).encode()).decode()


def _decode_cursor(cursor: str) -> int:
    try:
        [offset] = json.loads(base64.b64decode(cursor))
        return int(offset)
    except (ValueError, TypeError) as error:
        raise GraphQLError(f"Received cursor ({cursor}) is invalid.") from error


def paginate(
    queryset: QuerySet[Any],
    connection_type: type[CountableConnection],
    field_name: str,
    *,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    **_filters: Any,
) -> CountableConnection:
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{field_name}` connection."
        )
    if first is not None and last is not None:
        raise GraphQLError("Mixing `first` and `last` is not supported.")
    for name, value in (("first", first), ("last", last)):
        if value is not None and value > MAX_PAGE_SIZE:
            raise GraphQLError(
                f"Requesting {value} records on the `{field_name}` connection exceeds the `{name}` limit of {MAX_PAGE_SIZE} records."
            )
        if value is not None and value < 0:
            raise GraphQLError(
                f"Argument `{name}` on connection `{field_name}` cannot be less than zero."
            )

    total = queryset.count()
    start, end = 0, total
    if after is not None:
        start = _decode_cursor(after) + 1
    if before is not None:
        end = min(end, _decode_cursor(before))
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    items = list(queryset[start:end]) if end > start else []

    edge_type = connection_type.Edge
    edges = [edge_type(node=item, cursor=_encode_cursor(start + i)) for i, item in enumerate(items)]
    connection = connection_type(
        edges=edges,
        page_info=PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=start > 0,
            has_next_page=end < total,
        ),
    )
    connection.total_count = total
    return connection
