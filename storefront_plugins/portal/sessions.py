"""Portal sessions: a server-side session (revocable, in the database) behind an HttpOnly
cookie, which ends after SOUK_PORTAL_SESSION_IDLE_SECONDS without a request and in any case
SOUK_PORTAL_SESSION_MAX_SECONDS after signing in. Changing the password ends every other
session of the account (Django's session hash)."""

import time

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest

from storefront_plugins.accounts.models import User

SIGNED_IN_AT = "portal_signed_in_at"
LANGUAGE = "portal_language"


def start_session(request: HttpRequest, user: User) -> None:
    language = request.session.get(LANGUAGE)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_AT] = int(time.time())
    request.session.set_expiry(settings.SOUK_PORTAL_SESSION_IDLE_SECONDS)
    if language:
        request.session[LANGUAGE] = language


def end_session(request: HttpRequest) -> None:
    auth.logout(request)


def session_is_too_old(signed_in_at: int | None, now: float) -> bool:
    """Pure: a session without a start time, or past its absolute lifetime."""
    if signed_in_at is None:
        return True
    return now - signed_in_at > settings.SOUK_PORTAL_SESSION_MAX_SECONDS


def signed_in_user(request: HttpRequest) -> User | None:
    """The session's active user; None (and the session ended) once it is too old."""
    user = auth.get_user(request)
    if not isinstance(user, User) or not user.is_active:
        return None
    if session_is_too_old(request.session.get(SIGNED_IN_AT), time.time()):
        end_session(request)
        return None
    return user
