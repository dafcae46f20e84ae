from typing import Any

import graphene

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import changes_from_input
from storefront_plugins.artisans.graphql.inputs import CooperativeInput
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import ArtisanError, Cooperative
from storefront_plugins.core.graphql.ids import pk_from_global_id


class CooperativeUpdate(graphene.Mutation):
    """A manager edits their cooperative."""

    class Arguments:
        id = graphene.ID(required=True)
        input = CooperativeInput(required=True)

    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "CooperativeUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Cooperative")
        changes = changes_from_input(input)
        return payload(
            cls, lambda: {"cooperative": services.update_cooperative(viewer, pk, changes)}
        )
