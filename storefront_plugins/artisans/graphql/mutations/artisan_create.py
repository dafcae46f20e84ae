from typing import Any

import graphene

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import changes_from_input, plain
from storefront_plugins.artisans.graphql.inputs import ArtisanCreateInput
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import (
    Artisan,
    ArtisanError,
    Cooperative,
    Membership,
)
from storefront_plugins.core.graphql.ids import pk_from_global_id


class ArtisanCreate(graphene.Mutation):
    """A cooperative's manager (or Souk's staff) adds a new artisan to it, optionally with
    the account of an e-mail address."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        input = ArtisanCreateInput(required=True)

    artisan = graphene.Field(Artisan)
    membership = graphene.Field(Membership)
    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, cooperative_id: str, input: Any) -> "ArtisanCreate":
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(cooperative_id, "Cooperative")
        role = plain(input.get("role")) or "artisan"
        email = input.get("email") or None
        changes = changes_from_input(input, exclude=frozenset({"role", "email"}))

        def create() -> dict[str, Any]:
            result = services.create_artisan(viewer, cooperative_pk, changes, role, email)
            return {
                "artisan": result.artisan,
                "membership": result.membership,
                "cooperative": result.cooperative,
            }

        return payload(cls, create)
