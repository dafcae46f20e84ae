"""An artisan's money: their sales (their share of each order line, from the ledger), their
balance (held and available per currency), their payouts and their monthly statements.

Who: the signed-in artisan, for their own money only (no artisan profile: 404); the rules
are the payouts API's (`payouts.access` for the ledger, `payout_access.own_payouts`)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from storefront_plugins.payouts.payout_access import own_payouts
from storefront_plugins.payouts.payout_flow import needs_attention
from storefront_plugins.payouts.sales import sales_of
from storefront_plugins.payouts.services import party_balances
from storefront_plugins.payouts.splits import SHIPPING, Party, PartyKind
from storefront_plugins.payouts.statements import party_time_zone
from storefront_plugins.portal import texts_payouts  # noqa: F401  (registers the texts)
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, is_artisan
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.payout_pages import (
    PAGE_SIZE,
    ledger_access,
    offset_of,
    paging,
    statement_page,
)
from storefront_plugins.portal.views.errors import not_found

add_menu_entries(
    MenuEntry("portal:payouts-sales", "payouts_sales", is_artisan),
    MenuEntry("portal:payouts-balance", "payouts_balance", is_artisan),
    MenuEntry("portal:payouts-mine", "payouts_mine", is_artisan),
    MenuEntry("portal:payouts-statements", "payouts_statements", is_artisan),
)


def own_party(request: HttpRequest) -> Party | None:
    artisan_id = visitor_of(request).viewer.artisan_id
    return Party(PartyKind.ARTISAN, artisan_id) if artisan_id is not None else None


@portal_page
@require_GET
def sales(request: HttpRequest) -> HttpResponse:
    """Who: an artisan, their own sales."""
    party = own_party(request)
    if party is None:
        return not_found(request)
    offset = offset_of(request)
    page = sales_of(ledger_access(request), party, offset, PAGE_SIZE)
    context = {
        "sales": page.sales,
        "shipping": SHIPPING,
        "zone": party_time_zone(party),
        **paging(offset, page.has_more),
    }
    return render_page(request, "portal/payouts/sales.html", context)


@portal_page
@require_GET
def balance(request: HttpRequest) -> HttpResponse:
    """Who: an artisan, their own balance."""
    party = own_party(request)
    if party is None or not ledger_access(request).reads(party):
        return not_found(request)
    return render_page(request, "portal/payouts/balance.html", {"balances": party_balances(party)})


@portal_page
@require_GET
def my_payouts(request: HttpRequest) -> HttpResponse:
    """Who: an artisan, their own payouts (whether a proof was recorded, not the proof:
    that is for the cooperative's treasury, as in the API)."""
    party = own_party(request)
    if party is None:
        return not_found(request)
    offset = offset_of(request)
    found = list(own_payouts(visitor_of(request).viewer)[offset : offset + PAGE_SIZE + 1])
    payouts = [
        (payout, needs_attention(payout.state, payout.submit_attempts))
        for payout in found[:PAGE_SIZE]
    ]
    context = {
        "payouts": payouts,
        "zone": party_time_zone(party),
        **paging(offset, len(found) > PAGE_SIZE),
    }
    return render_page(request, "portal/payouts/my_payouts.html", context)


@portal_page
@require_GET
def statements(request: HttpRequest) -> HttpResponse:
    """Who: an artisan, their own statements."""
    party = own_party(request)
    if party is None:
        return not_found(request)
    return statement_page(request, party, "portal/payouts/statements.html", {})
