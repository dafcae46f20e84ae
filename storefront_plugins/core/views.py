import mimetypes

from django.core.files.storage import FileSystemStorage, default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.views.decorators.http import require_GET

from storefront_plugins.core.files import read_file_link


@require_GET
def stored_file(request: HttpRequest, token: str) -> HttpResponseBase:
    """A stored file by its signed link: a fresh presigned URL on S3, the bytes otherwise."""
    link = read_file_link(token)
    if link is None or not default_storage.exists(link.name):
        raise Http404("No such file.")
    cache = "private, max-age=60" if link.expires else "public, max-age=3600"
    if not isinstance(default_storage, FileSystemStorage):
        redirect = HttpResponseRedirect(default_storage.url(link.name))
        redirect["Cache-Control"] = "private, max-age=60"  # shorter than the presigned URL
        return redirect
    content_type = mimetypes.guess_type(link.name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(link.name, "rb"), content_type=content_type)
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    return response
