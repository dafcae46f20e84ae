"""Who is asking: the request's token, resolved as Saleor does."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import jwt
from django.http import HttpRequest
from django.utils import timezone

from saleor_sandbox import keys
from saleor_sandbox.models import App, AppToken, User

APP_TOKEN_LENGTH = 30  # Saleor tells app tokens from JWTs by their length


@dataclass
class SandboxContext:
    request: HttpRequest | None
    user: User | None = None
    app: App | None = None
    request_time: datetime = field(default_factory=timezone.now)
    loaders: dict[str, Any] = field(default_factory=dict)
    # Set while a webhook payload is generated: the app that will receive it.
    recipient: App | None = None


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "") or request.headers.get(
        "Authorization-Bearer", ""
    )
    for prefix in ("Bearer ", "JWT "):
        if header.startswith(prefix):
            return header[len(prefix) :].strip() or None
    if header and " " not in header:
        return header
    return None


def app_for_token(raw_token: str) -> App | None:
    token = (
        AppToken.objects.select_related("app")
        .filter(
            token_digest=AppToken.digest(raw_token),
            app__is_active=True,
            app__removed_at__isnull=True,
        )
        .first()
    )
    return token.app if token else None


def user_for_access_token(raw_token: str) -> User | None:
    """A valid access JWT's active user; an expired or forged token is anonymous. A
    third-party app's JWT acts with its own `permissions` only (staff while it has any)."""
    try:
        payload = keys.decode_jwt(raw_token)
    except jwt.InvalidTokenError:
        return None
    if payload.get("type") not in {"access", "thirdparty"}:
        return None
    user = User.objects.filter(email=payload.get("email"), is_active=True).first()
    permissions = payload.get("permissions")
    if user is not None and isinstance(permissions, list):
        user.token_permissions = {str(name) for name in permissions}
        user.is_staff = bool(permissions) or bool(payload.get("is_staff"))
    return user


def context_for_request(request: HttpRequest) -> SandboxContext:
    context = SandboxContext(request=request)
    token = bearer_token(request)
    if token is None:
        return context
    if len(token) == APP_TOKEN_LENGTH:
        context.app = app_for_token(token)
    else:
        context.user = user_for_access_token(token)
    return context
