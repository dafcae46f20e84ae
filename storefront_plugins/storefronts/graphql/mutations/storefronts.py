from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.storefronts import services
from storefront_plugins.storefronts.graphql.input_values import storefront_input
from storefront_plugins.storefronts.graphql.inputs import StorefrontCreateInput, StorefrontInput
from storefront_plugins.storefronts.graphql.mutations.base import payload
from storefront_plugins.storefronts.graphql.types import Storefront, StorefrontError


class StorefrontCreate(graphene.Mutation):
    """A cooperative's storefront (unpublished), on its Saleor channel: its managers and
    Souk's staff."""

    class Arguments:
        input = StorefrontCreateInput(required=True)

    storefront = graphene.Field(Storefront)
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "StorefrontCreate":
        viewer = viewer_of(info)
        cooperative_id = pk_from_global_id(input["cooperative"], "Cooperative")
        values = storefront_input(input)
        return payload(
            cls,
            lambda: {"storefront": services.create_storefront(viewer, cooperative_id, values)},
        )


class StorefrontUpdate(graphene.Mutation):
    """Name, tagline, address, languages and theme; hero images are replaced when given."""

    class Arguments:
        id = graphene.ID(required=True)
        input = StorefrontInput(required=True)

    storefront = graphene.Field(Storefront)
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "StorefrontUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Storefront")
        values = storefront_input(input)
        return payload(cls, lambda: {"storefront": services.update_storefront(viewer, pk, values)})


class StorefrontPublish(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        is_published = graphene.Boolean(required=True)

    storefront = graphene.Field(Storefront)
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, is_published: bool) -> "StorefrontPublish":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Storefront")
        return payload(
            cls,
            lambda: {"storefront": services.publish_storefront(viewer, pk, is_published)},
        )
