"""Who is asking: the Saleor staff user the Dashboard's posted token stands for, with the
Saleor permission a view needs."""

from dataclasses import dataclass

from django.http import HttpRequest

from storefront_plugins.saleor_app.dashboard_tokens import (
    DashboardTokenError,
    DashboardUser,
    authenticate_dashboard_token,
)
from storefront_plugins.saleor_app.error_codes import DashboardTokenErrorCode
from storefront_plugins.saleor_app.models import Installation

PERMISSION_DENIED = "PERMISSION_DENIED"


@dataclass(frozen=True)
class DashboardDenied(Exception):
    status: int  # 401: no proof of who asks; 403: a staff user without the permission
    code: str
    message: str
    installation: Installation | None = None  # known when the token was


def dashboard_user(request: HttpRequest, permission: str) -> DashboardUser:
    """The staff user of the posted `accessToken` (for the `saleorApiUrl` posted beside it)
    holding `permission` in Saleor."""
    try:
        user = authenticate_dashboard_token(
            request.POST.get("accessToken", ""), request.POST.get("saleorApiUrl") or None
        )
    except DashboardTokenError as error:
        status = 503 if error.code == DashboardTokenErrorCode.SIGNING_KEY_UNAVAILABLE else 401
        raise DashboardDenied(status, error.code.value, error.message) from error
    if not user.has_permission(permission):
        raise DashboardDenied(
            403,
            PERMISSION_DENIED,
            f"Saleor's {permission} permission is needed.",
            user.installation,
        )
    return user
