from collections.abc import Callable
from typing import Any, TypeVar

from storefront_plugins.artisans.error_codes import ArtisanErrorCode
from storefront_plugins.core.graphql.errors import mutation_payload

P = TypeVar("P")


def payload(cls: type[P], action: Callable[[], dict[str, Any]]) -> P:
    """The mutation's payload (core's `mutation_payload`) with this capability's codes."""
    return mutation_payload(cls, action, ArtisanErrorCode.INVALID)
