"""The shape every Saleor mutation has: permission check, then one service call in a
transaction; validation problems come back in the payload's `errors` list."""

from typing import Any, ClassVar

import graphene
from django.db import transaction

from saleor_sandbox.errors import MutationErrors
from saleor_sandbox.permissions import require_any_permission


class SaleorMutation(graphene.Mutation):
    """Subclasses set `error_type` (e.g. ProductError), declare `errors`, and implement
    `perform(info, **arguments) -> dict of payload fields`."""

    class Meta:
        abstract = True

    error_type: ClassVar[type[graphene.ObjectType]]
    permissions: ClassVar[tuple[str, ...]] = ()
    # Saleor keeps a deprecated copy of `errors` under an older name (`productErrors`...).
    legacy_errors_attribute: ClassVar[str | None] = None

    @classmethod
    def check_permissions(cls, info: Any, **_arguments: Any) -> None:
        if cls.permissions:
            require_any_permission(info, *cls.permissions)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def mutate(cls, _root: Any, info: Any, **arguments: Any) -> Any:
        cls.check_permissions(info, **arguments)
        try:
            with transaction.atomic():
                payload = cls.perform(info, **arguments)
        except MutationErrors as failure:
            return cls.with_errors([cls.as_error(error) for error in failure.errors])
        return cls.with_errors([], **payload)

    @classmethod
    def with_errors(cls, errors: list[Any], **payload: Any) -> Any:
        legacy = cls.legacy_errors_attribute
        if legacy and legacy in cls._meta.fields:
            payload[legacy] = errors
        return cls(errors=errors, **payload)

    @classmethod
    def as_error(cls, error: Any) -> Any:
        fields = {"field": error.field, "code": error.code, "message": error.message}
        known = set(cls.error_type._meta.fields)
        fields.update({k: v for k, v in error.extra.items() if k in known})
        return cls.error_type(**fields)


def errors_field(error_type: type[graphene.ObjectType]) -> graphene.List:
    return graphene.List(graphene.NonNull(error_type), required=True)


def deprecated_errors_field(error_type: type[graphene.ObjectType]) -> graphene.List:
    return graphene.List(
        graphene.NonNull(error_type),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
