from collections.abc import Callable
from typing import Any, TypeVar

from storefront_plugins.core.graphql.errors import mutation_payload
from storefront_plugins.listings.error_codes import ListingErrorCode

P = TypeVar("P")


def payload(cls: type[P], action: Callable[[], dict[str, Any]]) -> P:
    """The mutation's payload (core's `mutation_payload`) with this capability's codes."""
    return mutation_payload(cls, action, ListingErrorCode.INVALID)
