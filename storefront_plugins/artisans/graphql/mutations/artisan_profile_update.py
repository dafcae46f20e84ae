from typing import Any

import graphene

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import changes_from_input
from storefront_plugins.artisans.graphql.inputs import ArtisanProfileInput
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import Artisan, ArtisanError
from storefront_plugins.core.graphql.ids import pk_from_global_id


class ArtisanProfileUpdate(graphene.Mutation):
    """An artisan edits their own profile."""

    class Arguments:
        id = graphene.ID(required=True)
        input = ArtisanProfileInput(required=True)

    artisan = graphene.Field(Artisan)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "ArtisanProfileUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Artisan")
        changes = changes_from_input(input)
        return payload(
            cls, lambda: {"artisan": services.update_artisan_profile(viewer, pk, changes)}
        )
