"""Error types and the base of catalogue mutations (their deprecated `<x>Errors` field
repeats `errors`, as in Saleor)."""

import graphene

from saleor_sandbox.graphql.catalogue.enums import (
    AttributeErrorCode,
    CollectionErrorCode,
    PageErrorCode,
    ProductErrorCode,
)
from saleor_sandbox.graphql.core.mutations import SaleorMutation


class ProductError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = ProductErrorCode(required=True)
    attributes = graphene.List(graphene.NonNull(graphene.ID))
    values = graphene.List(graphene.NonNull(graphene.ID))


class ProductChannelListingError(ProductError):
    channels = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))


class BulkStockError(ProductError):
    index = graphene.Int()


class PageError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = PageErrorCode(required=True)
    attributes = graphene.List(graphene.NonNull(graphene.ID))
    values = graphene.List(graphene.NonNull(graphene.ID))


class AttributeError_(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = AttributeErrorCode(required=True)

    class Meta:
        name = "AttributeError"


class CollectionError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    products = graphene.List(graphene.NonNull(graphene.ID))
    code = CollectionErrorCode(required=True)


def legacy_errors(error_type: type[graphene.ObjectType]) -> graphene.List:
    return graphene.List(
        graphene.NonNull(error_type),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )


class CatalogueMutation(SaleorMutation):
    class Meta:
        abstract = True

    legacy_errors_attribute = "product_errors"
