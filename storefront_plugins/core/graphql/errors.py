"""Saleor's mutation errors: `errors: [{field, code, message}]`, one code enum per capability."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql import GraphQLError

from storefront_plugins.core.graphql.naming import to_camel_case


@dataclass(frozen=True)
class MutationError:
    field: str | None
    code: str
    message: str


# Django's own validation codes, as the names most error enums share.
DJANGO_CODES = {
    "blank": "REQUIRED",
    "null": "REQUIRED",
    "required": "REQUIRED",
    "unique": "UNIQUE",
    "max_value": "OUT_OF_RANGE",
    "min_value": "OUT_OF_RANGE",
}


def errors_from_validation_error(error: ValidationError, default_code: Enum) -> list[MutationError]:
    """One MutationError per message; `field` in camelCase, None for non-field errors. Codes
    that are not members of `default_code`'s enum become the enum's closest code, else
    `default_code`."""
    result: list[MutationError] = []
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            name = None if field == NON_FIELD_ERRORS else to_camel_case(field)
            result.extend(_errors(name, field_errors, default_code))
    else:
        result.extend(_errors(None, error.error_list, default_code))
    return result


def _errors(
    field: str | None, errors: Iterable[ValidationError], default_code: Enum
) -> list[MutationError]:
    return [
        MutationError(
            field=field, code=_code(item.code, default_code), message=" ".join(item.messages)
        )
        for item in errors
    ]


def _code(code: str | None, default_code: Enum) -> str:
    members = {member.value for member in type(default_code)}
    for candidate in (code, DJANGO_CODES.get(code or "")):
        if candidate in members:
            return str(candidate)
    return str(default_code.value)


class PermissionDeniedError(GraphQLError):
    """A top-level error, as Saleor answers: `extensions.exception.code = "PermissionDenied"`."""

    def __init__(self, message: str = "You do not have permission to perform this action") -> None:
        super().__init__(message, extensions={"exception": {"code": "PermissionDenied"}})


P = TypeVar("P")


def mutation_payload(cls: type[P], action: Callable[[], dict[str, Any]], invalid_code: Enum) -> P:
    """A mutation's payload: what `action` returns, or its validation errors (and nothing
    written), coded `invalid_code` where they name none. Permission errors propagate to the
    top level."""
    try:
        fields = action()
    except ValidationError as error:
        return cls(errors=errors_from_validation_error(error, invalid_code))  # type: ignore[call-arg]
    return cls(errors=[], **fields)  # type: ignore[call-arg]
