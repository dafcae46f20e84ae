"""Public certificate endpoints: parse, call one service, answer."""

import json
from urllib.parse import unquote

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from storefront_plugins.provenance.certificates.canonical import normalize_serial
from storefront_plugins.provenance.certificates.digital_link import (
    InvalidGTIN,
    digital_link_url,
    normalize_gtin,
)
from storefront_plugins.provenance.certificates.languages import (
    RTL_LANGUAGES,
    TEXTS,
    choose_language,
    localize_tree,
)
from storefront_plugins.provenance.certificates.qr import qr_png, qr_svg
from storefront_plugins.provenance.certificates.services import (
    CertificateError,
    check_certificate,
    check_document,
    find_certificate,
    public_key_set,
)
from storefront_plugins.provenance.models import Certificate

JSON_OPTIONS = {"ensure_ascii": False}


def _certificate_or_404(reference: str) -> Certificate:
    certificate = find_certificate(reference)
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def certificate_url(certificate: Certificate) -> str:
    """The stable URL a certificate's QR code carries."""
    return digital_link_url(
        settings.PUBLIC_URL,
        serial=certificate.serial,
        product_id=certificate.product_id,
        gtin=certificate.gtin,
    )


@require_GET
def verification_page(request: HttpRequest, reference: str) -> HttpResponse:
    language = choose_language(request.GET.get("lang"), request.headers.get("Accept-Language"))
    certificate = find_certificate(reference)
    context: dict[str, object] = {
        "lang": language,
        "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
        "t": TEXTS[language],
        "languages": [("fr", "Français"), ("ar", "العربية"), ("en", "English")],
        "reference": reference,
    }
    if certificate is None:
        return render(request, "provenance/verify.html", context, status=404)
    check = check_certificate(certificate)
    claim = (check.document or {}).get("claim") or {}
    context.update(
        certificate=certificate,
        check=check,
        claim=localize_tree(claim, language),
        digital_link=certificate_url(certificate),
        withdrawn=(
            TEXTS[language]["withdrawn"].format(date=check.withdrawn_at.date().isoformat())
            if check.withdrawn_at is not None
            else ""
        ),
    )
    response = render(request, "provenance/verify.html", context)
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response


@require_GET
def verification_json(request: HttpRequest, reference: str) -> JsonResponse:
    certificate = find_certificate(reference)
    if certificate is None:
        return JsonResponse(
            {"valid": False, "status": "unknown", "error": {"code": "UNKNOWN_CERTIFICATE"}},
            status=404,
        )
    return JsonResponse(check_certificate(certificate).as_json(), json_dumps_params=JSON_OPTIONS)


@csrf_exempt
@require_POST
def verify_offline_copy(request: HttpRequest) -> JsonResponse:
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return JsonResponse(
            {"error": {"code": "MALFORMED_DOCUMENT", "message": "Send a JSON object."}},
            status=400,
        )
    try:
        check = check_document(body.get("document"), body.get("signature"), body.get("keyId"))
    except CertificateError as error:
        return JsonResponse(
            {"error": {"code": error.code.value, "field": error.field, "message": error.message}},
            status=400,
        )
    return JsonResponse(check.as_json(), json_dumps_params=JSON_OPTIONS)


@require_GET
def qr_code(request: HttpRequest, reference: str, image_format: str) -> HttpResponse:
    certificate = _certificate_or_404(reference)
    url = certificate_url(certificate)
    if image_format == "svg":
        body, content_type = qr_svg(url, title=f"Souk {certificate.serial}"), "image/svg+xml"
    else:
        body, content_type = qr_png(url), "image/png"
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def key_set(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(public_key_set())
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _redirect_to_page(request: HttpRequest, certificate: Certificate) -> HttpResponseRedirect:
    location = reverse("provenance-verify", kwargs={"reference": certificate.serial})
    if request.META.get("QUERY_STRING"):
        location = f"{location}?{request.META['QUERY_STRING']}"
    response = HttpResponseRedirect(location)
    response.status_code = 307  # as GS1 resolvers answer
    return response


@require_GET
def resolve_gtin_link(request: HttpRequest, gtin: str, serial: str) -> HttpResponseRedirect:
    certificate = _certificate_or_404(normalize_serial(serial))
    try:
        wanted = normalize_gtin(gtin)
    except InvalidGTIN as error:
        raise Http404("Not a GTIN.") from error
    if certificate.gtin != wanted:
        raise Http404("This serial belongs to another product.")
    return _redirect_to_page(request, certificate)


@require_GET
def resolve_product_link(
    request: HttpRequest, product_id: str, serial: str
) -> HttpResponseRedirect:
    certificate = _certificate_or_404(normalize_serial(serial))
    if certificate.product_id != unquote(product_id):
        raise Http404("This serial belongs to another product.")
    return _redirect_to_page(request, certificate)
