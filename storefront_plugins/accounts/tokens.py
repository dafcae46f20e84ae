"""Access tokens: short-lived HS256 JWTs carrying the user id and the user's token version."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from django.conf import settings

ACCESS_TOKEN_TYPE = "access"  # noqa: S105 (a claim value)
ALGORITHM = "HS256"


class InvalidAccessToken(Exception):
    pass


class ExpiredAccessToken(InvalidAccessToken):
    pass


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    token_version: int


def encode_access_token(user_id: int, token_version: int, now: datetime) -> str:
    payload = {
        "type": ACCESS_TOKEN_TYPE,
        "user_id": user_id,
        "ver": token_version,
        "iat": now,
        "exp": now + timedelta(seconds=settings.SOUK_ACCESS_TOKEN_TTL),
        "iss": settings.PUBLIC_URL,
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def decode_access_token(token: str) -> AccessClaims:
    try:
        payload = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            issuer=settings.PUBLIC_URL,
            options={"require": ["exp", "iat", "user_id", "ver", "type"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise ExpiredAccessToken("The access token has expired.") from error
    except jwt.InvalidTokenError as error:
        raise InvalidAccessToken("The access token is invalid.") from error
    if payload["type"] != ACCESS_TOKEN_TYPE:
        raise InvalidAccessToken("Not an access token.")
    return AccessClaims(user_id=int(payload["user_id"]), token_version=int(payload["ver"]))


def new_refresh_token() -> str:
    return secrets.token_urlsafe(48)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
