"""A cooperative's unattributed sales (pieces sold without a known artisan): what may be
allocated now and what is still held, a form giving amounts to its active members with a
note, and the history of allocations (who, when, why, to whom). Linked from the treasury's
runs page.

Who: the cooperative's managers and platform staff (`unattributed.check_allocates`, the
rule of the API's `unattributedFundsAllocate`); anyone else gets 404."""

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from storefront_plugins.artisans.services import (
    active_member_names,
    artisan_names,
    cooperative_names,
)
from storefront_plugins.payouts.services import cooperative_balances
from storefront_plugins.payouts.unattributed import (
    AllocationLine,
    AllocationRequest,
    allocate_unattributed_funds,
    check_allocates,
    minor_amounts,
    recent_allocations,
    unattributed_funds,
)
from storefront_plugins.portal import texts_unattributed  # noqa: F401  (registers the texts)
from storefront_plugins.portal.money import typed_decimal
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.payout_pages import error_text, ledger_access
from storefront_plugins.portal.texts import text
from storefront_plugins.portal.views.errors import not_found

DONE = "payouts_allocated"
FORM = "form"


def typed_amount(value: str) -> Decimal | None:
    """Pure: what a manager typed (`150,75`, `1 200.50`) as a Decimal; None when it is not a
    number. Blank: None too (the caller leaves blank rows out)."""
    try:
        return typed_decimal(value)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Row:
    artisan_id: int
    name: str
    value: str  # as typed
    error: str


def errors_by_place(
    error: ValidationError, line_artisans: list[int], language: str
) -> dict[str, str]:
    """The service's errors by where the page shows them: `artisan:<id>` for a line's, `note`,
    `currency`, and `form` for the rest (the total, the key)."""
    places: dict[str, str] = {}
    items = error.error_dict if hasattr(error, "error_dict") else {FORM: error.error_list}
    for field, field_errors in items.items():
        parts = field.split(".")
        if parts[0] == "lines" and len(parts) == 3 and int(parts[1]) < len(line_artisans):
            place = f"artisan:{line_artisans[int(parts[1])]}"
        elif field in ("note", "currency"):
            place = field
        else:
            place = FORM
        for one in field_errors:
            message = error_text(one, language)
            places[place] = f"{places[place]} {message}" if place in places else message
    return places


def _page_url(cooperative_id: int, currency: str, done: str = "") -> str:
    query = {"currency": currency} | ({"done": done} if done else {})
    url = reverse("portal:payouts-unattributed", args=[cooperative_id])
    return f"{url}?{urlencode(query)}"


@portal_page
@require_http_methods(["GET", "POST"])
def unattributed(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: the cooperative's managers and platform staff. POST allocates."""
    access = ledger_access(request)
    try:
        check_allocates(access, cooperative_id)
    except ValidationError:
        return not_found(request)
    visitor = visitor_of(request)
    language = visitor.language
    currencies = [b.currency for b in cooperative_balances(cooperative_id)] or ["MAD"]
    source = request.POST if request.method == "POST" else request.GET
    wanted_currency = source.get("currency", "")
    currency = wanted_currency if wanted_currency in currencies else currencies[0]
    members = active_member_names(cooperative_id)
    typed = {pk: request.POST.get(f"amount_{pk}", "").strip() for pk in members}
    errors: dict[str, str] = {}
    if request.method == "POST":
        assert visitor.user is not None
        chosen = [pk for pk, value in typed.items() if value]
        try:
            amounts = minor_amounts([typed_amount(typed[pk]) for pk in chosen], currency)
            allocate_unattributed_funds(
                access,
                visitor.user,
                AllocationRequest(
                    cooperative_id=cooperative_id,
                    currency=currency,
                    lines=tuple(map(AllocationLine, chosen, amounts)),
                    idempotency_key=request.POST.get("idempotency_key", ""),
                    note=request.POST.get("note", ""),
                ),
            )
        except ValidationError as error:
            errors = errors_by_place(error, chosen, language)
        else:
            return redirect(_page_url(cooperative_id, currency, DONE))
    trail = recent_allocations(cooperative_id, currency)
    names = dict(members)
    missing = {x.artisan_id for a in trail for x in a.lines} - set(names)
    if missing:  # members since suspended or gone
        names |= artisan_names(missing)
    context: dict[str, Any] = {
        "cooperative_id": cooperative_id,
        "name": cooperative_names([cooperative_id]).get(cooperative_id, ""),
        "currencies": currencies,
        "currency": currency,
        "funds": unattributed_funds(cooperative_id, currency),
        "rows": [
            Row(pk, member, typed[pk], errors.get(f"artisan:{pk}", ""))
            for pk, member in members.items()
        ],
        "note": request.POST.get("note", ""),
        # A new key for each form shown; kept when the form comes back with errors, so a
        # second send of the same allocation is recognised.
        "idempotency_key": request.POST.get("idempotency_key") or uuid.uuid4().hex,
        "trail": [
            (allocation, [(names.get(x.artisan_id, ""), x.amount) for x in allocation.lines])
            for allocation in trail
        ],
        "errors": errors,
        "error": errors.get(FORM),
        "notice": text(DONE, language) if request.GET.get("done") == DONE else None,
    }
    status = 400 if errors else 200
    return render_page(request, "portal/payouts/unattributed.html", context, status=status)
