from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.inputs import (
    ProductVariantChannelListingAddInput,
    ProductVariantCreateInput,
    ProductVariantInput,
    StockInput,
)
from saleor_sandbox.graphql.catalogue.mutations.base import (
    BulkStockError,
    CatalogueMutation,
    ProductChannelListingError,
    ProductError,
    legacy_errors,
)
from saleor_sandbox.graphql.catalogue.types import ProductVariant
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.services import catalogue_variants


class ProductVariantCreate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        input = ProductVariantCreateInput(required=True)

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.create_variant(arguments["input"], info.context)
        return {"product_variant": variant}


class ProductVariantUpdate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        input = ProductVariantInput(required=True)
        sku = graphene.String()

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.get_variant(
            arguments.get("id"), arguments.get("sku"), arguments.get("external_reference")
        )
        updated = catalogue_variants.update_variant(variant, arguments["input"], info.context)
        return {"product_variant": updated}


class ProductVariantDelete(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        sku = graphene.String()

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.get_variant(
            arguments.get("id"), arguments.get("sku"), arguments.get("external_reference")
        )
        return {"product_variant": catalogue_variants.delete_variant(variant, info.context)}


class ProductVariantChannelListingUpdate(CatalogueMutation):
    variant = graphene.Field(ProductVariant)
    product_channel_listing_errors = legacy_errors(ProductChannelListingError)
    errors = errors_field(ProductChannelListingError)

    class Arguments:
        id = graphene.ID()
        input = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput), required=True)
        sku = graphene.String()

    error_type = ProductChannelListingError
    permissions = ("MANAGE_PRODUCTS",)
    legacy_errors_attribute = "product_channel_listing_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.get_variant(arguments.get("id"), arguments.get("sku"))
        updated = catalogue_variants.update_variant_channel_listings(
            variant, arguments["input"], info.context
        )
        return {"variant": updated}


class ProductVariantStocksUpdate(CatalogueMutation):
    product_variant = graphene.Field(ProductVariant)
    bulk_stock_errors = legacy_errors(BulkStockError)
    errors = errors_field(BulkStockError)

    class Arguments:
        sku = graphene.String()
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)
        variant_id = graphene.ID()

    error_type = BulkStockError
    permissions = ("MANAGE_PRODUCTS",)
    legacy_errors_attribute = "bulk_stock_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.get_variant(arguments.get("variant_id"), arguments.get("sku"))
        updated = catalogue_variants.update_variant_stocks(variant, arguments["stocks"])
        return {"product_variant": updated}


class ProductVariantStocksCreate(CatalogueMutation):
    product_variant = graphene.Field(ProductVariant)
    bulk_stock_errors = legacy_errors(BulkStockError)
    errors = errors_field(BulkStockError)

    class Arguments:
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)
        variant_id = graphene.ID(required=True)

    error_type = BulkStockError
    permissions = ("MANAGE_PRODUCTS",)
    legacy_errors_attribute = "bulk_stock_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_variants.get_variant(arguments["variant_id"])
        updated = catalogue_variants.create_variant_stocks(variant, arguments["stocks"])
        return {"product_variant": updated}
