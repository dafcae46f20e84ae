from typing import Any

import graphene

from storefront_plugins.artisans import members, services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import plain
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import (
    ArtisanError,
    Cooperative,
    Membership,
    RoleEnum,
)
from storefront_plugins.core.graphql.ids import pk_from_global_id


class MemberArguments:
    cooperative_id = graphene.ID(required=True)
    artisan_id = graphene.ID(required=True)


class CooperativeMemberAdd(graphene.Mutation):
    """A manager adds an artisan to their cooperative."""

    class Arguments(MemberArguments):
        role = RoleEnum(default_value="artisan")

    membership = graphene.Field(Membership)
    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, cooperative_id: str, artisan_id: str, role: Any
    ) -> "CooperativeMemberAdd":
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(cooperative_id, "Cooperative")
        artisan_pk = pk_from_global_id(artisan_id, "Artisan")

        def add() -> dict[str, Any]:
            result = services.add_member(viewer, cooperative_pk, artisan_pk, plain(role))
            return {"membership": result.membership, "cooperative": result.cooperative}

        return payload(cls, add)


class CooperativeMemberRoleUpdate(graphene.Mutation):
    """A manager changes a member's role; a cooperative keeps at least one manager."""

    class Arguments(MemberArguments):
        role = RoleEnum(required=True)

    membership = graphene.Field(Membership)
    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, cooperative_id: str, artisan_id: str, role: Any
    ) -> "CooperativeMemberRoleUpdate":
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(cooperative_id, "Cooperative")
        artisan_pk = pk_from_global_id(artisan_id, "Artisan")

        def update() -> dict[str, Any]:
            result = services.update_member_role(viewer, cooperative_pk, artisan_pk, plain(role))
            return {"membership": result.membership, "cooperative": result.cooperative}

        return payload(cls, update)


class CooperativeMemberRemove(graphene.Mutation):
    """A manager removes a member; a cooperative keeps at least one manager."""

    Arguments = MemberArguments

    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, cooperative_id: str, artisan_id: str
    ) -> "CooperativeMemberRemove":
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(cooperative_id, "Cooperative")
        artisan_pk = pk_from_global_id(artisan_id, "Artisan")

        def remove() -> dict[str, Any]:
            result = services.remove_member(viewer, cooperative_pk, artisan_pk)
            return {"cooperative": result.cooperative}

        return payload(cls, remove)


class MembershipStatusMutation(graphene.Mutation):
    """Changes a member's status through `change(viewer, cooperative_id, artisan_id)`."""

    Arguments = MemberArguments

    membership = graphene.Field(Membership)
    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    class Meta:
        abstract = True

    @staticmethod
    def change(viewer: Any, cooperative_id: int, artisan_id: int) -> Any:
        raise NotImplementedError

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, artisan_id: str) -> Any:
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(cooperative_id, "Cooperative")
        artisan_pk = pk_from_global_id(artisan_id, "Artisan")

        def change() -> dict[str, Any]:
            result = cls.change(viewer, cooperative_pk, artisan_pk)
            return {"membership": result.membership, "cooperative": result.cooperative}

        return payload(cls, change)


class CooperativeMemberSuspend(MembershipStatusMutation):
    """A manager suspends a member: listed still, with no role until reinstated. A manager
    cannot suspend themself, nor the last active manager."""

    change = staticmethod(members.suspend_member)


class CooperativeMemberReinstate(MembershipStatusMutation):
    """A manager reinstates a suspended member with their role."""

    change = staticmethod(members.reinstate_member)
