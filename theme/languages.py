"""The shop's languages, their direction and their Babel locales (pure)."""

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_percent

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANGUAGE = "fr"
RTL_LANGUAGES = frozenset({"ar"})
NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}
# Moroccan conventions for French and Arabic (Western digits, `1.234,50 د.م.`), as the
# payout statements write them.
LOCALES = {"fr": "fr_MA", "ar": "ar_MA", "en": "en"}


def direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def graphql_language(language: str) -> str:
    """The App's LanguageCodeEnum value."""
    return language.upper()


def format_money(amount: object, currency: str, language: str) -> str:
    """A price in its currency for the language; `amount` as Saleor sends it (a JSON number)
    is read through its decimal text, never through float arithmetic."""
    value = Decimal(str(amount))
    return format_currency(value, currency, locale=LOCALES[language])


def format_day(value: object, language: str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return ""
    return format_date(value, format="long", locale=LOCALES[language])


def best_language(accept_language: str) -> str:
    """The first of the shop's languages the browser asks for, else French."""
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def format_share(basis_points: int, language: str) -> str:
    """An artisan's share of a piece: 5000 basis points -> "50 %" (fr), "50%" (en)."""
    return format_percent(Decimal(basis_points) / 10000, locale=LOCALES[language])
