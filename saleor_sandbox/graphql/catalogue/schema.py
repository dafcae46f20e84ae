import graphene

from saleor_sandbox.graphql.catalogue import types  # noqa: F401  (registers node kinds)


class CatalogueQueries(graphene.ObjectType):
    pass


class CatalogueMutations(graphene.ObjectType):
    pass
