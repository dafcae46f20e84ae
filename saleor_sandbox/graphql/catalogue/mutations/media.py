"""productMediaCreate (an uploaded image in a multipart request, or an external URL),
productMediaUpdate, productMediaDelete and productMediaReorder, as Saleor's."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.inputs import ProductMediaCreateInput, ProductMediaUpdateInput
from saleor_sandbox.graphql.catalogue.mutations.base import (
    CatalogueMutation,
    ProductError,
    legacy_errors,
)
from saleor_sandbox.graphql.catalogue.types import Product, ProductMedia
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.services import catalogue_media


class ProductMediaMutation(CatalogueMutation):
    class Meta:
        abstract = True

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)


class ProductMediaCreate(ProductMediaMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        request = info.context.request
        product, media = catalogue_media.create_product_media(
            arguments["input"], request.FILES if request is not None else None, info.context
        )
        return {"product": product, "media": media}


class ProductMediaUpdate(ProductMediaMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductMediaUpdateInput(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product, media = catalogue_media.update_product_media(
            arguments["id"], arguments["input"], info.context
        )
        return {"product": product, "media": media}


class ProductMediaDelete(ProductMediaMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product, media = catalogue_media.delete_product_media(arguments["id"], info.context)
        return {"product": product, "media": media}


class ProductMediaReorder(ProductMediaMutation):
    product = graphene.Field(Product)
    media = graphene.List(graphene.NonNull(ProductMedia))
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        media_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)
        product_id = graphene.ID(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product, media = catalogue_media.reorder_product_media(
            arguments["product_id"], arguments["media_ids"], info.context
        )
        return {"product": product, "media": media}
