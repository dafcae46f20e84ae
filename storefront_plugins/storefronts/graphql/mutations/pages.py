from typing import Any

import graphene

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.storefronts import services
from storefront_plugins.storefronts.graphql.input_values import changes_from_input
from storefront_plugins.storefronts.graphql.inputs import (
    StorefrontPageCreateInput,
    StorefrontPageInput,
)
from storefront_plugins.storefronts.graphql.mutations.base import payload
from storefront_plugins.storefronts.graphql.types import (
    Storefront,
    StorefrontError,
    StorefrontPage,
)


class StorefrontPageCreate(graphene.Mutation):
    class Arguments:
        storefront = graphene.ID(required=True)
        input = StorefrontPageCreateInput(required=True)

    page = graphene.Field(StorefrontPage)
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, storefront: str, input: Any) -> "StorefrontPageCreate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(storefront, "Storefront")
        changes = changes_from_input(input, exclude=frozenset())
        return payload(cls, lambda: {"page": services.create_page(viewer, pk, changes)})


class StorefrontPageUpdate(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = StorefrontPageInput(required=True)

    page = graphene.Field(StorefrontPage)
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "StorefrontPageUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "StorefrontPage")
        changes = changes_from_input(input, exclude=frozenset())
        return payload(cls, lambda: {"page": services.update_page(viewer, pk, changes)})


class StorefrontPageDelete(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    storefront = graphene.Field(Storefront, description="The storefront the page was on.")
    errors = graphene.List(graphene.NonNull(StorefrontError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> "StorefrontPageDelete":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "StorefrontPage")
        return payload(cls, lambda: {"storefront": services.delete_page(viewer, pk)})
