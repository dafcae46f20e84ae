"""GraphQL input objects as plain values for the services."""

from collections.abc import Mapping
from typing import Any

from storefront_plugins.core.graphql.translations import translated_text_from_input

TRANSLATED_FIELDS = frozenset({"bio", "description"})


def plain(value: Any) -> Any:
    if hasattr(value, "value") and not isinstance(value, (str, int)):
        return value.value  # a graphene enum member
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def changes_from_input(
    data: Mapping[str, Any], exclude: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Fields the client sent, snake_case, enums as their values, texts as {fr, ar, en}; a
    translated text sent in part keeps the languages it leaves out (merged by the caller)."""
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name in exclude:
            continue
        if name in TRANSLATED_FIELDS and value is not None:
            changes[name] = translated_text_from_input(value)
        else:
            changes[name] = plain(value)
    return changes
