"""GraphQL documents parsed and validated once each, not on every request.

A storefront or the portal sends the same few documents again and again; parsing and
validating the provenance query costs ~2.3 ms each time. The outcome depends only on the
schema and the text, so it is kept for the most recent documents.
"""

from dataclasses import dataclass
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate

MAX_CACHED_DOCUMENTS = 512
MAX_CACHED_DOCUMENT_LENGTH = 20_000


@dataclass(frozen=True)
class CheckedDocument:
    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]


def check_document(schema: GraphQLSchema, query: str) -> CheckedDocument:
    if len(query) > MAX_CACHED_DOCUMENT_LENGTH:
        return _check(schema, query)
    return _check_cached(schema, query)


def _check(schema: GraphQLSchema, query: str) -> CheckedDocument:
    try:
        document = parse(query)
    except GraphQLError as error:
        return CheckedDocument(document=None, errors=(error,))
    return CheckedDocument(document=document, errors=tuple(validate(schema, document)))


_check_cached = lru_cache(maxsize=MAX_CACHED_DOCUMENTS)(_check)
