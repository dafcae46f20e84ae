from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import plain
from storefront_plugins.artisans.graphql.inputs import ArtisanFilterInput
from storefront_plugins.artisans.graphql.mutations.artisan_create import ArtisanCreate
from storefront_plugins.artisans.graphql.mutations.artisan_profile_update import (
    ArtisanProfileUpdate,
)
from storefront_plugins.artisans.graphql.mutations.collectors import (
    CollectorCreate,
    CollectorUpdate,
)
from storefront_plugins.artisans.graphql.mutations.cooperative_create import CooperativeCreate
from storefront_plugins.artisans.graphql.mutations.cooperative_members import (
    CooperativeMemberAdd,
    CooperativeMemberReinstate,
    CooperativeMemberRemove,
    CooperativeMemberRoleUpdate,
    CooperativeMemberSuspend,
)
from storefront_plugins.artisans.graphql.mutations.cooperative_update import CooperativeUpdate
from storefront_plugins.artisans.graphql.types import (
    Artisan,
    ArtisanCountableConnection,
    Collector,
    CollectorCountableConnection,
    Cooperative,
    CooperativeCountableConnection,
)
from storefront_plugins.artisans.models import Artisan as ArtisanModel
from storefront_plugins.artisans.models import Cooperative as CooperativeModel
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.pagination import paginate


def _one_of(id: str | None, slug: str | None) -> None:
    if (id is None) == (slug is None):
        raise GraphQLError("Provide exactly one of `id` or `slug`.")


class Query(graphene.ObjectType):
    cooperatives = graphene.relay.ConnectionField(
        CooperativeCountableConnection, description="Published cooperatives, and your own."
    )
    cooperative = graphene.Field(Cooperative, id=graphene.ID(), slug=graphene.String())
    artisans = graphene.relay.ConnectionField(
        ArtisanCountableConnection,
        filter=ArtisanFilterInput(),
        search=graphene.String(description="In names, cities, workshops and bios."),
        description="The directory: published artisans, and those you may see.",
    )
    artisan = graphene.Field(Artisan, id=graphene.ID(), slug=graphene.String())
    collectors = graphene.relay.ConnectionField(CollectorCountableConnection)

    @staticmethod
    def resolve_cooperatives(root: Any, info: Any, **args: Any) -> Any:
        cooperatives = services.visible_cooperatives(viewer_of(info)).order_by("name", "pk")
        return paginate(cooperatives, args, CooperativeCountableConnection)

    @staticmethod
    def resolve_cooperative(
        root: Any, info: Any, id: str | None = None, slug: str | None = None
    ) -> CooperativeModel | None:
        _one_of(id, slug)
        cooperatives = services.visible_cooperatives(viewer_of(info))
        if id is not None:
            return cooperatives.filter(pk=pk_from_global_id(id, "Cooperative")).first()
        return cooperatives.filter(slug=slug).first()

    @staticmethod
    def resolve_artisans(
        root: Any, info: Any, filter: Any = None, search: str | None = None, **args: Any
    ) -> Any:
        filter = filter or {}
        artisan_filter = services.ArtisanFilter(
            craft=plain(filter.get("craft")),
            region=plain(filter.get("region")),
            cooperative=filter.get("cooperative"),
            search=search,
        )
        artisans = services.search_artisans(viewer_of(info), artisan_filter).order_by("name", "pk")
        return paginate(artisans, args, ArtisanCountableConnection)

    @staticmethod
    def resolve_artisan(
        root: Any, info: Any, id: str | None = None, slug: str | None = None
    ) -> ArtisanModel | None:
        _one_of(id, slug)
        artisans = services.visible_artisans(viewer_of(info))
        if id is not None:
            return artisans.filter(pk=pk_from_global_id(id, "Artisan")).first()
        return artisans.filter(slug=slug).first()

    @staticmethod
    def resolve_collectors(root: Any, info: Any, **args: Any) -> Any:
        collectors = services.visible_collectors(viewer_of(info)).order_by("name", "pk")
        return paginate(collectors, args, CollectorCountableConnection)


class Mutation(graphene.ObjectType):
    artisan_create = ArtisanCreate.Field()
    artisan_profile_update = ArtisanProfileUpdate.Field()
    cooperative_create = CooperativeCreate.Field()
    cooperative_update = CooperativeUpdate.Field()
    cooperative_member_add = CooperativeMemberAdd.Field()
    cooperative_member_role_update = CooperativeMemberRoleUpdate.Field()
    cooperative_member_remove = CooperativeMemberRemove.Field()
    cooperative_member_suspend = CooperativeMemberSuspend.Field()
    cooperative_member_reinstate = CooperativeMemberReinstate.Field()
    collector_create = CollectorCreate.Field()
    collector_update = CollectorUpdate.Field()


__all__ = ["Collector", "Mutation", "Query"]
