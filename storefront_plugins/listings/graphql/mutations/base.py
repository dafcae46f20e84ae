from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError

from storefront_plugins.core.graphql.errors import errors_from_validation_error
from storefront_plugins.listings.error_codes import ListingErrorCode

P = TypeVar("P")


def payload(cls: type[P], action: Callable[[], dict[str, Any]]) -> P:
    """The mutation's payload: what `action` returns, or its validation errors (and nothing
    written). Permission errors propagate to the top level."""
    try:
        fields = action()
    except ValidationError as error:
        return cls(errors=errors_from_validation_error(error, ListingErrorCode.INVALID))  # type: ignore[call-arg]
    return cls(errors=[], **fields)  # type: ignore[call-arg]
