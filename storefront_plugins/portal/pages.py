"""What every portal page shares: the signed-in person, the page's language, the menu,
CSRF protection and no caching; `portal_page` wraps each view that needs a session."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.portal.languages import LANGUAGES, NAMES, direction, page_language
from storefront_plugins.portal.navigation import menu_for
from storefront_plugins.portal.sessions import LANGUAGE, signed_in_user
from storefront_plugins.portal.texts import texts_for


@dataclass(frozen=True)
class Visitor:
    """Who is asking: a signed-in user (with their directory roles) or nobody."""

    user: User | None
    viewer: Viewer
    language: str


def language_of(request: HttpRequest, user: User | None) -> str:
    return page_language(
        request.session.get(LANGUAGE),
        user.language if user else None,
        request.headers.get("Accept-Language", ""),
    )


def visitor_of(request: HttpRequest) -> Visitor:
    visitor = getattr(request, "portal_visitor", None)
    if isinstance(visitor, Visitor):
        return visitor
    user = signed_in_user(request)
    visitor = Visitor(user=user, viewer=viewer_for(user), language=language_of(request, user))
    request.portal_visitor = visitor  # type: ignore[attr-defined]
    return visitor


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    visitor = visitor_of(request)
    language = visitor.language
    page_context = {
        "lang": language,
        "dir": direction(language),
        "t": texts_for(language),
        "visitor": visitor,
        "menu": menu_for(visitor.viewer) if visitor.user else [],
        "languages": [(code, NAMES[code]) for code in LANGUAGES],
        "current_path": request.get_full_path(),
    }
    return render(request, template, page_context | (context or {}), status=status)


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after signing in: a path of this site, else the portal's home."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("portal:home")


ViewFunction = Callable[..., HttpResponse]


def portal_page(view: ViewFunction) -> ViewFunction:
    """A page for signed-in people: others go to the sign-in page and come back after."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        visitor = visitor_of(request)
        if visitor.user is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('portal:sign-in')}?{query}")
        return view(request, *args, **kwargs)

    return never_cache(csrf_protect(wrapper))


def public_page(view: ViewFunction) -> ViewFunction:
    """A page anyone may open (signing in, resetting a password): CSRF on its forms."""
    return never_cache(csrf_protect(view))
