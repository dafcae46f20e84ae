"""An artisan's pieces: the list, a new piece, editing one (content, variants, photos
uploaded straight to object storage), sending it for review, taking it out of the shop.

Who: the artisan whose listing it is (and Souk's staff); anyone else gets "not found".
Every write carries the version the form was read at: a concurrent change is reported,
never overwritten."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from storefront_plugins.artisans.crafts import CRAFT_NAMES, Material, material_name
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings import page_reads, photo_uploads, services
from storefront_plugins.listings.categories import category_choices
from storefront_plugins.listings.models import Listing, ListingStatus
from storefront_plugins.listings.write_states import listing_write_states, retry_listing_write
from storefront_plugins.portal import texts_listings  # noqa: F401  (registers the texts)
from storefront_plugins.portal.listing_forms import (
    form_errors,
    form_values,
    read_listing_form,
    text_inputs,
    variant_rows,
)
from storefront_plugins.portal.listing_views import comment_views, photo_views
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, is_artisan
from storefront_plugins.portal.pages import Visitor, portal_page, render_page, visitor_of
from storefront_plugins.portal.texts import text, texts_for
from storefront_plugins.portal.views.errors import not_found
from storefront_plugins.saleor_app.outbox import WriteState

add_menu_entries(MenuEntry("portal:listings", "my_pieces", is_artisan))

NOTICES = {"saved", "submitted", "photo_added", "deleted", "archived"}


def error_codes(error: ValidationError) -> dict[str, str]:
    """{field: code} from a service's ValidationError (the first code of each field)."""
    if not hasattr(error, "error_dict"):
        return {"__all__": error.code or "INVALID"}
    return {name: (errors[0].code or "INVALID") for name, errors in error.error_dict.items()}


def write_message(state: WriteState | None, language: str) -> tuple[str, bool]:
    """What the artisan reads about the listing's write into the shop, and whether it failed."""
    if state is None:
        return "", False
    if state.status == "pending":
        return text("write_pending", language), False
    if state.status == "retrying":
        when = timezone.localtime(state.next_attempt_at) if state.next_attempt_at else None
        time = when.strftime("%H:%M") if when else "…"
        return text("write_retrying", language, time=time, attempts=state.attempts), False
    return text("write_failed", language, error=state.last_error), True


@dataclass(frozen=True)
class ListingRow:
    listing: Listing
    title: str
    write_message: str
    write_failed: bool


def _decorate(listing: Listing, language: str) -> Listing:
    texts = texts_for(language)
    listing.status_text = texts[f"status_{listing.status}"]  # type: ignore[attr-defined]
    return listing


def _title(listing: Listing, language: str) -> str:
    return TranslatedText.from_json(listing.title).in_language(language) or text(
        "untitled", language
    )


def _form_context(
    visitor: Visitor,
    listing: Listing | None,
    currency: str,
    posted: Any = None,
    codes: dict[str, str] | None = None,
) -> dict[str, Any]:
    language = visitor.language
    texts = texts_for(language)
    values = form_values(listing, posted)
    variants = list(listing.variants.filter(removed_at__isnull=True)) if listing else []
    return {
        "listing": listing,
        "values": values,
        "errors": form_errors(codes or {}, texts),
        "title_fields": text_inputs(values, texts),
        "variant_rows": variant_rows(variants, texts["variant_label_in"]),
        "price_label": text("price_in", language, currency=currency),
        "crafts": [(code, name.in_language(language)) for code, name in CRAFT_NAMES.items()],
        "materials": [(code, material_name(code).in_language(language)) for code in Material],
        "categories": category_choices(language),
    }


def _notice(request: HttpRequest, language: str) -> str:
    notice = request.GET.get("done", "")
    return text(notice, language) if notice in NOTICES else ""


