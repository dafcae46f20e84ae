from typing import Any

import graphene

from saleor_sandbox.errors import PermissionDenied
from saleor_sandbox.graphql.apps.extension_types import AppExtension
from saleor_sandbox.graphql.apps.types import App, AppError, AppInstallation
from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.enums import PermissionEnum
from saleor_sandbox.graphql.core.mutations import (
    SaleorMutation,
    deprecated_errors_field,
    errors_field,
)
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.models import App as AppModel
from saleor_sandbox.models import AppExtension as AppExtensionModel
from saleor_sandbox.models import AppInstallation as AppInstallationModel
from saleor_sandbox.permissions import (
    STAFF_OR_APP,
    permission_required,
    requestor_permissions,
)
from saleor_sandbox.services import apps as app_services

AppCountableConnection = countable_connection(App)
AppExtensionCountableConnection = countable_connection(AppExtension)


class AppExtensionFilterInput(graphene.InputObjectType):
    mount_name = graphene.List(graphene.NonNull(graphene.String))
    target_name = graphene.String()


def app_extensions(filter: dict[str, Any] | None) -> Any:
    """Saleor's `resolve_app_extensions`: extensions of active, not removed apps, filtered
    by mount names and target name, case-insensitively."""
    queryset = AppExtensionModel.objects.filter(
        app__is_active=True, app__removed_at__isnull=True
    ).select_related("app")
    filter = filter or {}
    if filter.get("mount_name"):
        queryset = queryset.filter(mount__in=[name.lower() for name in filter["mount_name"]])
    if filter.get("target_name"):
        queryset = queryset.filter(target=filter["target_name"].lower())
    return queryset.order_by("pk")


class AppQueries(graphene.ObjectType):
    app = graphene.Field(App, id=graphene.ID())
    apps = graphene.Field(AppCountableConnection, **connection_args())
    apps_installations = graphene.List(graphene.NonNull(AppInstallation), required=True)
    app_extensions = graphene.Field(
        AppExtensionCountableConnection,
        filter=AppExtensionFilterInput(),
        **connection_args(),
    )
    app_extension = graphene.Field(AppExtension, id=graphene.ID(required=True))

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_app_extensions(
        _root: Any, _info: Any, filter: dict[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        return paginate(
            app_extensions(filter), AppExtensionCountableConnection, "appExtensions", **kwargs
        )

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_app_extension(_root: Any, _info: Any, id: str) -> AppExtensionModel | None:
        _type, pk = from_global_id(id, "AppExtension")
        return app_extensions(None).filter(pk=pk).first() if pk.isdigit() else None

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_app(_root: Any, info: Any, id: str | None = None) -> AppModel | None:
        """An app reads itself without an id; anything else needs MANAGE_APPS."""
        calling_app = info.context.app
        if id is None:
            return calling_app
        _type, pk = from_global_id(id, "App")
        if calling_app is not None and str(calling_app.pk) == pk:
            return calling_app
        if "MANAGE_APPS" not in requestor_permissions(info.context):
            raise PermissionDenied(["MANAGE_APPS"])
        return AppModel.objects.filter(pk=pk, removed_at__isnull=True).first()

    @staticmethod
    @permission_required("MANAGE_APPS")
    def resolve_apps(_root: Any, _info: Any, **kwargs: Any) -> Any:
        queryset = AppModel.objects.filter(removed_at__isnull=True).order_by("name", "pk")
        return paginate(queryset, AppCountableConnection, "apps", **kwargs)

    @staticmethod
    @permission_required("MANAGE_APPS")
    def resolve_apps_installations(_root: Any, _info: Any) -> list[AppInstallationModel]:
        return list(
            AppInstallationModel.objects.filter(
                status__in=[AppInstallationModel.Status.PENDING, AppInstallationModel.Status.FAILED]
            ).order_by("created_at")
        )


class AppInstallInput(graphene.InputObjectType):
    app_name = graphene.String(required=True)
    manifest_url = graphene.String(required=True)
    activate_after_installation = graphene.Boolean(default_value=True)
    permissions = graphene.List(graphene.NonNull(PermissionEnum))


class AppInstall(SaleorMutation):
    app_errors = deprecated_errors_field(AppError)
    errors = errors_field(AppError)
    app_installation = graphene.Field(AppInstallation)

    class Arguments:
        input = AppInstallInput(required=True)

    error_type = AppError
    legacy_errors_attribute = "app_errors"

    @classmethod
    def check_permissions(cls, info: Any, **arguments: Any) -> None:
        """Staff only, with MANAGE_APPS and every permission it grants (as Saleor)."""
        user = info.context.user
        if user is None or not user.is_staff:
            raise PermissionDenied(["AUTHENTICATED_STAFF_USER"])
        if "MANAGE_APPS" not in user.effective_permissions():
            raise PermissionDenied(["MANAGE_APPS"])

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        data = arguments["input"]
        permissions = [getattr(p, "value", p) for p in data.get("permissions") or []]
        installation = app_services.start_app_installation(
            requestor=info.context.user,
            app_name=data["app_name"],
            manifest_url=data["manifest_url"],
            permissions=permissions,
            activate=data.get("activate_after_installation", True),
        )
        return {"app_installation": installation}


class AppMutations(graphene.ObjectType):
    app_install = AppInstall.Field()
