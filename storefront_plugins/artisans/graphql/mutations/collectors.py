from typing import Any

import graphene

from storefront_plugins.artisans import services
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.input_values import changes_from_input
from storefront_plugins.artisans.graphql.inputs import CollectorInput
from storefront_plugins.artisans.graphql.mutations.base import payload
from storefront_plugins.artisans.graphql.types import ArtisanError, Collector
from storefront_plugins.core.graphql.ids import pk_from_global_id


def _cooperative_pks(input: Any) -> list[int] | None:
    ids = input.get("cooperatives")
    return None if ids is None else [pk_from_global_id(i, "Cooperative") for i in ids]


class CollectorCreate(graphene.Mutation):
    """A manager records a collector of raw materials for their cooperatives."""

    class Arguments:
        input = CollectorInput(required=True)

    collector = graphene.Field(Collector)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "CollectorCreate":
        viewer = viewer_of(info)
        cooperatives = _cooperative_pks(input) or []
        changes = changes_from_input(input, exclude=frozenset({"cooperatives"}))
        return payload(
            cls,
            lambda: {"collector": services.create_collector(viewer, changes, cooperatives)},
        )


class CollectorUpdate(graphene.Mutation):
    """A manager of one of the collector's cooperatives edits it."""

    class Arguments:
        id = graphene.ID(required=True)
        input = CollectorInput(required=True)

    collector = graphene.Field(Collector)
    errors = graphene.List(graphene.NonNull(ArtisanError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "CollectorUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Collector")
        cooperatives = _cooperative_pks(input)
        changes = changes_from_input(input, exclude=frozenset({"cooperatives"}))
        return payload(
            cls,
            lambda: {"collector": services.update_collector(viewer, pk, changes, cooperatives)},
        )
