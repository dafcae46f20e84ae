"""The portal's languages: which one a page speaks, and its direction (pure)."""

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANGUAGE = "fr"
NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}


def direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


def accepted_language(accept_language: str) -> str | None:
    """The first of the portal's languages an Accept-Language header asks for."""
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return None


def page_language(chosen: str | None, account: str | None, accept_language: str) -> str:
    """The language a page speaks: the one chosen on the portal's switcher, else the
    account's, else the browser's, else French."""
    for candidate in (chosen, account):
        if candidate in LANGUAGES:
            return candidate
    return accepted_language(accept_language) or DEFAULT_LANGUAGE
