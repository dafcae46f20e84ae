"""Saleor's catalogue input types (a subset of their fields, same names and types)."""

import graphene

from saleor_sandbox.graphql.catalogue.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeSortField,
    AttributeTypeEnum,
    CategorySortField,
    CollectionSortField,
    OrderDirection,
    PageSortField,
    PageTypeSortField,
    ProductAttributeType,
    ProductOrderField,
    ProductTypeKindEnum,
    ProductTypeSortField,
    ProductVariantSortField,
    StockAvailability,
    WarehouseSortField,
)
from saleor_sandbox.graphql.core.metadata import MetadataInput
from saleor_sandbox.graphql.core.scalars import PositiveDecimal, Upload, WeightScalar


class MetadataFilter(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String()


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class ContainsFilterInput(graphene.InputObjectType):
    contains_any = graphene.List(graphene.NonNull(graphene.String))
    contains_all = graphene.List(graphene.NonNull(graphene.String))


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    referenced_ids = graphene.Field(ContainsFilterInput)
    page_slugs = graphene.Field(ContainsFilterInput)
    product_slugs = graphene.Field(ContainsFilterInput)
    product_variant_skus = graphene.Field(ContainsFilterInput)


class AssignedAttributeValueInput(graphene.InputObjectType):
    slug = graphene.Field(StringFilterInput)
    name = graphene.Field(StringFilterInput)
    boolean = graphene.Boolean()
    reference = graphene.Field(AssignedAttributeReferenceInput)


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String()
    value = graphene.Field(AssignedAttributeValueInput)
    values = graphene.List(graphene.NonNull(graphene.String))
    boolean = graphene.Boolean()


class AssignedAttributeWhereInput(graphene.InputObjectType):
    slug = graphene.String()
    value = graphene.Field(AssignedAttributeValueInput)


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float()
    lte = graphene.Float()


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(graphene.NonNull(graphene.ID))
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = StockAvailability()
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_visible_in_listing = graphene.Boolean()
    price = graphene.Field(PriceRangeInput)
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String()


class ProductWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    is_published = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = StockAvailability()
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput))
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput))


class ProductOrder(graphene.InputObjectType):
    direction = OrderDirection(required=True)
    channel = graphene.String()
    attribute_id = graphene.ID()
    field = ProductOrderField()


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))


class ProductVariantWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    sku = graphene.Field(StringFilterInput)
    attributes = graphene.List(graphene.NonNull(AssignedAttributeWhereInput))


class ProductVariantSortingInput(graphene.InputObjectType):
    direction = OrderDirection(required=True)
    field = ProductVariantSortField(required=True)


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class PageWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = graphene.Field(StringFilterInput)
    page_type = graphene.Field(GlobalIDFilterInput)
    attributes = graphene.List(graphene.NonNull(AssignedAttributeWhereInput))


def sorting_input(name: str, field_enum: type[graphene.Enum], with_channel: bool = False) -> type:
    fields = {"direction": OrderDirection(required=True), "field": field_enum(required=True)}
    if with_channel:
        fields["channel"] = graphene.String()
    return type(name, (graphene.InputObjectType,), fields)


PageSortingInput = sorting_input("PageSortingInput", PageSortField)
PageTypeSortingInput = sorting_input("PageTypeSortingInput", PageTypeSortField)
AttributeSortingInput = sorting_input("AttributeSortingInput", AttributeSortField)
CategorySortingInput = sorting_input("CategorySortingInput", CategorySortField, True)
CollectionSortingInput = sorting_input("CollectionSortingInput", CollectionSortField, True)
ProductTypeSortingInput = sorting_input("ProductTypeSortingInput", ProductTypeSortField)
WarehouseSortingInput = sorting_input("WarehouseSortingInput", WarehouseSortField)


class PageTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    type = AttributeTypeEnum()
    slugs = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class CollectionFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String()


class ProductTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    kind = ProductTypeKindEnum()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class WarehouseFilterInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    channels = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


# Mutation inputs


class SeoInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID()
    external_reference = graphene.String()
    value = graphene.String()


class AttributeValueInput(graphene.InputObjectType):
    id = graphene.ID()
    values = graphene.List(graphene.NonNull(graphene.String))
    dropdown = graphene.Field(AttributeValueSelectableTypeInput)
    multiselect = graphene.List(graphene.NonNull(AttributeValueSelectableTypeInput))
    numeric = graphene.String()
    reference = graphene.ID()
    references = graphene.List(graphene.NonNull(graphene.ID))
    rich_text = graphene.JSONString()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()


