import graphene

from storefront_plugins.accounts.error_codes import AccountErrorCode
from storefront_plugins.accounts.models import Language

AccountErrorCodeEnum = graphene.Enum.from_enum(AccountErrorCode, name="AccountErrorCode")
UserLanguageEnum = graphene.Enum.from_enum(Language, name="UserLanguageEnum")


class AccountError(graphene.ObjectType):
    field = graphene.String(description="The input field the error is about, or null.")
    code = graphene.Field(AccountErrorCodeEnum, required=True)
    message = graphene.String(required=True)


class User(graphene.ObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    language = graphene.String(required=True, description="fr, ar or en.")
