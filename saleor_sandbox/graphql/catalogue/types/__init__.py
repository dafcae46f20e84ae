"""Catalogue types, with Saleor's names and fields (a subset)."""

from saleor_sandbox.graphql.catalogue.types.attributes import (
    Attribute,
    AttributeValue,
    AttributeValueCountableConnection,
    SelectedAttribute,
)
from saleor_sandbox.graphql.catalogue.types.listings import (
    Image,
    ProductChannelListing,
    ProductMedia,
    ProductVariantChannelListing,
    Stock,
    Weight,
)
from saleor_sandbox.graphql.catalogue.types.products import (
    Product,
    ProductCountableConnection,
    ProductPricingInfo,
    ProductVariant,
    ProductVariantCountableConnection,
    VariantPricingInfo,
)
from saleor_sandbox.graphql.catalogue.types.structure import (
    Category,
    CategoryCountableConnection,
    Collection,
    CollectionCountableConnection,
    Page,
    PageCountableConnection,
    PageType,
    PageTypeCountableConnection,
    ProductType,
    ProductTypeCountableConnection,
    ReferenceType,
)

__all__ = [
    "Attribute",
    "AttributeValue",
    "AttributeValueCountableConnection",
    "Category",
    "CategoryCountableConnection",
    "Collection",
    "CollectionCountableConnection",
    "Image",
    "Page",
    "PageCountableConnection",
    "PageType",
    "PageTypeCountableConnection",
    "Product",
    "ProductChannelListing",
    "ProductCountableConnection",
    "ProductMedia",
    "ProductPricingInfo",
    "ProductType",
    "ProductTypeCountableConnection",
    "ProductVariant",
    "ProductVariantChannelListing",
    "ProductVariantCountableConnection",
    "ReferenceType",
    "SelectedAttribute",
    "Stock",
    "VariantPricingInfo",
    "Weight",
]
