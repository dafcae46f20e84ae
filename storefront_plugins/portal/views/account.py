"""Signing in and out, choosing a password (from an invitation or a reset link), and the
language switcher."""

import math

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST

from storefront_plugins.accounts.models import User, normalize_email
from storefront_plugins.accounts.services import active_user_id, choose_password
from storefront_plugins.accounts.tasks import send_password_reset_task
from storefront_plugins.portal import sign_in_limits
from storefront_plugins.portal.languages import LANGUAGES
from storefront_plugins.portal.pages import public_page, render_page, safe_next, visitor_of
from storefront_plugins.portal.sessions import LANGUAGE, end_session, start_session
from storefront_plugins.portal.texts import text

SIGN_IN = "sign-in"
RESET = "password-reset"


def client_address(request: HttpRequest) -> str:
    """The address sign-in attempts are counted for (see `sign_in_limits.client_address`)."""
    return sign_in_limits.client_address(
        str(request.META.get("REMOTE_ADDR", "")),
        request.headers.get("X-Forwarded-For", ""),
        settings.SOUK_TRUSTED_PROXIES,
    )


def _too_many(request: HttpRequest, template: str, wait: int, context: dict) -> HttpResponse:
    language = visitor_of(request).language
    message = text("too_many_attempts", language, minutes=max(1, math.ceil(wait / 60)))
    response = render_page(request, template, context | {"error": message}, status=429)
    response["Retry-After"] = str(wait)
    return response


@public_page
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next")
    if visitor_of(request).user is not None:
        return redirect(safe_next(request, next_url))
    context: dict = {"next": next_url or "", "email": ""}
    if request.GET.get("expired"):
        context["notice"] = text("session_expired", visitor_of(request).language)
    if request.method == "GET":
        return render_page(request, "portal/sign_in.html", context)
    email = normalize_email(request.POST.get("email", ""))
    password = request.POST.get("password", "")
    context["email"] = email
    address = client_address(request)
    wait = sign_in_limits.wait_before_attempt(SIGN_IN, email, address)
    if wait is not None:
        return _too_many(request, "portal/sign_in.html", wait, context)
    user = authenticate(request, username=email, password=password)
    if not isinstance(user, User):
        sign_in_limits.record_failure(SIGN_IN, email, address)
        context["error"] = text("invalid_credentials", visitor_of(request).language)
        return render_page(request, "portal/sign_in.html", context, status=400)
    sign_in_limits.clear_account(SIGN_IN, email)
    start_session(request, user)
    return redirect(safe_next(request, next_url))


@public_page
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    end_session(request)
    return redirect(f"{reverse('portal:sign-in')}?signed_out=1")


@public_page
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Asks for a set-password link by e-mail. The answer is the same whether the address
    has an account or not, so the page does not tell who has one."""
    if request.method == "GET":
        return render_page(request, "portal/password_reset.html", {"email": ""})
    email = normalize_email(request.POST.get("email", ""))
    address = client_address(request)
    wait = sign_in_limits.wait_before_attempt(RESET, email, address)
    if wait is not None:
        return _too_many(request, "portal/password_reset.html", wait, {"email": email})
    # Every request counts: a link is only sent a few times per window.
    sign_in_limits.record_failure(RESET, email, address)
    user_id = active_user_id(email)
    if user_id is not None:
        send_password_reset_task.delay(user_id)
    return render_page(request, "portal/password_reset.html", {"email": email, "sent": True})


@public_page
@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest) -> HttpResponse:
    """The page behind the links of invitation and reset e-mails (`?email=&token=`)."""
    email = request.POST.get("email") or request.GET.get("email", "")
    token = request.POST.get("token") or request.GET.get("token", "")
    context = {"email": email, "token": token}
    if request.method == "GET":
        return render_page(request, "portal/set_password.html", context)
    language = visitor_of(request).language
    try:
        # Django's password validators word their reasons in the active language.
        with translation.override(language):
            user = choose_password(email, token, request.POST.get("password", ""))
    except ValidationError as error:
        errors = error.message_dict
        context["error"] = (
            text("link_invalid", language) if "token" in errors else " ".join(errors["password"])
        )
        return render_page(request, "portal/set_password.html", context, status=400)
    start_session(request, user)
    return redirect("portal:home")


@public_page
@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The switcher: the page's language for this browser, and the account's (e-mails and
    statements follow it) when signed in."""
    language = request.POST.get("language", "")
    if language in LANGUAGES:
        request.session[LANGUAGE] = language
        user = visitor_of(request).user
        if user is not None and user.language != language:
            User.objects.filter(pk=user.pk).update(language=language)
    return redirect(safe_next(request, request.POST.get("next")))