def _product_fields() -> dict[str, object]:
    return {
        "attributes": graphene.List(graphene.NonNull(AttributeValueInput)),
        "category": graphene.ID(),
        "collections": graphene.List(graphene.NonNull(graphene.ID)),
        "description": graphene.JSONString(),
        "name": graphene.String(),
        "slug": graphene.String(),
        "seo": graphene.Field(SeoInput),
        "weight": WeightScalar(),
        "rating": graphene.Float(),
        "metadata": graphene.List(graphene.NonNull(MetadataInput)),
        "private_metadata": graphene.List(graphene.NonNull(MetadataInput)),
        "external_reference": graphene.String(),
    }


ProductInput = type("ProductInput", (graphene.InputObjectType,), _product_fields())
ProductCreateInput = type(
    "ProductCreateInput",
    (graphene.InputObjectType,),
    {**_product_fields(), "product_type": graphene.ID(required=True)},
)


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


def _variant_fields() -> dict[str, object]:
    return {
        "sku": graphene.String(),
        "name": graphene.String(),
        "track_inventory": graphene.Boolean(),
        "weight": WeightScalar(),
        "quantity_limit_per_customer": graphene.Int(),
        "metadata": graphene.List(graphene.NonNull(MetadataInput)),
        "private_metadata": graphene.List(graphene.NonNull(MetadataInput)),
        "external_reference": graphene.String(),
    }


ProductVariantInput = type(
    "ProductVariantInput",
    (graphene.InputObjectType,),
    {**_variant_fields(), "attributes": graphene.List(graphene.NonNull(AttributeValueInput))},
)
ProductVariantCreateInput = type(
    "ProductVariantCreateInput",
    (graphene.InputObjectType,),
    {
        **_variant_fields(),
        "attributes": graphene.List(graphene.NonNull(AttributeValueInput), required=True),
        "product": graphene.ID(required=True),
        "stocks": graphene.List(graphene.NonNull(StockInput)),
    },
)


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    published_at = graphene.DateTime()
    visible_in_listings = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()
    add_variants = graphene.List(graphene.NonNull(graphene.ID))
    remove_variants = graphene.List(graphene.NonNull(graphene.ID))


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ProductChannelListingAddInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = PositiveDecimal(required=True)
    cost_price = PositiveDecimal()
    prior_price = PositiveDecimal()


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String()
    image = Upload()
    product = graphene.ID(required=True)
    media_url = graphene.String()


class ProductMediaUpdateInput(graphene.InputObjectType):
    alt = graphene.String()


def _page_fields() -> dict[str, object]:
    return {
        "slug": graphene.String(),
        "title": graphene.String(),
        "content": graphene.JSONString(),
        "attributes": graphene.List(graphene.NonNull(AttributeValueInput)),
        "is_published": graphene.Boolean(),
        "published_at": graphene.DateTime(),
        "seo": graphene.Field(SeoInput),
    }


PageInput = type("PageInput", (graphene.InputObjectType,), _page_fields())
PageCreateInput = type(
    "PageCreateInput",
    (graphene.InputObjectType,),
    {**_page_fields(), "page_type": graphene.ID(required=True)},
)


class PageTypeCreateInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    add_attributes = graphene.List(graphene.NonNull(graphene.ID))


class AttributeValueCreateInput(graphene.InputObjectType):
    value = graphene.String()
    plain_text = graphene.String()
    name = graphene.String(required=True)


class AttributeCreateInput(graphene.InputObjectType):
    input_type = AttributeInputTypeEnum()
    entity_type = AttributeEntityTypeEnum()
    name = graphene.String(required=True)
    slug = graphene.String()
    type = AttributeTypeEnum(required=True)
    values = graphene.List(graphene.NonNull(AttributeValueCreateInput))
    value_required = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    filterable_in_storefront = graphene.Boolean()
    reference_types = graphene.List(graphene.NonNull(graphene.ID))


class ProductTypeInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    kind = ProductTypeKindEnum()
    has_variants = graphene.Boolean()
    product_attributes = graphene.List(graphene.NonNull(graphene.ID))
    variant_attributes = graphene.List(graphene.NonNull(graphene.ID))
    is_shipping_required = graphene.Boolean()


class CategoryInput(graphene.InputObjectType):
    description = graphene.JSONString()
    name = graphene.String()
    slug = graphene.String()
    seo = graphene.Field(SeoInput)
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))


class CollectionCreateInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    description = graphene.JSONString()
    seo = graphene.Field(SeoInput)
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    products = graphene.List(graphene.NonNull(graphene.ID))


class ProductAttributeAssignInput(graphene.InputObjectType):
    id = graphene.ID(required=True)
    type = ProductAttributeType(required=True)
    variant_selection = graphene.Boolean()
