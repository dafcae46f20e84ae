"""Download links for statements: `/payouts/statement.<csv|pdf>?s=<signed request>`.

The API hands a signed-in reader links that carry what to render (party, currency, period,
language) and who asked (user id and token version), signed with SECRET_KEY and valid for
`STATEMENT_LINK_SECONDS`: a phone can open them without an Authorization header. The view
checks the user's access again when the link is used (a revoked session or a lost role
closes it). The same view also answers `Authorization: Bearer` requests with the same
fields as plain query parameters.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing

from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.statements import Period

STATEMENT_LINK_SECONDS = 15 * 60
SALT = "souk.payouts.statement-link"
FORMATS = ("csv", "pdf")


@dataclass(frozen=True)
class StatementRequest:
    party: Party
    currency: str
    period: Period
    language: str


@dataclass(frozen=True)
class SignedStatementRequest:
    user_id: int
    token_version: int
    request: StatementRequest


def statement_path(file_format: str) -> str:
    return f"/payouts/statement.{file_format}"


def query_of(request: StatementRequest) -> dict[str, str]:
    return {
        "party": f"{request.party.kind.value}:{request.party.id}",
        "currency": request.currency,
        "from": request.period.first_day.isoformat(),
        "to": request.period.last_day.isoformat(),
        "lang": request.language,
    }


def request_of(query: Any) -> StatementRequest:
    """From `query_of`'s fields; raises ValueError for anything malformed."""
    kind, _, party_id = str(query["party"]).partition(":")
    return StatementRequest(
        party=Party(PartyKind(kind), int(party_id)),
        currency=str(query["currency"]),
        period=Period(date.fromisoformat(query["from"]), date.fromisoformat(query["to"])),
        language=str(query["lang"]),
    )


def signed_link(user_id: int, token_version: int, request: StatementRequest, fmt: str) -> str:
    token = signing.dumps({"u": user_id, "v": token_version, **query_of(request)}, salt=SALT)
    return f"{settings.PUBLIC_URL}{statement_path(fmt)}?{urlencode({'s': token})}"


def read_signed_link(token: str) -> SignedStatementRequest:
    """Raises signing.BadSignature (SignatureExpired past STATEMENT_LINK_SECONDS) or
    ValueError/KeyError for a payload that is not a statement request."""
    data = signing.loads(token, salt=SALT, max_age=STATEMENT_LINK_SECONDS)
    return SignedStatementRequest(int(data["u"]), int(data["v"]), request_of(data))
