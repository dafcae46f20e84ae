from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError

from storefront_plugins.core.graphql.errors import errors_from_validation_error
from storefront_plugins.payouts.error_codes import PayoutErrorCode

P = TypeVar("P")


def payload(cls: type[P], action: Callable[[], dict[str, Any]]) -> P:
    """The mutation's payload: what `action` returns, or its validation errors (PayoutError).
    Permission errors propagate to the top level."""
    try:
        fields = action()
    except ValidationError as error:
        return cls(errors=errors_from_validation_error(error, PayoutErrorCode.INVALID))  # type: ignore[call-arg]
    return cls(errors=[], **fields)  # type: ignore[call-arg]


def signed_in_user(info: Any) -> Any:
    """The request's user; PermissionDenied (top level) for an anonymous visitor."""
    from django.core.exceptions import PermissionDenied

    from storefront_plugins.core.graphql.context import context_of

    user = context_of(info).user
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return user
