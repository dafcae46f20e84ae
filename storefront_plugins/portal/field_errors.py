"""Validation errors of the capabilities' services as the portal shows them: next to each
field, in the page's language when the code has a text, else in the API's own words."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from storefront_plugins.portal.texts import text

FORM = "__all__"


def field_errors(
    error: ValidationError, language: str, text_keys: Mapping[str, str]
) -> dict[str, list[str]]:
    """`{field: [message, ...]}`; `text_keys` maps "field:CODE", else "CODE", to a portal
    text key."""
    items = error.error_dict if hasattr(error, "error_dict") else {FORM: error.error_list}
    return {
        field: [_message(field, item, language, text_keys) for item in errors]
        for field, errors in items.items()
    }


def _message(
    field: str, error: ValidationError, language: str, text_keys: Mapping[str, str]
) -> str:
    code = error.code or ""
    key = text_keys.get(f"{field}:{code}", text_keys.get(code))
    if key is not None:
        return text(key, language)
    return " ".join(error.messages)
