"""A cooperative's members: the list with roles and states, inviting a new member, changing
a role, suspending and reinstating, sending an invitation again. The directory's services
(artisans.services, artisans.members) decide who may do what; the pages answer 404 for
anything they refuse, so that nobody learns which cooperatives exist."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from storefront_plugins.artisans import members as directory_members
from storefront_plugins.artisans import services as directory
from storefront_plugins.artisans.models import Role
from storefront_plugins.portal import texts_members
from storefront_plugins.portal.field_errors import field_errors
from storefront_plugins.portal.languages import LANGUAGES, NAMES
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, manages_a_cooperative
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.texts import text
from storefront_plugins.portal.views.errors import not_found

add_menu_entries(MenuEntry("portal:members", "members", manages_a_cooperative))

NOTICES = {
    "invited": "notice_invited",
    "role": "notice_role",
    "suspended": "notice_suspended",
    "reinstated": "notice_reinstated",
    "resent": "notice_resent",
}


@portal_page
@require_GET
def choose_cooperative(request: HttpRequest) -> HttpResponse:
    """Who: a cooperative's managers (straight to its members when they manage one) and
    Souk's staff (every cooperative)."""
    return cooperative_chooser(request, "portal:members-list")


def cooperative_chooser(request: HttpRequest, target: str) -> HttpResponse:
    """The cooperatives the visitor manages (all for Souk's staff), each leading to the page
    `target` of it; straight there when there is one; 404 when there is none."""
    cooperatives = directory_members.cooperatives_to_manage(visitor_of(request).viewer)
    if not cooperatives:
        return not_found(request)
    if len(cooperatives) == 1:
        return redirect(target, cooperative_id=cooperatives[0].id)
    context = {"cooperatives": cooperatives, "target": target}
    return render_page(request, "portal/members/choose.html", context)


@portal_page
@require_GET
def member_list(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: the cooperative's managers and Souk's staff; 404 for anyone else."""
    return _list_page(request, cooperative_id)


def _list_page(
    request: HttpRequest,
    cooperative_id: int,
    invite: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    member_errors: dict[int, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    visitor = visitor_of(request)
    try:
        listing = directory_members.cooperative_members(visitor.viewer, cooperative_id)
    except PermissionDenied:
        return not_found(request)
    member_errors = member_errors or {}
    notice_key = NOTICES.get(request.GET.get("done", ""))
    context: dict[str, Any] = {
        "listing": listing,
        "rows": [
            (
                member,
                texts_members.ROLE_TEXTS[member.role],
                member_errors.get(member.artisan_id, []),
            )
            for member in listing.members
        ],
        "roles": [(role, texts_members.ROLE_TEXTS[role]) for role in Role.values],
        "account_languages": [(code, NAMES[code]) for code in LANGUAGES],
        "invite": invite or {"language": visitor.language, "role": Role.ARTISAN},
        "errors": errors or {},
        "notice": text(notice_key, visitor.language) if notice_key else None,
    }
    return render_page(request, "portal/members/list.html", context, status=status)


def _done(cooperative_id: int, what: str) -> HttpResponse:
    url = reverse("portal:members-list", kwargs={"cooperative_id": cooperative_id})
    return redirect(f"{url}?done={what}")


@portal_page
@require_POST
def invite(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: the cooperative's managers and Souk's staff; 404 for anyone else. A new artisan
    in the cooperative's region and city, with the account of the e-mail, invited in the
    chosen language."""
    visitor = visitor_of(request)
    form = {
        name: request.POST.get(name, "").strip() for name in ("name", "email", "language", "role")
    }
    try:
        cooperative = directory_members.cooperative_summary(visitor.viewer, cooperative_id)
        errors = _invite_form_errors(form, visitor.language)
        if errors:
            return _list_page(request, cooperative_id, form, errors, status=400)
        changes = {"name": form["name"], "region": cooperative.region, "city": cooperative.city}
        directory.create_artisan(
            visitor.viewer, cooperative_id, changes, form["role"], form["email"], form["language"]
        )
    except PermissionDenied:
        return not_found(request)
    except ValidationError as error:
        errors = field_errors(error, visitor.language, texts_members.ERROR_TEXTS)
        return _list_page(request, cooperative_id, form, errors, status=400)
    return _done(cooperative_id, "invited")


def _invite_form_errors(form: dict[str, str], language: str) -> dict[str, list[str]]:
    """What the form itself requires before the directory is asked (an e-mail: the page
    invites; the API also adds artisans without an account)."""
    errors: dict[str, list[str]] = {}
    if not form["email"]:
        errors["email"] = [text("error_required", language)]
    if form["language"] not in LANGUAGES:
        errors["language"] = [text("error_choice", language)]
    return errors


def _member_action(
    request: HttpRequest, cooperative_id: int, artisan_id: int, action: Any, done: str
) -> HttpResponse:
    visitor = visitor_of(request)
    try:
        action(visitor.viewer)
    except PermissionDenied:
        return not_found(request)
    except ValidationError as error:
        messages = [
            message
            for items in field_errors(error, visitor.language, texts_members.ERROR_TEXTS).values()
            for message in items
        ]
        return _list_page(request, cooperative_id, member_errors={artisan_id: messages}, status=400)
    return _done(cooperative_id, done)


@portal_page
@require_POST
def change_role(request: HttpRequest, cooperative_id: int, artisan_id: int) -> HttpResponse:
    """Who: the cooperative's managers; 404 for anyone else."""
    role = request.POST.get("role", "")
    return _member_action(
        request,
        cooperative_id,
        artisan_id,
        lambda viewer: directory.update_member_role(viewer, cooperative_id, artisan_id, role),
        "role",
    )


@portal_page
@require_POST
def suspend(request: HttpRequest, cooperative_id: int, artisan_id: int) -> HttpResponse:
    """Who: the cooperative's managers (not on themselves); 404 for anyone else."""
    return _member_action(
        request,
        cooperative_id,
        artisan_id,
        lambda viewer: directory_members.suspend_member(viewer, cooperative_id, artisan_id),
        "suspended",
    )


@portal_page
@require_POST
def reinstate(request: HttpRequest, cooperative_id: int, artisan_id: int) -> HttpResponse:
    """Who: the cooperative's managers; 404 for anyone else."""
    return _member_action(
        request,
        cooperative_id,
        artisan_id,
        lambda viewer: directory_members.reinstate_member(viewer, cooperative_id, artisan_id),
        "reinstated",
    )


@portal_page
@require_POST
def resend_invitation(request: HttpRequest, cooperative_id: int, artisan_id: int) -> HttpResponse:
    """Who: the cooperative's managers and Souk's staff; 404 for anyone else."""
    return _member_action(
        request,
        cooperative_id,
        artisan_id,
        lambda viewer: directory_members.resend_invitation(viewer, cooperative_id, artisan_id),
        "resent",
    )
