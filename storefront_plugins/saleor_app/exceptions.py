"""Typed failures of talking to Saleor."""

from dataclasses import dataclass
from typing import Any


class SaleorError(Exception):
    """Base class for everything that can go wrong talking to Saleor."""


class SaleorTransportError(SaleorError):
    """Saleor could not be reached, timed out or answered 5xx, after all retries."""


class SaleorHTTPError(SaleorError):
    """Saleor answered with a 4xx status or a body that is not a GraphQL response."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class GraphQLErrorDetail:
    message: str
    code: str | None
    path: tuple[str | int, ...]
    extensions: dict[str, Any]


class SaleorGraphQLError(SaleorError):
    """The response carried top-level `errors` (syntax, validation, permissions)."""

    def __init__(
        self, errors: list[GraphQLErrorDetail], data: dict[str, Any] | None = None
    ) -> None:
        super().__init__("; ".join(error.message for error in errors) or "GraphQL error")
        self.errors = errors
        self.data = data

    @property
    def codes(self) -> set[str]:
        return {error.code for error in self.errors if error.code}


class SaleorPermissionDenied(SaleorGraphQLError):
    """Saleor refused the token: `PermissionDenied` or an invalid or expired token."""


@dataclass(frozen=True)
class MutationErrorDetail:
    field: str | None
    code: str | None
    message: str | None


class SaleorMutationError(SaleorError):
    """A mutation answered with a non-empty `errors` list in its payload."""

    def __init__(self, mutation: str, errors: list[MutationErrorDetail]) -> None:
        summary = "; ".join(f"{e.field or '-'}: {e.code} {e.message or ''}".strip() for e in errors)
        super().__init__(f"{mutation} failed: {summary}")
        self.mutation = mutation
        self.errors = errors

    @property
    def codes(self) -> set[str]:
        return {error.code for error in self.errors if error.code}
