from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from saleor_sandbox import keys


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(keys.jwks())


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
