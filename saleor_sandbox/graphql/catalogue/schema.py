import graphene

from saleor_sandbox.graphql.catalogue import types  # noqa: F401  (registers node kinds)
from saleor_sandbox.graphql.catalogue.queries import CatalogueQueries

__all__ = ["CatalogueMutations", "CatalogueQueries"]


class CatalogueMutations(graphene.ObjectType):
    pass
