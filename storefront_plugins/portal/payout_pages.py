"""What the money pages share: the visitor's ledger access (the payouts API's rule), the
payouts services' errors as texts, paging, and the statements page of any party."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from storefront_plugins.payouts.access import LedgerAccess, ledger_access_for
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.services import party_balances
from storefront_plugins.payouts.splits import Party
from storefront_plugins.payouts.statement_links import StatementRequest, signed_link
from storefront_plugins.payouts.statement_texts import language_or_default
from storefront_plugins.payouts.statement_texts import text as statement_text
from storefront_plugins.payouts.statements import (
    party_time_zone,
    period_of_month,
    statement_for_period,
)
from storefront_plugins.portal.pages import render_page, visitor_of
from storefront_plugins.portal.texts import TEXTS, text
from storefront_plugins.portal.views.errors import not_found

PAGE_SIZE = 20
# The services' field names, as the pages' forms name them; others are the form's.
FORM_FIELDS = {
    "paidOn": "paid_on",
    "reference": "reference",
    "proof": "proof",
    "currency": "currency",
}
FORM = "form"
# `?done=<key>` after a form: the notice shown (only these).
NOTICES = frozenset(
    {"payouts_run_started", "payouts_recorded", "payouts_approved", "payouts_cancelled"}
)


def ledger_access(request: HttpRequest) -> LedgerAccess:
    """Who the visitor reads in the ledger, as the payouts API decides it (once a request)."""
    access = getattr(request, "portal_ledger_access", None)
    if isinstance(access, LedgerAccess):
        return access
    visitor = visitor_of(request)
    access = ledger_access_for(visitor.user, visitor.viewer)
    request.portal_ledger_access = access  # type: ignore[attr-defined]
    return access


def error_texts(error: ValidationError, language: str) -> dict[str, str]:
    """A payouts service's ValidationError as texts per form field (`form` for the rest):
    the code's text when the portal has one, else the service's own message."""
    errors: dict[str, str] = {}
    by_field = error.error_dict if hasattr(error, "error_dict") else {FORM: error.error_list}
    for field, field_errors in by_field.items():
        for one in field_errors:
            message = error_text(one, language)
            name = FORM_FIELDS.get(field, FORM)
            errors[name] = f"{errors[name]} {message}" if name in errors else message
    return errors


def error_text(error: ValidationError, language: str) -> str:
    """One error of a payouts service: its code's text when the portal has one
    (`payouts_error_<CODE>`), else the service's own message."""
    key = f"payouts_error_{error.code}"
    return text(key, language) if key in TEXTS else " ".join(error.messages)


def is_not_found(error: ValidationError) -> bool:
    """An access check's answer for a run or payout that does not exist."""
    codes = [e.code for e in error.error_list] if not hasattr(error, "error_dict") else []
    codes += [e.code for errors in getattr(error, "error_dict", {}).values() for e in errors]
    return PayoutErrorCode.NOT_FOUND.value in codes


def offset_of(request: HttpRequest) -> int:
    try:
        return max(0, int(request.GET.get("from", "0")))
    except ValueError:
        return 0


def paging(offset: int, has_more: bool) -> dict[str, int | None]:
    return {
        "newer_from": max(0, offset - PAGE_SIZE) if offset else None,
        "older_from": offset + PAGE_SIZE if has_more else None,
    }


def notice_of(request: HttpRequest) -> str | None:
    done = request.GET.get("done", "")
    return text(done, visitor_of(request).language) if done in NOTICES else None


def last_months(today: date, count: int = 12) -> list[str]:
    """Pure: `"2026-11"`, `"2026-10"`... the `count` months up to today's, newest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


@dataclass(frozen=True)
class StatementChoice:
    currencies: list[str]
    months: list[str]
    currency: str
    month: str


def statement_choice(
    query: Mapping[str, Any], currencies: list[str], today: date
) -> StatementChoice:
    """Pure: the currency and month asked for, when they are offered; else the first."""
    months = last_months(today)
    currency = query.get("currency", "")
    month = query.get("month", "")
    return StatementChoice(
        currencies=currencies,
        months=months,
        currency=currency if currency in currencies else currencies[0],
        month=month if month in months else months[0],
    )


def statement_page(
    request: HttpRequest, party: Party, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A party's monthly statement in its time zone, with its PDF and CSV links in the page's
    language; 404 for a party the visitor may not read (the API's `payoutStatement` rule)."""
    if not ledger_access(request).reads(party):
        return not_found(request)
    visitor = visitor_of(request)
    language = language_or_default(visitor.language)
    zone = party_time_zone(party)
    currencies = [balance.currency for balance in party_balances(party)]
    page = context | {"zone": zone, "statement": None}
    if not currencies:
        return render_page(request, template, page)
    today = timezone.now().astimezone(ZoneInfo(zone)).date()  # the party's today
    choice = statement_choice(request.GET, currencies, today)
    period = period_of_month(choice.month)
    statement = statement_for_period(party, choice.currency, period)
    wanted = StatementRequest(party, choice.currency, period, language)
    user = visitor.user
    assert user is not None  # a portal page
    links = {
        fmt: signed_link(int(user.pk), int(user.token_version), wanted, fmt)
        for fmt in ("pdf", "csv")
    }
    totals = [
        (statement_text(language, kind), amount)
        for kind, amount in statement.totals.items()
        if amount
    ]
    lines = [(line, statement_text(language, line.kind)) for line in statement.lines]
    return render_page(
        request,
        template,
        page
        | {
            "choice": choice,
            "statement": statement,
            "totals": totals,
            "lines": lines,
            "links": links,
            "opening_label": statement_text(language, "opening_balance"),
            "closing_label": statement_text(language, "closing_balance"),
        },
    )
