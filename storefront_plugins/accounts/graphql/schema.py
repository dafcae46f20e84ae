from typing import Any

import graphene
from django.core.exceptions import ValidationError

from storefront_plugins.accounts import services
from storefront_plugins.accounts.error_codes import AccountErrorCode
from storefront_plugins.accounts.graphql.types import AccountError, User
from storefront_plugins.accounts.models import User as UserModel
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.errors import errors_from_validation_error


class SignIn(graphene.Mutation):
    """Exchanges an e-mail and a password for an access token (15 minutes) and a refresh
    token (30 days)."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    access_token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, password: str) -> "SignIn":
        try:
            result = services.sign_in(email, password)
        except ValidationError as error:
            return cls(
                errors=errors_from_validation_error(error, AccountErrorCode.INVALID_CREDENTIALS)
            )
        return cls(
            access_token=result.access_token,
            refresh_token=result.refresh_token,
            user=result.user,
            errors=[],
        )


class RefreshToken(graphene.Mutation):
    """A new access token for a valid refresh token."""

    class Arguments:
        refresh_token = graphene.String(required=True)

    access_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, refresh_token: str) -> "RefreshToken":
        try:
            result = services.refresh_access_token(refresh_token)
        except ValidationError as error:
            return cls(errors=errors_from_validation_error(error, AccountErrorCode.INVALID_TOKEN))
        return cls(access_token=result.access_token, user=result.user, errors=[])


class SignOut(graphene.Mutation):
    """Revokes a refresh token; with allDevices, every token of its user, access tokens too."""

    class Arguments:
        refresh_token = graphene.String(required=True)
        all_devices = graphene.Boolean(default_value=False)

    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, refresh_token: str, all_devices: bool) -> "SignOut":
        try:
            services.sign_out(refresh_token, all_devices=all_devices)
        except ValidationError as error:
            return cls(errors=errors_from_validation_error(error, AccountErrorCode.INVALID_TOKEN))
        return cls(errors=[])


class SetPassword(graphene.Mutation):
    """Chooses a password with the token of an invitation e-mail, and signs in."""

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True)
        password = graphene.String(required=True)

    access_token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, token: str, password: str) -> "SetPassword":
        try:
            result = services.set_password(email, token, password)
        except ValidationError as error:
            return cls(errors=errors_from_validation_error(error, AccountErrorCode.INVALID_TOKEN))
        return cls(
            access_token=result.access_token,
            refresh_token=result.refresh_token,
            user=result.user,
            errors=[],
        )


class Query(graphene.ObjectType):
    me = graphene.Field(User, description="The signed-in user, or null.")

    @staticmethod
    def resolve_me(root: Any, info: Any) -> UserModel | None:
        user = context_of(info).user
        return user if isinstance(user, UserModel) else None


class Mutation(graphene.ObjectType):
    sign_in = SignIn.Field()
    refresh_token = RefreshToken.Field()
    sign_out = SignOut.Field()
    set_password = SetPassword.Field()
