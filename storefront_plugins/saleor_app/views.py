"""HTTP endpoints of the Saleor App protocol: parse, call one service, answer."""

from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from storefront_plugins.saleor_app.error_codes import WebhookErrorCode
from storefront_plugins.saleor_app.events import SyncWebhookEvent, WebhookEvent
from storefront_plugins.saleor_app.handlers import registered_sync_webhooks
from storefront_plugins.saleor_app.manifest import build_manifest
from storefront_plugins.saleor_app.services import (
    RegistrationError,
    WebhookRejected,
    answer_sync_webhook,
    receive_webhook,
    register_installation,
)


def _app_version() -> str:
    try:
        return version("souk")
    except PackageNotFoundError:
        return "0.0.0"


def _error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"success": False, "error": {"code": code, "message": message}}, status=status
    )


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        build_manifest(
            settings.PUBLIC_URL,
            app_id=settings.SALEOR_APP_ID,
            version=_app_version(),
            sync_webhooks=registered_sync_webhooks(),
        )
    )


@csrf_exempt
@require_POST
def register(request: HttpRequest) -> JsonResponse:
    try:
        register_installation(request.headers.get("Saleor-Api-Url"), request.body)
    except RegistrationError as error:
        return _error(error.code.value, error.message, error.status)
    return JsonResponse({"success": True})


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, event_slug: str) -> JsonResponse:
    sync_event = SyncWebhookEvent.from_slug(event_slug)
    if sync_event is not None:
        return _sync_webhook(request, sync_event)
    event = WebhookEvent.from_slug(event_slug)
    if event is None:
        return _error(WebhookErrorCode.UNKNOWN_EVENT.value, f"No webhook {event_slug!r}.", 404)
    try:
        received = receive_webhook(
            event,
            api_url=request.headers.get("Saleor-Api-Url"),
            event_header=request.headers.get("Saleor-Event"),
            signature=request.headers.get("Saleor-Signature"),
            body=request.body,
        )
    except WebhookRejected as error:
        return _rejection(error)
    return JsonResponse(
        {"success": True, "delivery": received.delivery.pk, "duplicate": received.duplicate}
    )


def _sync_webhook(request: HttpRequest, event: SyncWebhookEvent) -> JsonResponse:
    """Answered inline with the registered handler's JSON (Saleor does not retry it)."""
    try:
        answer = answer_sync_webhook(
            event,
            api_url=request.headers.get("Saleor-Api-Url"),
            event_header=request.headers.get("Saleor-Event"),
            signature=request.headers.get("Saleor-Signature"),
            body=request.body,
        )
    except WebhookRejected as error:
        return _rejection(error)
    return JsonResponse(answer)


def _rejection(error: WebhookRejected) -> JsonResponse:
    response = _error(error.code.value, error.message, error.status)
    if error.status == 503:
        response["Retry-After"] = str(settings.SALEOR_JWKS_REFETCH_INTERVAL)
    return response


PAGES = {"": "home", "app/": "app", "support/": "support", "privacy/": "privacy"}


@require_GET
def page(request: HttpRequest, name: str) -> HttpResponse:
    if name not in PAGES.values():
        raise Http404
    return render(request, "saleor_app/page.html", {"page": name})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
