"""Anonymous reads of public data, answered from a cache.

A storefront asks the same questions again and again (the provenance of a listing page, a
cooperative's artisans); executing them each time costs tens of milliseconds of GraphQL
completion for the same answer. A response is cached when the request is anonymous, the
document is a query whose root fields are all in `CACHEABLE_ROOT_FIELDS`, and it executed
without errors. The key carries the public data version (`PublicDataVersion`), read before
executing, so any committed write makes older responses unreachable at once; the time to
live only bounds memory.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from graphql import FieldNode, GraphQLError, OperationType, get_operation_ast, parse

# Public reads whose answer depends on the data and the request's origin only. Not
# `certificateVerification`: it says when it checked.
CACHEABLE_ROOT_FIELDS = frozenset(
    {
        "productProvenances",
        "productProvenance",
        "cooperatives",
        "cooperative",
        "artisans",
        "artisan",
        "collectors",
        "storefront",
        "storefronts",
        "pieceFacets",
        "pieceSearch",
        "__typename",
    }
)


@lru_cache(maxsize=512)
def is_cacheable_document(query: str, operation_name: str | None) -> bool:
    """A query whose root selections are all cacheable fields (parsed once per document)."""
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return False
    return all(
        isinstance(selection, FieldNode) and selection.name.value in CACHEABLE_ROOT_FIELDS
        for selection in operation.selection_set.selections
    )


def response_key(
    version: int, origin: str, query: str, variables: Any, operation_name: str | None
) -> str:
    request = json.dumps(
        [version, origin, query, variables, operation_name], sort_keys=True, default=str
    )
    return hashlib.sha256(request.encode()).hexdigest()


def public_data_version() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM api_public_data_version WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class CachedResponseSlot:
    """Where one request's response is, or will be, cached."""

    key: str

    def get(self) -> str | None:
        cached: str | None = caches["public_responses"].get(self.key)
        return cached

    def store(self, response: str) -> None:
        caches["public_responses"].set(
            self.key, response, settings.SOUK_PUBLIC_RESPONSE_CACHE_SECONDS
        )


def slot_for(
    *, origin: str, query: str | None, variables: Any, operation_name: str | None
) -> CachedResponseSlot | None:
    """The cache slot of an anonymous request, or None when it is not to be cached."""
    if settings.SOUK_PUBLIC_RESPONSE_CACHE_SECONDS <= 0 or not query:
        return None
    if not is_cacheable_document(query, operation_name):
        return None
    version = public_data_version()
    if version is None:
        return None
    return CachedResponseSlot(key=response_key(version, origin, query, variables, operation_name))
