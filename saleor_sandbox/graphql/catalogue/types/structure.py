"""Category, Collection, ProductType, PageType and Page."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.context import channel_of
from saleor_sandbox.graphql.catalogue.enums import ProductTypeKindEnum
from saleor_sandbox.graphql.catalogue.inputs import (
    ProductFilterInput,
    ProductOrder,
    ProductWhereInput,
)
from saleor_sandbox.graphql.catalogue.types.attributes import (
    Attribute,
    SelectedAttribute,
    SelectedAttributeData,
    selected_attributes,
)
from saleor_sandbox.graphql.catalogue.types.listings import Weight
from saleor_sandbox.graphql.catalogue.types.products import ProductCountableConnection
from saleor_sandbox.graphql.catalogue.types.translations import (
    CategoryTranslation,
    CollectionTranslation,
    translation_field,
)
from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import Category as CategoryModel
from saleor_sandbox.models import Collection as CollectionModel
from saleor_sandbox.models import Page as PageModel
from saleor_sandbox.models import PageType as PageTypeModel
from saleor_sandbox.models import ProductType as ProductTypeModel


def product_connection_args() -> dict[str, Any]:
    return {
        "filter": ProductFilterInput(),
        "where": ProductWhereInput(),
        "sort_by": ProductOrder(),
        "search": graphene.String(),
        "channel": graphene.String(),
        **connection_args(),
    }


class Category(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    updated_at = graphene.DateTime(required=True)
    products = graphene.Field(ProductCountableConnection, **product_connection_args())
    children = graphene.Field(lambda: _category_connection(), **connection_args())
    translation = translation_field(CategoryTranslation)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, CategoryModel)

    @staticmethod
    def resolve_level(root: CategoryModel, _info: Any) -> int:
        level, parent = 0, root.parent
        while parent is not None:
            level, parent = level + 1, parent.parent
        return level

    @staticmethod
    def resolve_products(root: CategoryModel, info: Any, **kwargs: Any) -> Any:
        from saleor_sandbox.graphql.catalogue.resolvers import resolve_products

        descendants, frontier = [root.pk], [root.pk]
        while frontier:
            frontier = list(
                CategoryModel.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            descendants += frontier
        return resolve_products(info, "products", {"category_id__in": descendants}, **kwargs)

    @staticmethod
    def resolve_children(root: CategoryModel, _info: Any, **kwargs: Any) -> Any:
        connection: Any = CategoryCountableConnection
        return paginate(root.children.all(), connection, "children", **kwargs)


CategoryCountableConnection = countable_connection(Category)


def _category_connection() -> Any:
    return CategoryCountableConnection


class Collection(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    channel = graphene.String()
    products = graphene.Field(
        ProductCountableConnection,
        **{k: v for k, v in product_connection_args().items() if k != "channel"},
    )
    translation = translation_field(CollectionTranslation)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, CollectionModel)

    @staticmethod
    def resolve_channel(root: CollectionModel, _info: Any) -> str | None:
        return channel_of(root)

    @staticmethod
    def resolve_products(root: CollectionModel, info: Any, **kwargs: Any) -> Any:
        from saleor_sandbox.graphql.catalogue.resolvers import resolve_products

        return resolve_products(
            info, "products", {"collections": root.pk}, channel=channel_of(root), **kwargs
        )


CollectionCountableConnection = countable_connection(Collection)


class ProductType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    is_digital = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    kind = ProductTypeKindEnum(required=True, resolver=lambda root, _info: root.kind)
    variant_attributes = graphene.List(graphene.NonNull(Attribute))
    product_attributes = graphene.List(graphene.NonNull(Attribute))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductTypeModel)

    @staticmethod
    def resolve_is_digital(root: ProductTypeModel, _info: Any) -> bool:
        return not root.is_shipping_required

    @staticmethod
    def resolve_weight(_root: ProductTypeModel, _info: Any) -> None:
        return None

    @staticmethod
    def resolve_variant_attributes(root: ProductTypeModel, _info: Any) -> list[Any]:
        return list(root.variant_attributes.all())

    @staticmethod
    def resolve_product_attributes(root: ProductTypeModel, _info: Any) -> list[Any]:
        return list(root.product_attributes.all())


ProductTypeCountableConnection = countable_connection(ProductType)


class PageType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    attributes = graphene.List(graphene.NonNull(Attribute))
    has_pages = graphene.Boolean()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, PageTypeModel)

    @staticmethod
    def resolve_attributes(root: PageTypeModel, _info: Any) -> list[Any]:
        return list(root.attributes.all())

    @staticmethod
    def resolve_has_pages(root: PageTypeModel, _info: Any) -> bool:
        return root.pages.exists()


PageTypeCountableConnection = countable_connection(PageType)


class ReferenceType(graphene.Union):
    class Meta:
        types = (ProductType, PageType)


class Page(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = graphene.JSONString()
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    page_type = graphene.Field(PageType, required=True)
    created = graphene.DateTime(required=True)
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, PageModel)

    @staticmethod
    def resolve_seo_title(root: PageModel, _info: Any) -> str | None:
        return root.seo_title or None

    @staticmethod
    def resolve_seo_description(root: PageModel, _info: Any) -> str | None:
        return root.seo_description or None

    @staticmethod
    def resolve_attribute(root: PageModel, info: Any, slug: str) -> Any:
        attributes = [a for a in root.page_type.attributes.all() if a.slug == slug]
        found = selected_attributes(info, root, attributes)
        return found[0] if found else None

    @staticmethod
    def resolve_attributes(root: PageModel, info: Any) -> list[SelectedAttributeData]:
        return selected_attributes(info, root, list(root.page_type.attributes.all()))


PageCountableConnection = countable_connection(Page)

register_node("Category", CategoryModel, "MANAGE_PRODUCTS")
register_node("Collection", CollectionModel, "MANAGE_PRODUCTS")
register_node("ProductType", ProductTypeModel, "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES")
register_node("PageType", PageTypeModel, "MANAGE_PAGE_TYPES_AND_ATTRIBUTES")
register_node("Page", PageModel, "MANAGE_PAGES")
