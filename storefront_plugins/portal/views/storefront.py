"""The storefront editor of a cooperative's managers (and Souk's staff): name and tagline,
languages, theme (colours checked for contrast, fonts, pattern, layout), logo and hero
images, and the editorial pages, in French, Arabic and English. The storefronts' services
validate and write; their errors show next to the fields."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from storefront_plugins.artisans import members as directory_members
from storefront_plugins.portal import texts_storefront
from storefront_plugins.portal.field_errors import field_errors
from storefront_plugins.portal.languages import LANGUAGES, NAMES
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, manages_a_cooperative
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.texts import text
from storefront_plugins.portal.views.errors import not_found
from storefront_plugins.portal.views.members import cooperative_chooser
from storefront_plugins.storefronts import services as storefronts
from storefront_plugins.storefronts.images import store_image
from storefront_plugins.storefronts.inputs import HeroImageInput, StorefrontInput
from storefront_plugins.storefronts.models import Storefront
from storefront_plugins.storefronts.themes import Font, HeroLayout, PageKind, Pattern
from storefront_plugins.storefronts.validation import COLOR_FIELDS

add_menu_entries(MenuEntry("portal:storefront", "storefront", manages_a_cooperative))

EDITORIAL_KINDS = (PageKind.OUR_STORY, PageKind.ARTISANS, PageKind.SHIPPING_AND_RETURNS)
CHOICE_FIELDS = {
    "heading_font": Font,
    "body_font": Font,
    "pattern": Pattern,
    "hero_layout": HeroLayout,
}


@portal_page
@require_GET
def choose_cooperative(request: HttpRequest) -> HttpResponse:
    """Who: a cooperative's managers (straight to its storefront when they manage one) and
    Souk's staff (every cooperative)."""
    return cooperative_chooser(request, "portal:storefront-edit")


def translated(data: QueryDict, prefix: str) -> dict[str, str]:
    """`{language: text}` from the fields `<prefix>_fr`, `<prefix>_ar`, `<prefix>_en` (pure)."""
    return {code: data.get(f"{prefix}_{code}", "").strip() for code in LANGUAGES}


def storefront_changes(data: QueryDict) -> dict[str, Any]:
    """The storefront's fields as the form sends them (pure)."""
    changes: dict[str, Any] = {
        "name": translated(data, "name"),
        "tagline": translated(data, "tagline"),
        "languages": [code for code in LANGUAGES if code in data.getlist("languages")],
        "default_language": data.get("default_language", ""),
    }
    for name in (*COLOR_FIELDS, *CHOICE_FIELDS):
        changes[name] = data.get(name, "").strip()
    return changes


def page_changes(data: QueryDict, kind: str) -> dict[str, Any]:
    return {"title": translated(data, f"{kind}_title"), "body": translated(data, f"{kind}_body")}


