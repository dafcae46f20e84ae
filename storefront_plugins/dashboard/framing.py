"""Which pages the Saleor Dashboard may frame: a widget is framed by its installation's
Dashboard, and by nothing else (CSP frame-ancestors; X-Frame-Options cannot name an origin)."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.http import HttpResponse


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def dashboard_origins(saleor_api_url: str, extra_origins: Sequence[str] = ()) -> list[str]:
    """A Saleor's Dashboard is served from its API's origin (Saleor Cloud, the docker image's
    /dashboard/); SALEOR_DASHBOARD_ORIGINS names those served elsewhere."""
    origins = [origin_of(saleor_api_url)]
    origins += [origin_of(o) for o in extra_origins if origin_of(o) not in origins]
    return origins


def allow_framing_by(response: HttpResponse, origins: Sequence[str]) -> HttpResponse:
    """For a view exempt from X-Frame-Options (`xframe_options_exempt`)."""
    response["Content-Security-Policy"] = "frame-ancestors " + " ".join(origins)
    return response


def forbid_framing(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = "frame-ancestors 'none'"
    response["X-Frame-Options"] = "DENY"
    return response
