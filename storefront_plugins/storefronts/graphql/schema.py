from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.pagination import paginate
from storefront_plugins.storefronts import services
from storefront_plugins.storefronts.graphql.mutations.pages import (
    StorefrontPageCreate,
    StorefrontPageDelete,
    StorefrontPageUpdate,
)
from storefront_plugins.storefronts.graphql.mutations.storefronts import (
    StorefrontCreate,
    StorefrontPublish,
    StorefrontUpdate,
)
from storefront_plugins.storefronts.graphql.types import Storefront, StorefrontCountableConnection
from storefront_plugins.storefronts.models import Storefront as StorefrontModel


class Query(graphene.ObjectType):
    storefront = graphene.Field(
        Storefront,
        slug=graphene.String(),
        domain=graphene.String(),
        description="A storefront by slug or by its own domain (exactly one of the two): "
        "published, or one you edit.",
    )
    storefronts = graphene.relay.ConnectionField(
        StorefrontCountableConnection,
        search=graphene.String(
            description="In names and taglines, and the cooperatives' names, cities, regions "
            "and crafts."
        ),
        description="The marketplace: published storefronts, by name.",
    )

    @staticmethod
    def resolve_storefront(
        root: Any, info: Any, slug: str | None = None, domain: str | None = None
    ) -> StorefrontModel | None:
        if (slug is None) == (domain is None):
            raise GraphQLError("Provide exactly one of `slug` or `domain`.")
        return services.find_storefront(viewer_of(info), slug=slug, domain=domain)

    @staticmethod
    def resolve_storefronts(root: Any, info: Any, search: str | None = None, **args: Any) -> Any:
        storefronts = services.marketplace(search, context_of(info).language)
        return paginate(storefronts, args, StorefrontCountableConnection)


class Mutation(graphene.ObjectType):
    storefront_create = StorefrontCreate.Field()
    storefront_update = StorefrontUpdate.Field()
    storefront_publish = StorefrontPublish.Field()
    storefront_page_create = StorefrontPageCreate.Field()
    storefront_page_update = StorefrontPageUpdate.Field()
    storefront_page_delete = StorefrontPageDelete.Field()
