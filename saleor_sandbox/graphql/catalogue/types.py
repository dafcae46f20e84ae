"""Catalogue types. (Minimal for now: the catalogue work extends these.)"""

import graphene

from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import Page as PageModel
from saleor_sandbox.models import Product as ProductModel
from saleor_sandbox.models import ProductVariant as ProductVariantModel


class Product(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductModel)


class ProductVariant(graphene.ObjectType):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field(Product, required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductVariantModel)


class Page(graphene.ObjectType):
    title = graphene.String(required=True)
    slug = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, PageModel)


register_node("Product", ProductModel, "MANAGE_PRODUCTS")
register_node("ProductVariant", ProductVariantModel, "MANAGE_PRODUCTS")
register_node("Page", PageModel, "MANAGE_PAGES")
