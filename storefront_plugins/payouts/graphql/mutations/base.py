from collections.abc import Callable
from typing import Any, TypeVar

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.errors import PermissionDeniedError, mutation_payload
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.graphql.context import ledger_access_of

P = TypeVar("P")


def require_configures(info: Any, cooperative_id: int) -> None:
    """Managers of the cooperative and platform staff change its payout settings."""
    if not ledger_access_of(info).configures(cooperative_id):
        raise PermissionDeniedError()


def payload(cls: type[P], action: Callable[[], dict[str, Any]]) -> P:
    """The mutation's payload (core's `mutation_payload`) with this capability's codes."""
    return mutation_payload(cls, action, PayoutErrorCode.INVALID)


def signed_in_user(info: Any) -> Any:
    """The request's user; PermissionDenied (top level) for an anonymous visitor."""
    user = context_of(info).user
    if not user.is_authenticated:
        raise PermissionDeniedError("Sign in first.")
    return user
