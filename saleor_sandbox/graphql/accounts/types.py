import graphene

from saleor_sandbox.graphql.core.enums import PermissionEnum, saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import User as UserModel
from saleor_sandbox.permissions import PERMISSION_NAMES

AccountErrorCode = saleor_enum(
    "AccountErrorCode",
    [
        "GRAPHQL_ERROR",
        "INACTIVE",
        "INVALID",
        "INVALID_CREDENTIALS",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "JWT_SIGNATURE_EXPIRED",
        "JWT_INVALID_TOKEN",
        "JWT_DECODE_ERROR",
        "JWT_MISSING_TOKEN",
    ],
)


class AccountError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = AccountErrorCode(required=True)


class Permission(graphene.ObjectType):
    code = PermissionEnum(required=True)
    name = graphene.String(required=True)


class UserPermission(graphene.ObjectType):
    code = PermissionEnum(required=True)
    name = graphene.String(required=True)


class User(graphene.ObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    user_permissions = graphene.List(graphene.NonNull(UserPermission))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, UserModel)

    @staticmethod
    def resolve_user_permissions(root: UserModel, _info: object) -> list[UserPermission]:
        return [
            UserPermission(code=code, name=PERMISSION_NAMES[code])
            for code in sorted(root.effective_permissions())
        ]


register_node("User", UserModel, "MANAGE_STAFF", "MANAGE_USERS")
