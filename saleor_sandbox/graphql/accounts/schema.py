from typing import Any

import graphene
from django.conf import settings

from saleor_sandbox.errors import MutationErrors
from saleor_sandbox.graphql.accounts.types import AccountError, User
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.services import accounts


class Domain(graphene.ObjectType):
    host = graphene.String(required=True)
    ssl_enabled = graphene.Boolean(required=True)
    url = graphene.String(required=True)


class Shop(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.String()
    domain = graphene.Field(Domain, required=True)
    channel_currencies = graphene.List(graphene.NonNull(graphene.String), required=True)
    version = graphene.String(required=True)
    schema_version = graphene.String(required=True)
    limit_quantity_per_checkout = graphene.Int()

    @staticmethod
    def resolve_version(_root: Any, info: Any) -> str:
        from saleor_sandbox.permissions import require_staff_or_app

        require_staff_or_app(info)
        return str(settings.SALEOR_VERSION)

    @staticmethod
    def resolve_schema_version(_root: Any, _info: Any) -> str:
        return str(settings.SCHEMA_VERSION)

    @staticmethod
    def resolve_domain(_root: Any, _info: Any) -> Domain:
        from urllib.parse import urlsplit

        parts = urlsplit(settings.PUBLIC_URL)
        return Domain(
            host=parts.netloc, ssl_enabled=parts.scheme == "https", url=settings.PUBLIC_URL + "/"
        )

    @staticmethod
    def resolve_channel_currencies(_root: Any, _info: Any) -> list[str]:
        from saleor_sandbox.models import Channel

        return sorted(set(Channel.objects.values_list("currency_code", flat=True)))

    @staticmethod
    def resolve_limit_quantity_per_checkout(_root: Any, _info: Any) -> int:
        return int(settings.MAX_CHECKOUT_LINE_QUANTITY)


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")
    shop = graphene.Field(Shop, required=True, description="Return information about the shop.")

    @staticmethod
    def resolve_me(_root: Any, info: Any) -> Any:
        return info.context.user

    @staticmethod
    def resolve_shop(_root: Any, _info: Any) -> Shop:
        return Shop(name="Saleor sandbox", description="Souk's offline Saleor stand-in")


class CreateToken(graphene.Mutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    account_errors = graphene.List(
        graphene.NonNull(AccountError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = errors_field(AccountError)

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        audience = graphene.String()

    @classmethod
    def mutate(
        cls, _root: Any, _info: Any, email: str, password: str, **_kwargs: Any
    ) -> "CreateToken":
        try:
            user, token, refresh = accounts.sign_in(email, password)
        except MutationErrors as failure:
            errors = [
                AccountError(field=e.field, code=e.code, message=e.message) for e in failure.errors
            ]
            return cls(errors=errors, account_errors=errors)
        csrf = accounts.keys.decode_jwt(refresh)["csrfToken"]
        return cls(
            token=token,
            refresh_token=refresh,
            csrf_token=csrf,
            user=user,
            errors=[],
            account_errors=[],
        )


class RefreshToken(graphene.Mutation):
    token = graphene.String()
    user = graphene.Field(User)
    account_errors = graphene.List(
        graphene.NonNull(AccountError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = errors_field(AccountError)

    class Arguments:
        refresh_token = graphene.String()
        csrf_token = graphene.String()

    @classmethod
    def mutate(
        cls, _root: Any, _info: Any, refresh_token: str | None = None, **_kwargs: Any
    ) -> "RefreshToken":
        try:
            user, token = accounts.refresh_access_token(refresh_token)
        except MutationErrors as failure:
            errors = [
                AccountError(field=e.field, code=e.code, message=e.message) for e in failure.errors
            ]
            return cls(errors=errors, account_errors=errors)
        return cls(token=token, user=user, errors=[], account_errors=[])


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field(name="tokenCreate")
    token_refresh = RefreshToken.Field(name="tokenRefresh")
