"""The moderation queue of a cooperative's managers: submitted pieces, each reviewed in
all its languages, approved (then published in the cooperative's channel) or sent back to
the artisan with a message.

Who: managers of the listing's cooperative (and Souk's staff); anyone else gets "not
found". A decision is taken on the version the manager read: an artisan's edit in between
is reported, not approved unseen."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from storefront_plugins.artisans.crafts import craft_name, material_name
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings import page_reads, services
from storefront_plugins.listings.models import Listing
from storefront_plugins.portal.languages import LANGUAGES, NAMES
from storefront_plugins.portal.listing_forms import form_errors
from storefront_plugins.portal.listing_views import comment_views, photo_views
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, manages_a_cooperative
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.texts import text, texts_for
from storefront_plugins.portal.views.errors import not_found
from storefront_plugins.portal.views.listings import error_codes

add_menu_entries(MenuEntry("portal:moderation", "moderation", manages_a_cooperative))


@dataclass(frozen=True)
class QueueRow:
    listing: Listing
    title: str
    artisan_name: str


@portal_page
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Who: managers (the cooperatives they manage) and Souk's staff (every cooperative);
    404 for anyone else."""
    visitor = visitor_of(request)
    if not manages_a_cooperative(visitor.viewer):
        return not_found(request)
    language = visitor.language
    listings = page_reads.moderation_queues(visitor.viewer)
    rows = [
        QueueRow(
            listing,
            TranslatedText.from_json(listing.title).in_language(language)
            or text("untitled", language),
            listing.artisan.name,
        )
        for listing in listings
    ]
    notice = request.GET.get("done", "")
    notice_text = (
        text(notice, language) if notice in ("approved_notice", "changes_requested_notice") else ""
    )
    return render_page(
        request, "portal/moderation/queue.html", {"rows": rows, "notice_text": notice_text}
    )


def _moderated(request: HttpRequest, listing_id: int) -> Listing | None:
    visitor = visitor_of(request)
    try:
        listing = services.access_listing(visitor.viewer, listing_id)
    except (ValidationError, PermissionDenied):
        return None
    return listing if page_reads.moderates(visitor.viewer, listing) else None


def written_texts(listing: Listing) -> list[tuple[str, str, str, str]]:
    """(code, language name, title, description) of each language the artisan wrote in."""
    texts = []
    for code in LANGUAGES:
        title = (listing.title or {}).get(code, "")
        description = (listing.description or {}).get(code, "")
        if title or description:
            texts.append((code, NAMES[code], title, description))
    return texts


def _review_page(
    request: HttpRequest, listing: Listing, status: int = 200, codes: dict[str, str] | None = None
) -> HttpResponse:
    language = visitor_of(request).language
    texts = texts_for(language)
    context: dict[str, Any] = {
        "listing": listing,
        "title": TranslatedText.from_json(listing.title).in_language(language) or texts["untitled"],
        "texts_by_language": written_texts(listing),
        "craft": craft_name(listing.craft).in_language(language) if listing.craft else "",
        "materials": [material_name(code).in_language(language) for code in listing.materials],
        "variants": [
            (TranslatedText.from_json(v.label).in_language(language), v.sku, v.price, v.stock)
            for v in listing.variants.filter(removed_at__isnull=True)
        ],
        "photos": photo_views(request, listing, language),
        "comments": comment_views(listing, language),
        "comment_url": reverse("portal:moderation-review", args=[listing.pk]),
        "errors": form_errors(codes or {}, texts),
        "reviewable": listing.status == "submitted",
    }
    return render_page(request, "portal/moderation/review.html", context, status=status)


@portal_page
@require_http_methods(["GET", "POST"])
def moderation_review(request: HttpRequest, listing_id: int) -> HttpResponse:
    """Who: managers of the listing's cooperative and Souk's staff."""
    listing = _moderated(request, listing_id)
    if listing is None:
        return not_found(request)
    if request.method == "GET":
        return _review_page(request, listing)
    viewer = visitor_of(request).viewer
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    try:
        version = int(request.POST.get("version") or -1)
        if action == "approve":
            services.approve_listing(viewer, listing.pk, version, comment)
            return redirect(f"{reverse('portal:moderation')}?done=approved_notice")
        if action == "request_changes":
            services.request_changes(viewer, listing.pk, version, comment)
            return redirect(f"{reverse('portal:moderation')}?done=changes_requested_notice")
        if action == "comment":
            services.comment_on_listing(viewer, listing.pk, comment)
            return redirect("portal:moderation-review", listing.pk)
    except ValidationError as error:
        codes = error_codes(error)
        fresh = _moderated(request, listing_id) or listing
        return _review_page(request, fresh, 409 if "version" in codes else 400, codes)
    return not_found(request)
