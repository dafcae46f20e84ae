"""Amounts and dates as the portal's pages write them (pure): Babel, in the page's language
with Moroccan conventions for French and Arabic (Western digits, `1.234,50 د.م.`), from
integer minor units through Decimal, never float; and numbers as people type them."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_currency

from storefront_plugins.payouts.splits import from_minor

LOCALES = {"fr": "fr_MA", "ar": "ar_MA", "en": "en"}


def format_minor(minor: int, currency: str, language: str) -> str:
    """`123450` MAD -> `1 234,50 MAD` (fr), `MAD1,234.50` (en), `1.234,50 د.م.` (ar)."""
    return format_currency(from_minor(minor, currency), currency, locale=LOCALES[language])


def format_day(value: date | datetime | None, language: str, zone: str | None = None) -> str:
    """A day (`3 nov. 2026`); a moment as its day in `zone` (default: the server's)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(zone) if zone else None).date()
    return format_date(value, format="medium", locale=LOCALES[language])


# Spaces grouping thousands (`1 200`, `1\u202f200`) go; a comma or the Arabic decimal
# separator is the decimal point.
TYPED_NUMBER = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, ",": ".", "\u066b": "."})


def typed_decimal(raw: str) -> Decimal | None:
    """A number as typed in a form (`150,75`, `1 200.50`, `12\\u066b5`) as a Decimal; None when
    blank; InvalidOperation when it is not a finite number."""
    cleaned = raw.strip().translate(TYPED_NUMBER)
    if not cleaned:
        return None
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(raw)
    return value
