"""Staff sign-in: JWTs as Saleor issues them."""

import secrets
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone

from saleor_sandbox import keys
from saleor_sandbox.errors import mutation_error
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import User

ISSUER = "saleor-sandbox"


def user_token_payload(user: User, token_type: str, ttl: int) -> dict[str, Any]:
    """Saleor's `jwt_user_payload`."""
    now = timezone.now()
    return {
        "iat": int(now.timestamp()),
        "iss": settings.PUBLIC_URL + "/graphql/",
        "owner": "saleor",
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        "token": user.jwt_token_key,
        "email": user.email,
        "type": token_type,
        "user_id": to_global_id("User", user.pk),
        "is_staff": user.is_staff,
    }


def create_access_token(user: User) -> str:
    return keys.encode_jwt(user_token_payload(user, "access", settings.JWT_ACCESS_TTL))


def create_refresh_token(user: User) -> str:
    payload = user_token_payload(user, "refresh", settings.JWT_REFRESH_TTL)
    payload["csrfToken"] = secrets.token_urlsafe(32)
    return keys.encode_jwt(payload)


def create_user(email: str, password: str, **fields: Any) -> User:
    user = User(email=email.lower(), jwt_token_key=secrets.token_hex(6), **fields)
    user.set_password(password)
    user.save()
    return user


def sign_in(email: str, password: str) -> tuple[User, str, str]:
    """Saleor answers a wrong e-mail and a wrong password alike."""
    user = User.objects.filter(email=email.lower()).first()
    if user is None or not user.check_password(password):
        raise mutation_error("email", "INVALID_CREDENTIALS", "Please, enter valid credentials")
    if not user.is_active:
        raise mutation_error("email", "INACTIVE", "Account inactive.")
    return user, create_access_token(user), create_refresh_token(user)


def refresh_access_token(refresh_token: str | None) -> tuple[User, str]:
    if not refresh_token:
        raise mutation_error("refreshToken", "JWT_MISSING_TOKEN", "Missing refreshToken")
    try:
        payload = keys.decode_jwt(refresh_token)
    except jwt.ExpiredSignatureError as error:
        raise mutation_error(
            "refreshToken", "JWT_SIGNATURE_EXPIRED", "Signature has expired"
        ) from error
    except jwt.InvalidTokenError as error:
        raise mutation_error("refreshToken", "JWT_INVALID_TOKEN", "Invalid token") from error
    if payload.get("type") != "refresh":
        raise mutation_error("refreshToken", "JWT_INVALID_TOKEN", "Invalid token")
    user = User.objects.filter(email=payload.get("email"), is_active=True).first()
    if user is None or user.jwt_token_key != payload.get("token"):
        raise mutation_error("refreshToken", "JWT_INVALID_TOKEN", "Invalid token")
    return user, create_access_token(user)
