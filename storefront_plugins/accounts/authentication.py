"""`Authorization: Bearer <access token>` on App requests."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from storefront_plugins.accounts.models import User
from storefront_plugins.accounts.services import user_for_access_token
from storefront_plugins.accounts.tokens import ExpiredAccessToken, InvalidAccessToken

__all__ = ["ExpiredAccessToken", "InvalidAccessToken", "authenticate_request"]


def authenticate_request(request: HttpRequest) -> User | AnonymousUser:
    """The request's user; anonymous without an Authorization header. Raises
    InvalidAccessToken (or ExpiredAccessToken) for a bad bearer token: a client that sent
    one must learn it is no longer signed in rather than be served anonymous data."""
    header = request.headers.get("Authorization", "")
    if not header:
        return AnonymousUser()
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidAccessToken("Expected `Authorization: Bearer <access token>`.")
    return user_for_access_token(token.strip())