@portal_page
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: the cooperative's managers and Souk's staff; 404 for anyone else."""
    visitor = visitor_of(request)
    try:
        cooperative = directory_members.cooperative_summary(visitor.viewer, cooperative_id)
        storefront = storefronts.storefront_to_edit(visitor.viewer, cooperative_id)
    except PermissionDenied:
        return not_found(request)
    context: dict[str, Any] = {"cooperative": cooperative, "storefront": storefront}
    if storefront is None:
        return render_page(request, "portal/storefront/edit.html", context)
    if request.method == "GET":
        if request.GET.get("done"):
            context["notice"] = text("storefront_saved", visitor.language)
        return _form_page(request, context, _current_values(storefront), {})
    errors = _save(request, storefront, visitor.language)
    if "revision" in errors:  # another manager saved meanwhile: show their version
        fresh = storefronts.storefront_to_edit(visitor.viewer, cooperative_id) or storefront
        context |= {"storefront": fresh, "error": errors["revision"][0]}
        return _form_page(request, context, _current_values(fresh), {}, status=409)
    if errors:
        return _form_page(request, context, request.POST, errors, status=400)
    url = reverse("portal:storefront-edit", kwargs={"cooperative_id": cooperative_id})
    return redirect(f"{url}?done=1")


def _save(request: HttpRequest, storefront: Storefront, language: str) -> dict[str, list[str]]:
    """Everything in one transaction, rolled back when any part is refused; every refusal
    reported at once."""
    viewer = visitor_of(request).viewer
    errors: dict[str, list[str]] = {}

    def collect(error: ValidationError, prefix: str = "") -> None:
        found = field_errors(error, language, texts_storefront.ERROR_TEXTS)
        errors.update({f"{prefix}{field}": messages for field, messages in found.items()})

    changes = storefront_changes(request.POST)
    hero_images = [
        HeroImageInput(url=image.url, width=image.width, height=image.height, alt=image.alt)
        for image in storefront.hero_images.all()
        if str(image.pk) not in request.POST.getlist("remove_hero")
    ]
    for field in ("logo", "hero_image"):
        upload = request.FILES.get(field)
        if upload is None:
            continue
        try:
            stored = store_image(storefront.slug, field, upload)
        except ValidationError as error:
            collect(error)
            continue
        if field == "logo":
            changes["logo_url"] = stored.url
        else:
            hero_images.append(HeroImageInput(stored.url, stored.width, stored.height))
    pages = {page.kind: page for page in storefront.pages.all()}
    with transaction.atomic():
        try:
            storefronts.lock_for_edit(storefront.pk, request.POST.get("revision", ""))
        except ValidationError as error:
            collect(error)
            return errors
        try:
            storefronts.update_storefront(
                viewer, storefront.pk, StorefrontInput(changes=changes, hero_images=hero_images)
            )
        except ValidationError as error:
            collect(error)
        for kind in EDITORIAL_KINDS:
            page_input = page_changes(request.POST, kind)
            try:
                if kind in pages:
                    storefronts.update_page(viewer, pages[kind].pk, page_input)
                elif any(page_input["title"].values()) or any(page_input["body"].values()):
                    storefronts.create_page(viewer, storefront.pk, {"kind": kind, **page_input})
            except ValidationError as error:
                collect(error, prefix=f"{kind}_")
        if errors:
            transaction.set_rollback(True)
    return errors


def _current_values(storefront: Storefront) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: getattr(storefront, name) for name in (*COLOR_FIELDS, *CHOICE_FIELDS)
    }
    values["languages"] = list(storefront.languages)
    values["default_language"] = storefront.default_language
    values["revision"] = storefronts.storefront_revision(storefront)
    for field in ("name", "tagline"):
        for code in LANGUAGES:
            values[f"{field}_{code}"] = (getattr(storefront, field) or {}).get(code, "")
    for page in storefront.pages.all():
        for field in ("title", "body"):
            for code in LANGUAGES:
                values[f"{page.kind}_{field}_{code}"] = (getattr(page, field) or {}).get(code, "")
    return values


def _form_page(
    request: HttpRequest,
    context: dict[str, Any],
    values: Mapping[str, Any],
    errors: dict[str, list[str]],
    status: int = 200,
) -> HttpResponse:
    storefront: Storefront = context["storefront"]
    if isinstance(values, QueryDict):
        languages = values.getlist("languages")
    else:
        languages = values["languages"]

    def texts_of(prefix: str) -> list[dict[str, str]]:
        return [
            {
                "name": f"{prefix}_{code}",
                "code": code,
                "label_key": texts_storefront.LANGUAGE_TEXTS[code],
                "value": values.get(f"{prefix}_{code}", ""),
            }
            for code in LANGUAGES
        ]

    context |= {
        "values": values,
        "errors": errors,
        "name_fields": texts_of("name"),
        "tagline_fields": texts_of("tagline"),
        "languages_checked": [(code, NAMES[code], code in languages) for code in LANGUAGES],
        "colors": [(name, values.get(name, ""), errors.get(name, [])) for name in COLOR_FIELDS],
        "choices": [
            (name, values.get(name, ""), choices.choices, errors.get(name, []))
            for name, choices in CHOICE_FIELDS.items()
        ],
        "editorial": [
            (
                kind,
                f"page_{kind}",
                texts_of(f"{kind}_title"),
                texts_of(f"{kind}_body"),
                [m for key, ms in errors.items() if key.startswith(f"{kind}_") for m in ms],
            )
            for kind in EDITORIAL_KINDS
        ],
        "hero_images": list(storefront.hero_images.all()),
        "theme_url": f"{settings.SOUK_THEME_URL}{storefront.path}/",
    }
    return render_page(request, "portal/storefront/edit.html", context, status=status)