@portal_page
@require_GET
def listing_list(request: HttpRequest) -> HttpResponse:
    """Who: an artisan (their own listings only); 404 for accounts without an artisan profile."""
    visitor = visitor_of(request)
    if visitor.viewer.artisan_id is None:
        return not_found(request)
    language = visitor.language
    listings = list(services.my_listings(visitor.viewer))
    states = listing_write_states([listing.pk for listing in listings])
    rows = [
        ListingRow(
            _decorate(listing, language),
            _title(listing, language),
            *write_message(states.get(str(listing.pk)), language),
        )
        for listing in listings
    ]
    return render_page(
        request,
        "portal/listings/list.html",
        {"rows": rows, "notice_text": _notice(request, language)},
    )


@portal_page
@require_http_methods(["GET", "POST"])
def listing_new(request: HttpRequest) -> HttpResponse:
    """Who: an artisan, in a cooperative they belong to."""
    visitor = visitor_of(request)
    cooperatives = page_reads.cooperatives_for_new_listing(visitor.viewer)
    if not cooperatives:
        return not_found(request)
    currency = cooperatives[0].currency

    def page(status: int, codes: dict[str, str] | None = None) -> HttpResponse:
        posted = request.POST if request.method == "POST" else None
        context = _form_context(visitor, None, currency, posted, codes)
        context["cooperatives"] = [(c.id, c.name) for c in cooperatives]
        return render_page(request, "portal/listings/new.html", context, status=status)

    if request.method == "GET":
        return page(200)
    form = read_listing_form(request.POST.dict(), request.POST.getlist("materials"))
    if form.errors:
        return page(400, form.errors)
    chosen = request.POST.get("cooperative", "")
    cooperative_id = int(chosen) if chosen.isdigit() else cooperatives[0].id
    try:
        listing = services.create_listing(
            visitor.viewer, cooperative_id, form.changes, form.variants
        )
    except PermissionDenied:
        return not_found(request)
    except ValidationError as error:
        return page(400, error_codes(error))
    return _to_listing(listing.pk, "saved")


def posted_version(data: Any) -> int | None:
    """The form's hidden `version` (pure); None when missing or not a number."""
    try:
        return int(data.get("version", ""))
    except (TypeError, ValueError):
        return None


def _to_listing(listing_id: int, notice: str | None = None) -> HttpResponse:
    url = reverse("portal:listing", args=[listing_id])
    return redirect(f"{url}?{urlencode({'done': notice})}" if notice else url)


def _owned(visitor: Visitor, listing_id: int) -> Listing | None:
    """The listing if the visitor edits it as its artisan (or staff), else None."""
    try:
        listing = services.access_listing(visitor.viewer, listing_id)
    except (ValidationError, PermissionDenied):
        return None
    if not page_reads.edits_as_owner(visitor.viewer, listing):
        return None
    return listing


def _edit_page(
    request: HttpRequest,
    listing: Listing,
    status: int = 200,
    posted: Any = None,
    codes: dict[str, str] | None = None,
) -> HttpResponse:
    visitor = visitor_of(request)
    language = visitor.language
    editable = listing.status != ListingStatus.ARCHIVED
    upload = None
    if editable:
        back = request.build_absolute_uri(
            reverse("portal:listing-photo-uploaded", args=[listing.pk])
        )
        try:
            upload = photo_uploads.presigned_photo_upload(visitor.viewer, listing.pk, back)
        except ValidationError:
            upload = None  # at the photo limit: no upload form
    message, failed = write_message(
        listing_write_states([listing.pk]).get(str(listing.pk)), language
    )
    context = _form_context(visitor, listing, listing.currency, posted, codes) | {
        "title": _title(_decorate(listing, language), language),
        "editable": editable,
        "upload": upload,
        "photos": photo_views(request, listing, language),
        "comments": comment_views(listing, language),
        "comment_url": reverse("portal:listing-action", args=[listing.pk]),
        "write_message": message,
        "write_failed": failed,
        "notice_text": _notice(request, language),
    }
    return render_page(request, "portal/listings/edit.html", context, status=status)


