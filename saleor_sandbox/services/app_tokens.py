"""The JWTs Saleor gives a third-party app, and each of its Dashboard extensions, to act
for the signed-in staff user (saleor/core/jwt.py `create_access_token_for_app`,
`create_access_token_for_app_extension`; saleor/graphql/app/resolvers.py). Type
`thirdparty`, signed RS256 with the sandbox's key (/.well-known/jwks.json), with the
user's claims plus `app`, `permissions` (the app's, or the extension's, that the user
also holds) and `user_permissions` (all the user's)."""

from typing import Any

from django.conf import settings

from saleor_sandbox import keys
from saleor_sandbox.errors import GraphQLError
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import App, AppExtension, User
from saleor_sandbox.services.accounts import user_token_payload

THIRDPARTY_TYPE = "thirdparty"
MANAGE_APPS_MESSAGE = "App must not have MANAGE_APPS permission, please remove it first."


def thirdparty_payload(
    app: App, user: User, permissions: list[str], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    user_permissions = user.effective_permissions()
    payload = user_token_payload(user, THIRDPARTY_TYPE, settings.JWT_APP_ACCESS_TTL)
    payload["app"] = to_global_id("App", app.pk)
    payload["permissions"] = sorted(set(permissions) & user_permissions)
    payload["user_permissions"] = sorted(user_permissions)
    if app.audience:
        payload["aud"] = app.audience
    payload.update(extra or {})
    return payload


def _refuse_manage_apps(app: App) -> None:
    if "MANAGE_APPS" in app.permissions:
        raise GraphQLError(MANAGE_APPS_MESSAGE)


def access_token_for_app(app: App, user: User | None) -> str | None:
    """`App.accessToken`: only for installed (third-party) apps and staff users."""
    _refuse_manage_apps(app)
    if app.type != App.Type.THIRDPARTY or user is None or not user.is_staff:
        return None
    return keys.encode_jwt(thirdparty_payload(app, user, list(app.permissions)))


def access_token_for_extension(extension: AppExtension, user: User | None) -> str | None:
    """`AppExtension.accessToken`: for a user holding every permission of the extension."""
    app = extension.app
    _refuse_manage_apps(app)
    if user is None or not set(extension.permissions) <= user.effective_permissions():
        return None
    extra = {"app_extension": to_global_id("AppExtension", extension.pk)}
    return keys.encode_jwt(thirdparty_payload(app, user, list(extension.permissions), extra))
