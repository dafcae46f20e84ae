from typing import Any

import graphene

from saleor_sandbox.graphql.accounts.types import Permission
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import App as AppModel
from saleor_sandbox.models import AppInstallation as AppInstallationModel
from saleor_sandbox.permissions import PERMISSION_NAMES
from saleor_sandbox.services.app_tokens import access_token_for_app

AppErrorCode = saleor_enum(
    "AppErrorCode",
    [
        "FORBIDDEN",
        "GRAPHQL_ERROR",
        "INVALID",
        "INVALID_STATUS",
        "INVALID_PERMISSION",
        "INVALID_URL_FORMAT",
        "INVALID_MANIFEST_FORMAT",
        "MANIFEST_URL_CANT_CONNECT",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "OUT_OF_SCOPE_APP",
        "OUT_OF_SCOPE_PERMISSION",
        "UNSUPPORTED_SALEOR_VERSION",
    ],
)
JobStatusEnum = saleor_enum("JobStatusEnum", ["PENDING", "SUCCESS", "FAILED", "DELETED"])


class AppError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = AppErrorCode(required=True)
    permissions = graphene.List(
        graphene.NonNull("saleor_sandbox.graphql.core.enums.PermissionEnum")
    )


class App(graphene.ObjectType):
    identifier = graphene.String()
    permissions = graphene.List(graphene.NonNull(Permission))
    created = graphene.DateTime()
    is_active = graphene.Boolean()
    name = graphene.String()
    about_app = graphene.String()
    data_privacy_url = graphene.String()
    homepage_url = graphene.String()
    support_url = graphene.String()
    app_url = graphene.String()
    manifest_url = graphene.String()
    version = graphene.String()
    author = graphene.String()
    webhooks = graphene.List(graphene.NonNull(lambda: Webhook))
    access_token = graphene.String()
    extensions = graphene.List(graphene.NonNull(lambda: AppExtension), required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AppModel)

    @staticmethod
    def resolve_permissions(root: AppModel, _info: Any) -> list[Permission]:
        return [
            Permission(code=code, name=PERMISSION_NAMES.get(code, code))
            for code in root.permissions
        ]

    @staticmethod
    def resolve_about_app(root: AppModel, _info: Any) -> str:
        return root.about_app

    @staticmethod
    def resolve_webhooks(root: AppModel, _info: Any) -> list[Any]:
        return list(root.webhooks.all())

    @staticmethod
    def resolve_access_token(root: AppModel, info: Any) -> str | None:
        return access_token_for_app(root, info.context.user)

    @staticmethod
    def resolve_extensions(root: AppModel, _info: Any) -> list[Any]:
        return list(root.extensions.all())


class AppInstallation(graphene.ObjectType):
    status = JobStatusEnum(required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    message = graphene.String()
    app_name = graphene.String(required=True)
    manifest_url = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AppInstallationModel)

    @staticmethod
    def resolve_status(root: AppInstallationModel, _info: Any) -> str:
        return root.status.upper()


from saleor_sandbox.graphql.apps.extension_types import AppExtension  # noqa: E402
from saleor_sandbox.graphql.apps.webhook_types import Webhook  # noqa: E402

register_node("App", AppModel, "MANAGE_APPS")
register_node("AppInstallation", AppInstallationModel, "MANAGE_APPS")
