"""Verifying the token the Saleor Dashboard gives the App's extensions.

The Dashboard posts an extension's `accessToken` (with `saleorApiUrl` and `appId`) to a
WIDGET or NEW_TAB extension whose method is POST. It is an RS256 JWT signed by that
Saleor (the key set it publishes at /.well-known/jwks.json, the one signing webhooks),
of type `thirdparty`, issued (`iss`) by that Saleor's API URL, for an app (`app`), with the
staff user's email, id and permissions (`user_permissions`), valid for a few minutes.

`verify_dashboard_token` is the pure check against a key set; `authenticate_dashboard_token`
finds the installation and refetches its key set once when Saleor has rotated its key.
"""

from dataclasses import dataclass
from typing import Any

import jwt

from storefront_plugins.saleor_app.allowlist import normalize_api_url
from storefront_plugins.saleor_app.error_codes import DashboardTokenErrorCode
from storefront_plugins.saleor_app.exceptions import SaleorError
from storefront_plugins.saleor_app.models import Installation
from storefront_plugins.saleor_app.signatures import jwks_has_key

THIRDPARTY_TOKEN_TYPE = "thirdparty"  # noqa: S105 (a claim value, not a secret)
# Saleor's clock and ours may differ a little.
LEEWAY_SECONDS = 30


class DashboardTokenError(Exception):
    def __init__(self, code: DashboardTokenErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class UnknownTokenKey(DashboardTokenError):
    """Signed with a key that is not in the key set (Saleor may have rotated it)."""


@dataclass(frozen=True)
class DashboardClaims:
    issuer: str
    app_id: str
    email: str
    user_id: str
    permissions: frozenset[str]  # the staff user's own (`user_permissions`)
    extension_id: str | None


@dataclass(frozen=True)
class DashboardUser:
    installation: Installation
    email: str
    user_id: str
    permissions: frozenset[str]

    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions


def _invalid(message: str) -> DashboardTokenError:
    return DashboardTokenError(DashboardTokenErrorCode.INVALID_TOKEN, message)


def token_key_id(token: str) -> str:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise _invalid("The Dashboard token is not a JWT.") from error
    key_id = header.get("kid")
    if header.get("alg") != "RS256" or not isinstance(key_id, str) or not key_id:
        raise _invalid("The Dashboard token is not signed with RS256 by a named key.")
    return key_id


def unverified_issuer(token: str) -> str:
    """Whom the token says issued it: only to find which installation's keys to check."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise _invalid("The Dashboard token is not a JWT.") from error
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or not issuer:
        raise _invalid("The Dashboard token names no issuer.")
    return issuer


def verify_dashboard_token(
    token: str,
    jwks: dict[str, Any],
    *,
    saleor_api_url: str,
    app_id: str,
) -> DashboardClaims:
    """Check a Dashboard token against a Saleor's key set: signature (RS256), expiry,
    issuer (this Saleor), type (`thirdparty`) and app (this installation's app id)."""
    if not token:
        raise DashboardTokenError(
            DashboardTokenErrorCode.MISSING_TOKEN, "No Dashboard token was sent."
        )
    key_id = token_key_id(token)
    if not jwks_has_key(jwks, key_id):
        raise UnknownTokenKey(
            DashboardTokenErrorCode.INVALID_TOKEN,
            f"The Dashboard token is signed with an unknown key {key_id!r}.",
        )
    try:
        public_key = jwt.PyJWKSet.from_dict(jwks)[key_id]
    except (jwt.PyJWKSetError, KeyError) as error:
        raise UnknownTokenKey(
            DashboardTokenErrorCode.INVALID_TOKEN, f"No usable key {key_id!r} in the key set."
        ) from error
    try:
        claims = jwt.decode(
            token,
            key=public_key.key,
            algorithms=["RS256"],
            options={"require": ["exp", "iss"], "verify_aud": False},
            leeway=LEEWAY_SECONDS,
        )
    except jwt.ExpiredSignatureError as error:
        raise DashboardTokenError(
            DashboardTokenErrorCode.EXPIRED_TOKEN,
            "The Dashboard token has expired: reload the page in the Dashboard.",
        ) from error
    except jwt.PyJWTError as error:
        raise _invalid("The Dashboard token's signature or claims are not valid.") from error
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or normalize_api_url(issuer) != normalize_api_url(
        saleor_api_url
    ):
        raise _invalid("The Dashboard token was issued by another Saleor.")
    if claims.get("type") != THIRDPARTY_TOKEN_TYPE:
        raise _invalid("The Dashboard token is not an app's (type thirdparty).")
    if claims.get("app") != app_id:
        raise DashboardTokenError(
            DashboardTokenErrorCode.WRONG_APP, "The Dashboard token was issued for another app."
        )
    permissions = claims.get("user_permissions") or []
    email, user_id = claims.get("email"), claims.get("user_id")
    if not isinstance(permissions, list) or not isinstance(email, str) or not user_id:
        raise _invalid("The Dashboard token does not name its user.")
    extension_id = claims.get("app_extension")
    return DashboardClaims(
        issuer=issuer,
        app_id=app_id,
        email=email,
        user_id=str(user_id),
        permissions=frozenset(str(p) for p in permissions),
        extension_id=str(extension_id) if extension_id else None,
    )


def authenticate_dashboard_token(token: str, saleor_api_url: str | None) -> DashboardUser:
    """The staff user of a known installation a Dashboard token stands for.

    `saleor_api_url` is the `saleorApiUrl` the Dashboard posted; the token's issuer must be
    the same Saleor (it names the installation). A key not in the stored set is looked for
    in a refetched one, at most once per SALEOR_JWKS_REFETCH_INTERVAL per installation."""
    from storefront_plugins.saleor_app.services import refetch_jwks_if_allowed

    if not token:
        raise DashboardTokenError(
            DashboardTokenErrorCode.MISSING_TOKEN, "No Dashboard token was sent."
        )
    issuer = unverified_issuer(token)
    if saleor_api_url and normalize_api_url(saleor_api_url) != normalize_api_url(issuer):
        raise _invalid("The Dashboard token was issued by another Saleor than the one named.")
    installation = Installation.objects.filter(saleor_api_url=normalize_api_url(issuer)).first()
    if installation is None:
        raise DashboardTokenError(
            DashboardTokenErrorCode.UNKNOWN_SALEOR, f"Souk is not installed by {issuer}."
        )

    def verify() -> DashboardClaims:
        return verify_dashboard_token(
            token,
            installation.jwks,
            saleor_api_url=installation.saleor_api_url,
            app_id=installation.saleor_app_id,
        )

    try:
        claims = verify()
    except UnknownTokenKey:
        try:
            refetched = refetch_jwks_if_allowed(installation)
        except SaleorError as error:
            raise DashboardTokenError(
                DashboardTokenErrorCode.SIGNING_KEY_UNAVAILABLE,
                "Souk could not fetch this Saleor's signing keys; try again shortly.",
            ) from error
        if not refetched:
            raise
        claims = verify()
    return DashboardUser(
        installation=installation,
        email=claims.email,
        user_id=claims.user_id,
        permissions=claims.permissions,
    )