@portal_page
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, listing_id: int) -> HttpResponse:
    """Who: the listing's artisan (and Souk's staff)."""
    visitor = visitor_of(request)
    listing = _owned(visitor, listing_id)
    if listing is None:
        return not_found(request)
    if request.method == "GET":
        return _edit_page(request, listing)
    form = read_listing_form(request.POST.dict(), request.POST.getlist("materials"))
    if form.errors:
        return _edit_page(request, listing, 400, posted=request.POST, codes=form.errors)
    version = posted_version(request.POST)
    if version is None:
        return _edit_page(request, listing, 400, codes={"version": "CONFLICT"})
    try:
        services.update_listing(visitor.viewer, listing.pk, version, form.changes, form.variants)
    except ValidationError as error:
        codes = error_codes(error)
        fresh = _owned(visitor, listing_id) or listing
        if "version" in codes:  # show the latest version: the artisan's input is not kept
            return _edit_page(request, fresh, 409, codes=codes)
        return _edit_page(request, fresh, 400, posted=request.POST, codes=codes)
    return _to_listing(listing.pk, "saved")


ACTIONS = {"submit", "unpublish", "publish", "delete", "comment", "retry"}


@portal_page
@require_POST
def listing_action(request: HttpRequest, listing_id: int) -> HttpResponse:
    """Who: the listing's artisan (and Souk's staff): submit, take out of the shop or put
    back, delete, write in the thread, try a failed write again."""
    visitor = visitor_of(request)
    listing = _owned(visitor, listing_id)
    action = request.POST.get("action", "")
    if listing is None or action not in ACTIONS:
        return not_found(request)
    try:
        notice = _take_action(visitor, listing, action, request.POST)
    except ValidationError as error:
        codes = error_codes(error)
        fresh = _owned(visitor, listing_id) or listing
        return _edit_page(request, fresh, 409 if "version" in codes else 400, codes=codes)
    if notice == "deleted":
        return redirect(f"{reverse('portal:listings')}?done=deleted")
    return _to_listing(listing.pk, notice)


def _take_action(visitor: Visitor, listing: Listing, action: str, data: Any) -> str | None:
    viewer = visitor.viewer
    if action == "submit":
        version = posted_version(data)
        # No version, or not a number: refused as an old one.
        services.submit_listing(viewer, listing.pk, -1 if version is None else version)
        return "submitted"
    if action in ("unpublish", "publish"):
        services.set_listing_published(viewer, listing.pk, action == "publish")
        return "saved"
    if action == "delete":
        result = services.delete_listing(viewer, listing.pk)
        return "deleted" if result.deleted else "archived"
    if action == "comment":
        services.comment_on_listing(viewer, listing.pk, data.get("comment", ""))
        return None
    retry_listing_write(listing.pk)
    return None


@portal_page
@require_GET
def photo_uploaded(request: HttpRequest, listing_id: int) -> HttpResponse:
    """Where object storage sends the browser back after the upload (`?key=&bucket=&etag=`):
    the photo is checked, cleaned of its metadata, resized and added to the listing.
    Who: the listing's artisan (and Souk's staff); the key must be an upload of this listing."""
    visitor = visitor_of(request)
    listing = _owned(visitor, listing_id)
    if listing is None:
        return not_found(request)
    try:
        photo_uploads.confirm_photo_upload(visitor.viewer, listing.pk, request.GET.get("key", ""))
    except ValidationError as error:
        return _edit_page(request, listing, 400, codes=error_codes(error))
    return _to_listing(listing.pk, "photo_added")


@portal_page
@require_POST
def photo_delete(request: HttpRequest, listing_id: int, photo_id: int) -> HttpResponse:
    """Who: the listing's artisan (and Souk's staff)."""
    visitor = visitor_of(request)
    listing = _owned(visitor, listing_id)
    if listing is None or not listing.photos.filter(pk=photo_id).exists():
        return not_found(request)
    try:
        photo_uploads.delete_photo(visitor.viewer, photo_id)
    except ValidationError as error:
        return _edit_page(request, listing, 400, codes=error_codes(error))
    return _to_listing(listing.pk, "saved")
