"""AppExtension: a view an installed app mounts in the Dashboard, as Saleor 3.23 shows it
(mount and target names upper-cased, the manifest's `options` as `settings`, relative
popup URLs joined to the app's URL, an access token for the signed-in user)."""

from typing import Any
from urllib.parse import urljoin, urlparse

import graphene

from saleor_sandbox.errors import PermissionDenied
from saleor_sandbox.graphql.accounts.types import Permission
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.graphql.core.scalars import JSON
from saleor_sandbox.models import App as AppModel
from saleor_sandbox.models import AppExtension as AppExtensionModel
from saleor_sandbox.permissions import PERMISSION_NAMES, is_staff_or_app
from saleor_sandbox.services.app_tokens import access_token_for_extension


def extension_url(extension: AppExtensionModel, app: AppModel) -> str:
    """Saleor's `resolve_app_extension_url`: a relative popup URL is joined to the app's."""
    url = extension.url
    if url.startswith("/") and app.app_url and extension.target == "popup":
        parsed = urlparse(app.app_url)
        return parsed._replace(path=urljoin(parsed.path, url[1:])).geturl()
    return url


class AppExtension(graphene.ObjectType):
    permissions = graphene.List(graphene.NonNull(Permission), required=True)
    label = graphene.String(required=True)
    url = graphene.String(required=True)
    mount_name = graphene.String(required=True)
    target_name = graphene.String(required=True)
    settings = JSON(required=True)
    identifier = graphene.String()
    app = graphene.Field("saleor_sandbox.graphql.apps.types.App", required=True)
    access_token = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AppExtensionModel)

    @staticmethod
    def resolve_permissions(root: AppExtensionModel, _info: Any) -> list[Permission]:
        return [
            Permission(code=code, name=PERMISSION_NAMES.get(code, code))
            for code in sorted(root.permissions)
        ]

    @staticmethod
    def resolve_url(root: AppExtensionModel, _info: Any) -> str:
        return extension_url(root, root.app)

    @staticmethod
    def resolve_mount_name(root: AppExtensionModel, _info: Any) -> str:
        return root.mount.upper()

    @staticmethod
    def resolve_target_name(root: AppExtensionModel, _info: Any) -> str:
        return root.target.upper()

    @staticmethod
    def resolve_app(root: AppExtensionModel, info: Any) -> AppModel:
        """Its own app, or any staff user, may read the app; another app may not."""
        requestor = info.context.app
        if requestor is not None and requestor.pk != root.app_id:
            raise PermissionDenied(["MANAGE_APPS", "OWNER"])
        if not is_staff_or_app(info.context):
            raise PermissionDenied(["MANAGE_APPS", "OWNER"])
        return root.app

    @staticmethod
    def resolve_access_token(root: AppExtensionModel, info: Any) -> str | None:
        return access_token_for_extension(root, info.context.user)


register_node("AppExtension", AppExtensionModel, "MANAGE_APPS")
