"""Souk's pages in the Saleor Dashboard, rendered on the server from the Dashboard's POST.

Provenance is a widget on the product page (framed by the installation's Dashboard only);
payouts open in a new tab from the Orders navigation (never framed). A bad, expired or
foreign token is a 401 page, a staff user without the permission a 403 page. The Dashboard
always posts; a GET (a reload of the payouts tab) has no token and asks for a reload there.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_deny, xframe_options_exempt

from storefront_plugins.dashboard.access import DashboardDenied, dashboard_user
from storefront_plugins.dashboard.framing import (
    allow_framing_by,
    dashboard_origins,
    forbid_framing,
)
from storefront_plugins.dashboard.payouts import payouts_overview
from storefront_plugins.dashboard.provenance import provenance_of_product
from storefront_plugins.dashboard.texts import RTL_LANGUAGES, TEXTS, choose_language
from storefront_plugins.saleor_app.models import Installation

# Products: seeing who made a piece and its certifications is product data (Saleor's
# MANAGE_PRODUCTS, which the App holds to write provenance into products).
PROVENANCE_PERMISSION = "MANAGE_PRODUCTS"
# Payouts move the shop's money to artisans: HANDLE_PAYMENTS (Saleor's permission for
# payments and refunds), narrower than MANAGE_ORDERS, which fulfilment staff hold too.
PAYOUTS_PERMISSION = "HANDLE_PAYMENTS"


def _language(request: HttpRequest) -> str:
    return choose_language(
        request.POST.get("lang") or request.GET.get("lang"),
        request.headers.get("Accept-Language"),
    )


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    language = _language(request)
    response = render(
        request,
        template,
        {
            "lang": language,
            "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
            "t": TEXTS[language],
            **context,
        },
        status=status,
    )
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _denied(request: HttpRequest, denied: DashboardDenied) -> HttpResponse:
    t = TEXTS[_language(request)]
    title = t["denied_title"] if denied.status == 403 else t["unauthenticated_title"]
    return _page(
        request,
        "dashboard/denied.html",
        {"title": title, "code": denied.code, "message": denied.message},
        status=denied.status,
    )


def _framed_by(installation: Installation | None, response: HttpResponse) -> HttpResponse:
    if installation is None:
        return forbid_framing(response)
    origins = dashboard_origins(installation.saleor_api_url, settings.SALEOR_DASHBOARD_ORIGINS)
    return allow_framing_by(response, origins)


@xframe_options_exempt  # frame-ancestors names the installation's Dashboard instead
def product_provenance(request: HttpRequest) -> HttpResponse:
    try:
        user = dashboard_user(request, PROVENANCE_PERMISSION)
    except DashboardDenied as denied:
        return _framed_by(denied.installation, _denied(request, denied))
    product_id = request.POST.get("productId", "")
    pieces = provenance_of_product(product_id, _language(request)) if product_id else []
    response = _page(
        request, "dashboard/provenance.html", {"pieces": pieces, "product_id": product_id}
    )
    return _framed_by(user.installation, response)


@xframe_options_deny
def payouts(request: HttpRequest) -> HttpResponse:
    try:
        dashboard_user(request, PAYOUTS_PERMISSION)
    except DashboardDenied as denied:
        return forbid_framing(_denied(request, denied))
    overview = payouts_overview(_language(request))
    return forbid_framing(_page(request, "dashboard/payouts.html", {"overview": overview}))
