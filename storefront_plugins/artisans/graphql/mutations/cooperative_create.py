from typing import Any

import graphene

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import changes_from_input
from storefront_plugins.artisans.graphql.inputs import CooperativeInput
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import ArtisanError, Cooperative


class CooperativeCreate(graphene.Mutation):
    """Souk's staff register a cooperative; its slug comes from its name."""

    class Arguments:
        input = CooperativeInput(required=True)

    cooperative = graphene.Field(Cooperative)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "CooperativeCreate":
        viewer = viewer_of(info)
        changes = changes_from_input(input)
        return payload(cls, lambda: {"cooperative": services.create_cooperative(viewer, changes)})
