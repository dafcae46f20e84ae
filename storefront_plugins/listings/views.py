from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront_plugins.listings.photo_uploads import UploadRefused, accept_local_upload


@csrf_exempt
@require_POST
def photo_upload(request: HttpRequest) -> HttpResponse:
    """S3's POST upload, for installs without a bucket: the form `presigned_photo_upload`
    answers, checked by its signed policy (no session: the browser posts it like S3's)."""
    try:
        redirect = accept_local_upload(request.POST.dict(), request.FILES.get("file"))
    except UploadRefused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    return HttpResponseRedirect(redirect, status=303)
