import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.utils._os import safe_join
from django.views.decorators.http import require_GET

from saleor_sandbox import keys
from saleor_sandbox.placeholders import placeholder_png

PLACEHOLDER_PATH = re.compile(r"products/[a-z0-9-]+\.png")


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(keys.jwks())


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def media(request: HttpRequest, path: str) -> FileResponse:
    """Uploaded media; seeded product images are drawn once on first request."""
    try:
        file = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as error:  # a path outside the media root
        raise Http404 from error
    if not file.is_file():
        if not PLACEHOLDER_PATH.fullmatch(path):
            raise Http404
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(placeholder_png(path))
    response = FileResponse(
        file.open("rb"), content_type="image/png" if path.endswith(".png") else None
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
