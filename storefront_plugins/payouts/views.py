"""Statement downloads (CSV, PDF): by a signed link from the API, or with a bearer token."""

from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from storefront_plugins.accounts.authentication import InvalidAccessToken, authenticate_request
from storefront_plugins.accounts.models import User
from storefront_plugins.payouts.access import ledger_access_for
from storefront_plugins.payouts.splits import UnknownCurrency
from storefront_plugins.payouts.statement_csv import statement_csv
from storefront_plugins.payouts.statement_links import read_signed_link, request_of
from storefront_plugins.payouts.statement_pdf import statement_pdf
from storefront_plugins.payouts.statement_texts import LANGUAGES
from storefront_plugins.payouts.statements import (
    InvalidPeriod,
    period_of_days,
    statement_for_period,
)


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


@require_GET
def statement_download(request: HttpRequest, file_format: str) -> HttpResponse:
    token = request.GET.get("s")
    try:
        if token:
            signed = read_signed_link(token)
            user = User.objects.filter(
                pk=signed.user_id, is_active=True, token_version=signed.token_version
            ).first()
            wanted = signed.request
        else:
            user = authenticate_request(request)  # type: ignore[assignment]
            wanted = request_of(request.GET)
        period = period_of_days(wanted.period.first_day, wanted.period.last_day)
        if wanted.language not in LANGUAGES:
            raise ValueError(wanted.language)
    except signing.SignatureExpired:
        return _error(403, "LINK_EXPIRED", "This link has expired: ask for the statement again.")
    except signing.BadSignature:
        return _error(403, "INVALID_LINK", "This link is not valid.")
    except InvalidAccessToken as error:
        return _error(401, "INVALID_TOKEN", str(error))
    except InvalidPeriod as error:
        return _error(400, "INVALID_PERIOD", str(error))
    except (KeyError, ValueError):
        return _error(
            400, "INVALID", "Expected party, currency, from, to (YYYY-MM-DD) and lang (fr, ar, en)."
        )
    if user is None or not ledger_access_for(user).reads(wanted.party):
        return _error(403, "PERMISSION_DENIED", "You may not read this party's statements.")
    try:
        statement = statement_for_period(wanted.party, wanted.currency, period)
    except UnknownCurrency as error:
        return _error(400, "INVALID_CURRENCY", str(error))
    name = f"statement-{wanted.party.kind.value}-{wanted.party.id}-{wanted.currency}-"
    name += f"{period.first_day.isoformat()}-{period.last_day.isoformat()}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(
            statement_csv(statement, wanted.language).encode("utf-8-sig"),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            statement_pdf(statement, wanted.language), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
