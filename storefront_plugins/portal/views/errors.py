from django.http import HttpRequest, HttpResponse

from storefront_plugins.portal.pages import render_page


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted without its CSRF token (often a page left open past its session)."""
    context = {"message_key": "forbidden_csrf"}
    return render_page(request, "portal/message.html", context, status=403)


def not_found(request: HttpRequest) -> HttpResponse:
    return render_page(request, "portal/message.html", {"message_key": "not_found"}, status=404)
