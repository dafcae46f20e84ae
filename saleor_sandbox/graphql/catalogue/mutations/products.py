from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.inputs import (
    ProductChannelListingUpdateInput,
    ProductCreateInput,
    ProductInput,
)
from saleor_sandbox.graphql.catalogue.mutations.base import (
    CatalogueMutation,
    ProductChannelListingError,
    ProductError,
    legacy_errors,
)
from saleor_sandbox.graphql.catalogue.types import Product
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.services import catalogue_products


class ProductCreate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        input = ProductCreateInput(required=True)

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"product": catalogue_products.create_product(arguments["input"], info.context)}


class ProductUpdate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        input = ProductInput(required=True)

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product = catalogue_products.get_product(
            arguments.get("id"), arguments.get("external_reference")
        )
        updated = catalogue_products.update_product(product, arguments["input"], info.context)
        return {"product": updated}


class ProductDelete(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product = catalogue_products.get_product(
            arguments.get("id"), arguments.get("external_reference")
        )
        return {"product": catalogue_products.delete_product(product, info.context)}


class ProductChannelListingUpdate(CatalogueMutation):
    product = graphene.Field(Product)
    product_channel_listing_errors = legacy_errors(ProductChannelListingError)
    errors = errors_field(ProductChannelListingError)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    error_type = ProductChannelListingError
    permissions = ("MANAGE_PRODUCTS",)
    legacy_errors_attribute = "product_channel_listing_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product = catalogue_products.get_product(arguments["id"], None)
        updated = catalogue_products.update_product_channel_listings(
            product, arguments["input"], info.context
        )
        return {"product": updated}
