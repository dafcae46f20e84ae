"""The directory (annuaire) as CSV, for spreadsheets: UTF-8 with a BOM so Excel reads Arabic."""

import csv
import io

from django.http import HttpRequest, HttpResponse, JsonResponse

from storefront_plugins.accounts.authentication import InvalidAccessToken, authenticate_request
from storefront_plugins.artisans import services
from storefront_plugins.artisans.models import Membership
from storefront_plugins.artisans.regions import Region

COLUMNS = [
    "name",
    "slug",
    "cooperatives",
    "region",
    "region_code",
    "city",
    "workshop",
    "crafts",
    "techniques",
    "years_of_practice",
    "labels",
    "bio_fr",
    "bio_ar",
    "bio_en",
]


def directory_csv(request: HttpRequest) -> HttpResponse:
    """One row per artisan the requester may see, with the same filters as `artisans`:
    ?craft=pottery&region=MA-07&cooperative=cooperative-safi&search=tajine."""
    try:
        user = authenticate_request(request)
    except InvalidAccessToken as error:
        return JsonResponse({"error": {"code": "INVALID_TOKEN", "message": str(error)}}, status=401)
    viewer = services.viewer_for(user)
    artisan_filter = services.ArtisanFilter(
        craft=request.GET.get("craft") or None,
        region=request.GET.get("region") or None,
        cooperative=request.GET.get("cooperative") or None,
        search=request.GET.get("search") or None,
    )
    artisans = list(services.search_artisans(viewer, artisan_filter).order_by("name", "pk"))
    memberships = Membership.objects.filter(artisan__in=[a.pk for a in artisans]).select_related(
        "cooperative"
    )
    cooperatives: dict[int, list[str]] = {}
    for membership in memberships:
        cooperative = membership.cooperative
        if viewer.sees_cooperative(cooperative.pk, cooperative.is_published):
            cooperatives.setdefault(membership.artisan_id, []).append(cooperative.name)

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for artisan in artisans:
        bio = artisan.bio or {}
        writer.writerow(
            [
                artisan.name,
                artisan.slug,
                " | ".join(cooperatives.get(artisan.pk, [])),
                Region(artisan.region).label,
                artisan.region,
                artisan.city,
                artisan.workshop,
                " | ".join(artisan.crafts),
                " | ".join(artisan.techniques),
                "" if artisan.years_of_practice is None else artisan.years_of_practice,
                " | ".join(artisan.labels),
                bio.get("fr", ""),
                bio.get("ar", ""),
                bio.get("en", ""),
            ]
        )
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="annuaire-artisans.csv"'
    return response
