"""Saleor's permissions (PermissionEnum names) and the checks resolvers make."""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from saleor_sandbox.errors import PermissionDenied

if TYPE_CHECKING:
    from saleor_sandbox.graphql.context import SandboxContext

ALL_PERMISSIONS = [
    "MANAGE_USERS",
    "MANAGE_STAFF",
    "MANAGE_APPS",
    "MANAGE_CHECKOUTS",
    "HANDLE_CHECKOUTS",
    "MANAGE_CHANNELS",
    "MANAGE_DISCOUNTS",
    "MANAGE_ORDERS",
    "MANAGE_PAGES",
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
    "HANDLE_PAYMENTS",
    "MANAGE_PRODUCTS",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    "MANAGE_SHIPPING",
    "MANAGE_SETTINGS",
    "MANAGE_TRANSLATIONS",
]

PERMISSION_NAMES = {
    "MANAGE_USERS": "Manage customers.",
    "MANAGE_STAFF": "Manage staff.",
    "MANAGE_APPS": "Manage apps",
    "MANAGE_CHECKOUTS": "Manage checkouts",
    "HANDLE_CHECKOUTS": "Handle checkouts",
    "MANAGE_CHANNELS": "Manage channels.",
    "MANAGE_DISCOUNTS": "Manage sales and vouchers.",
    "MANAGE_ORDERS": "Manage orders.",
    "MANAGE_PAGES": "Manage pages.",
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES": "Manage page types and attributes.",
    "HANDLE_PAYMENTS": "Handle payments",
    "MANAGE_PRODUCTS": "Manage products.",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES": "Manage product types and attributes.",
    "MANAGE_SHIPPING": "Manage shipping.",
    "MANAGE_SETTINGS": "Manage settings.",
    "MANAGE_TRANSLATIONS": "Manage translations.",
}

AUTHENTICATED_STAFF_USER = "AUTHENTICATED_STAFF_USER"
AUTHENTICATED_APP = "AUTHENTICATED_APP"


def requestor_permissions(context: "SandboxContext") -> set[str]:
    if context.app is not None:
        return set(context.app.permissions)
    if context.user is not None and context.user.is_staff:
        return context.user.effective_permissions()
    return set()


def has_any_permission(context: "SandboxContext", permissions: list[str]) -> bool:
    return bool(requestor_permissions(context) & set(permissions))


def require_any_permission(info: Any, *permissions: str) -> None:
    """Saleor's `permission_required` with `one_of` semantics."""
    if not has_any_permission(info.context, list(permissions)):
        raise PermissionDenied(list(permissions))


def require_staff_or_app(info: Any) -> None:
    context = info.context
    if context.app is None and not (context.user is not None and context.user.is_staff):
        raise PermissionDenied([AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP])


def is_staff_or_app(context: "SandboxContext") -> bool:
    return context.app is not None or (context.user is not None and context.user.is_staff)


def has_access(context: "SandboxContext", permissions: tuple[str, ...]) -> bool:
    """Saleor's one-of check, where AUTHENTICATED_STAFF_USER and AUTHENTICATED_APP are
    filters that any staff user, respectively any app, passes."""
    if AUTHENTICATED_APP in permissions and context.app is not None:
        return True
    if (
        AUTHENTICATED_STAFF_USER in permissions
        and context.user is not None
        and context.user.is_staff
        and context.user.is_active
    ):
        return True
    return has_any_permission(context, [p for p in permissions if p in ALL_PERMISSIONS])


Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def permission_required(*permissions: str) -> Callable[[Resolver], Resolver]:
    """Decorates a resolver as Saleor's `PermissionsField`: one of `permissions` is needed."""

    def decorate(resolver: Resolver) -> Resolver:
        @wraps(resolver)
        def checked(root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            if not has_access(info.context, permissions):
                raise PermissionDenied(list(permissions))
            return resolver(root, info, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate


STAFF_OR_APP = (AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP)
