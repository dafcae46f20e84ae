"""The catalogue's root queries, with Saleor's arguments and visibility rules."""

from typing import Any

import graphene

from saleor_sandbox.errors import GraphQLError
from saleor_sandbox.graphql.catalogue import types
from saleor_sandbox.graphql.catalogue.context import all_in_channel, in_channel, requested_fields
from saleor_sandbox.graphql.catalogue.filters import (
    attribute_filter,
    check_one_filter,
    global_id_q,
    pks,
    simple_filter,
    simple_sort,
    string_q,
)
from saleor_sandbox.graphql.catalogue.inputs import (
    AttributeFilterInput,
    AttributeSortingInput,
    CategoryFilterInput,
    CategorySortingInput,
    CollectionFilterInput,
    CollectionSortingInput,
    PageFilterInput,
    PageSortingInput,
    PageTypeFilterInput,
    PageTypeSortingInput,
    PageWhereInput,
    ProductTypeFilterInput,
    ProductTypeSortingInput,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
    WarehouseFilterInput,
    WarehouseSortingInput,
)
from saleor_sandbox.graphql.catalogue.resolvers import (
    resolve_product,
    resolve_products,
    resolve_variant,
    resolve_variants,
)
from saleor_sandbox.graphql.catalogue.types.structure import product_connection_args
from saleor_sandbox.graphql.channels.types import Warehouse
from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.models import Attribute as AttributeModel
from saleor_sandbox.models import Category as CategoryModel
from saleor_sandbox.models import PageType as PageTypeModel
from saleor_sandbox.models import ProductType as ProductTypeModel
from saleor_sandbox.models import Warehouse as WarehouseModel
from saleor_sandbox.permissions import permission_required
from saleor_sandbox.services.catalogue_common import enum_value
from saleor_sandbox.services.catalogue_visibility import (
    default_channel,
    sees_all_products,
    visible_collections,
    visible_pages,
)

WarehouseCountableConnection = countable_connection(Warehouse)
AttributeCountableConnection = countable_connection(types.Attribute)
PAGE_PREFETCH = (
    "page_type__attributes",
    "attribute_values__value__attribute",
    "attribute_values__attribute",
)


def one_of(**arguments: Any) -> None:
    given = [name for name, value in arguments.items() if value is not None]
    if len(given) != 1:
        names = ", ".join(f"'{name}'" for name in arguments)
        raise GraphQLError(
            f"Argument {names} is required."
            if not given
            else f"Argument {names} cannot be combined."
        )


def _pk(global_id: str, type_name: str) -> str:
    return from_global_id(global_id, type_name)[1]


