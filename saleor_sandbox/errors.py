"""Errors as Saleor reports them (raised by services, formatted by the GraphQL layer).

Top-level errors (permissions, bad ids, missing channel) are exceptions whose class name is
the `extensions.exception.code` Saleor shows. Mutation errors are `MutationError`s, returned
in the payload's `errors` list with `field`, `code` and `message`.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any


class PermissionDenied(Exception):
    def __init__(self, permissions: list[str] | None = None, message: str | None = None) -> None:
        if message is None:
            needed = ", ".join(permissions or [])
            message = (
                f"To access this path, you need one of the following permissions: {needed}"
                if needed
                else "You do not have permission to perform this action"
            )
        super().__init__(message)


class GraphQLError(Exception):
    """A top-level error with Saleor's generic `GraphQLError` code."""


@dataclass
class MutationError:
    field: str | None
    code: str
    message: str
    extra: dict[str, Any] = dataclass_field(default_factory=dict)


class MutationErrors(Exception):
    """Raised by services; a mutation turns it into its payload's `errors` list."""

    def __init__(self, errors: list[MutationError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def mutation_error(field_name: str | None, code: str, message: str, **extra: Any) -> MutationErrors:
    return MutationErrors([MutationError(field_name, code, message, extra)])


# What Saleor lets through to clients when DEBUG is off; anything else is "Internal Server Error".
ALLOWED_ERRORS: tuple[type[Exception], ...] = (PermissionDenied, GraphQLError)