class CatalogueQueries(graphene.ObjectType):
    product = graphene.Field(
        types.Product,
        id=graphene.ID(),
        slug=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
    )
    products = graphene.Field(types.ProductCountableConnection, **product_connection_args())
    product_variant = graphene.Field(
        types.ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
    )
    product_variants = graphene.Field(
        types.ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=ProductVariantFilterInput(),
        where=ProductVariantWhereInput(),
        search=graphene.String(),
        sort_by=ProductVariantSortingInput(),
        **connection_args(),
    )
    categories = graphene.Field(
        types.CategoryCountableConnection,
        filter=CategoryFilterInput(),
        sort_by=CategorySortingInput(),
        level=graphene.Int(),
        **connection_args(),
    )
    category = graphene.Field(types.Category, id=graphene.ID(), slug=graphene.String())
    collections = graphene.Field(
        types.CollectionCountableConnection,
        filter=CollectionFilterInput(),
        sort_by=CollectionSortingInput(),
        channel=graphene.String(),
        **connection_args(),
    )
    collection = graphene.Field(
        types.Collection, id=graphene.ID(), slug=graphene.String(), channel=graphene.String()
    )
    attributes = graphene.Field(
        AttributeCountableConnection,
        filter=AttributeFilterInput(),
        search=graphene.String(),
        sort_by=AttributeSortingInput(),
        channel=graphene.String(),
        **connection_args(),
    )
    attribute = graphene.Field(
        types.Attribute,
        id=graphene.ID(),
        slug=graphene.String(),
        external_reference=graphene.String(),
    )
    pages = graphene.Field(
        types.PageCountableConnection,
        sort_by=PageSortingInput(),
        filter=PageFilterInput(),
        search=graphene.String(),
        where=PageWhereInput(),
        channel=graphene.String(),
        **connection_args(),
    )
    page = graphene.Field(
        types.Page, id=graphene.ID(), slug=graphene.String(), channel=graphene.String()
    )
    page_type = graphene.Field(types.PageType, id=graphene.ID(required=True))
    page_types = graphene.Field(
        types.PageTypeCountableConnection,
        sort_by=PageTypeSortingInput(),
        filter=PageTypeFilterInput(),
        **connection_args(),
    )
    product_type = graphene.Field(types.ProductType, id=graphene.ID(required=True))
    product_types = graphene.Field(
        types.ProductTypeCountableConnection,
        filter=ProductTypeFilterInput(),
        sort_by=ProductTypeSortingInput(),
        **connection_args(),
    )
    warehouse = graphene.Field(Warehouse, id=graphene.ID(), external_reference=graphene.String())
    warehouses = graphene.Field(
        WarehouseCountableConnection,
        filter=WarehouseFilterInput(),
        sort_by=WarehouseSortingInput(),
        **connection_args(),
    )

    @staticmethod
    def resolve_product(
        _root: Any,
        info: Any,
        id: str | None = None,
        slug: str | None = None,
        external_reference: str | None = None,
        channel: str | None = None,
    ) -> Any:
        one_of(id=id, slug=slug, external_reference=external_reference)
        if id is not None:
            lookup: dict[str, Any] = {"pk": _pk(id, "Product")}
        elif slug is not None:
            lookup = {"slug": slug}
        else:
            lookup = {"external_reference": external_reference}
        return resolve_product(info, channel, lookup)

    @staticmethod
    def resolve_products(_root: Any, info: Any, **kwargs: Any) -> Any:
        return resolve_products(info, "products", **kwargs)

    @staticmethod
    def resolve_product_variant(
        _root: Any,
        info: Any,
        id: str | None = None,
        sku: str | None = None,
        external_reference: str | None = None,
        channel: str | None = None,
    ) -> Any:
        one_of(id=id, sku=sku, external_reference=external_reference)
        if id is not None:
            lookup: dict[str, Any] = {"pk": _pk(id, "ProductVariant")}
        elif sku is not None:
            lookup = {"sku": sku}
        else:
            lookup = {"external_reference": external_reference}
        return resolve_variant(info, channel, lookup)

    @staticmethod
    def resolve_product_variants(_root: Any, info: Any, **kwargs: Any) -> Any:
        return resolve_variants(info, **kwargs)

    @staticmethod
    def resolve_categories(
        _root: Any,
        info: Any,
        filter: Any = None,
        sort_by: Any = None,
        level: int | None = None,
        **kwargs: Any,
    ) -> Any:
        categories = CategoryModel.objects.select_related("parent").order_by("slug", "pk")
        if level == 0:
            categories = categories.filter(parent__isnull=True)
        elif level is not None:
            categories = categories.filter(parent__isnull=False)
        categories = simple_filter(categories, filter, "Category", ("name", "slug"))
        categories = simple_sort(categories, sort_by, {"NAME": "name"})
        if "translation" in requested_fields(info):
            categories = categories.prefetch_related("translations")
        return paginate(categories, types.CategoryCountableConnection, "categories", **kwargs)

    @staticmethod
    def resolve_category(
        _root: Any, _info: Any, id: str | None = None, slug: str | None = None
    ) -> Any:
        one_of(id=id, slug=slug)
        if id is not None:
            return CategoryModel.objects.filter(pk=_pk(id, "Category")).first()
        return CategoryModel.objects.filter(slug=slug).first()

    @staticmethod
    def resolve_collections(
        _root: Any,
        info: Any,
        filter: Any = None,
        sort_by: Any = None,
        channel: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if channel is None and not sees_all_products(info.context):
            channel = default_channel().slug
        collections = visible_collections(info.context, channel).distinct().order_by("slug", "pk")
        collections = simple_filter(collections, filter, "Collection", ("name", "slug"))
        collections = simple_sort(collections, sort_by, {"NAME": "name"})
        if "translation" in requested_fields(info):
            collections = collections.prefetch_related("translations")
        connection = paginate(
            collections, types.CollectionCountableConnection, "collections", **kwargs
        )
        all_in_channel([edge.node for edge in connection.edges], channel)
        return connection

    @staticmethod
    def resolve_collection(
        _root: Any,
        info: Any,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
    ) -> Any:
        one_of(id=id, slug=slug)
        if channel is None and not sees_all_products(info.context):
            channel = default_channel().slug
        collections = visible_collections(info.context, channel)
        lookup = {"pk": _pk(id, "Collection")} if id is not None else {"slug": slug}
        return in_channel(collections.filter(**lookup).first(), channel)

    @staticmethod
    def resolve_attributes(
        _root: Any,
        _info: Any,
        filter: Any = None,
        search: str | None = None,
        sort_by: Any = None,
        channel: str | None = None,
        **kwargs: Any,
    ) -> Any:
        attributes = AttributeModel.objects.prefetch_related("reference_page_types").order_by(
            "slug", "pk"
        )
        attributes = simple_filter(attributes, filter, "Attribute", ("name", "slug"))
        if filter and filter.get("type"):
            attributes = attributes.filter(
                type=str(enum_value(filter["type"])).lower().replace("_", "-")
            )
        if search:
            attributes = simple_filter(
                attributes, {"search": search}, "Attribute", ("name", "slug")
            )
        attributes = simple_sort(
            attributes,
            sort_by,
            {
                "NAME": "name",
                "SLUG": "slug",
                "VALUE_REQUIRED": "value_required",
                "VISIBLE_IN_STOREFRONT": "visible_in_storefront",
            },
        )
        return paginate(attributes, AttributeCountableConnection, "attributes", **kwargs)

    @staticmethod
    def resolve_attribute(
        _root: Any,
        _info: Any,
        id: str | None = None,
        slug: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        one_of(id=id, slug=slug, external_reference=external_reference)
        if id is not None:
            return AttributeModel.objects.filter(pk=_pk(id, "Attribute")).first()
        if slug is not None:
            return AttributeModel.objects.filter(slug=slug).first()
        return None

    @staticmethod
    def resolve_pages(
        _root: Any,
        info: Any,
        sort_by: Any = None,
        filter: Any = None,
        search: str | None = None,
        where: Any = None,
        channel: str | None = None,
        **kwargs: Any,
    ) -> Any:
        check_one_filter({"filter": filter, "where": where})
        pages = visible_pages(info.context).select_related("page_type").order_by("slug", "pk")
        pages = simple_filter(pages, filter, "Page", ("title", "slug"))
        if filter and filter.get("page_types"):
            pages = pages.filter(page_type_id__in=pks(filter["page_types"], "PageType"))
        if search:
            pages = simple_filter(pages, {"search": search}, "Page", ("title", "slug"))
        if where:
            if where.get("ids") is not None:
                pages = pages.filter(pk__in=pks(where["ids"], "Page"))
            if where.get("slug"):
                pages = pages.filter(string_q("slug", where["slug"]))
            if where.get("page_type"):
                pages = pages.filter(global_id_q("page_type_id", where["page_type"], "PageType"))
            if where.get("attributes"):
                pages = attribute_filter(pages, where["attributes"], "page")
        pages = simple_sort(
            pages,
            sort_by,
            {
                "TITLE": "title",
                "SLUG": "slug",
                "CREATION_DATE": "created",
                "CREATED_AT": "created",
                "PUBLICATION_DATE": "published_at",
                "PUBLISHED_AT": "published_at",
            },
        )
        pages = pages.prefetch_related(*PAGE_PREFETCH)
        return paginate(pages, types.PageCountableConnection, "pages", **kwargs)

    @staticmethod
    def resolve_page(
        _root: Any,
        info: Any,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
    ) -> Any:
        one_of(id=id, slug=slug)
        lookup = {"pk": _pk(id, "Page")} if id is not None else {"slug": slug}
        return visible_pages(info.context).prefetch_related(*PAGE_PREFETCH).filter(**lookup).first()

    @staticmethod
    def resolve_page_type(_root: Any, _info: Any, id: str) -> Any:
        return PageTypeModel.objects.filter(pk=_pk(id, "PageType")).first()

    @staticmethod
    def resolve_page_types(
        _root: Any, _info: Any, sort_by: Any = None, filter: Any = None, **kwargs: Any
    ) -> Any:
        page_types = PageTypeModel.objects.prefetch_related("attributes").order_by("slug", "pk")
        page_types = simple_filter(page_types, filter, "PageType", ("name", "slug"))
        page_types = simple_sort(page_types, sort_by, {"NAME": "name", "SLUG": "slug"})
        return paginate(page_types, types.PageTypeCountableConnection, "pageTypes", **kwargs)

    @staticmethod
    def resolve_product_type(_root: Any, _info: Any, id: str) -> Any:
        return ProductTypeModel.objects.filter(pk=_pk(id, "ProductType")).first()

    @staticmethod
    def resolve_product_types(
        _root: Any, _info: Any, filter: Any = None, sort_by: Any = None, **kwargs: Any
    ) -> Any:
        product_types = ProductTypeModel.objects.prefetch_related(
            "product_attributes", "variant_attributes"
        ).order_by("slug", "pk")
        product_types = simple_filter(product_types, filter, "ProductType", ("name", "slug"))
        if filter and filter.get("kind"):
            product_types = product_types.filter(kind=str(enum_value(filter["kind"])))
        product_types = simple_sort(
            product_types, sort_by, {"NAME": "name", "SHIPPING_REQUIRED": "is_shipping_required"}
        )
        return paginate(
            product_types, types.ProductTypeCountableConnection, "productTypes", **kwargs
        )

    @staticmethod
    @permission_required("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SHIPPING")
    def resolve_warehouse(
        _root: Any, _info: Any, id: str | None = None, external_reference: str | None = None
    ) -> Any:
        one_of(id=id, external_reference=external_reference)
        if id is None:
            return None
        return WarehouseModel.objects.filter(pk=_pk(id, "Warehouse")).first()

    @staticmethod
    @permission_required("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SHIPPING")
    def resolve_warehouses(
        _root: Any, _info: Any, filter: Any = None, sort_by: Any = None, **kwargs: Any
    ) -> Any:
        warehouses = WarehouseModel.objects.order_by("slug", "pk")
        warehouses = simple_filter(warehouses, filter, "Warehouse", ("name", "slug", "city"))
        if filter and filter.get("channels"):
            warehouses = warehouses.filter(
                channels__in=pks(filter["channels"], "Channel")
            ).distinct()
        warehouses = simple_sort(warehouses, sort_by, {"NAME": "name"})
        return paginate(warehouses, WarehouseCountableConnection, "warehouses", **kwargs)
