"""Saleor's catalogue enums (names and values as in Saleor 3.23)."""

from saleor_sandbox.graphql.core.enums import saleor_enum

AttributeInputTypeEnum = saleor_enum(
    "AttributeInputTypeEnum",
    [
        "DROPDOWN",
        "MULTISELECT",
        "REFERENCE",
        "SINGLE_REFERENCE",
        "NUMERIC",
        "RICH_TEXT",
        "PLAIN_TEXT",
        "BOOLEAN",
        "DATE",
        "DATE_TIME",
    ],
)
AttributeEntityTypeEnum = saleor_enum(
    "AttributeEntityTypeEnum", ["PAGE", "PRODUCT", "PRODUCT_VARIANT"]
)
AttributeTypeEnum = saleor_enum("AttributeTypeEnum", ["PRODUCT_TYPE", "PAGE_TYPE"])
ProductTypeKindEnum = saleor_enum("ProductTypeKindEnum", ["NORMAL", "GIFT_CARD"])
ProductMediaType = saleor_enum("ProductMediaType", ["IMAGE", "VIDEO"])
ThumbnailFormatEnum = saleor_enum("ThumbnailFormatEnum", ["ORIGINAL", "AVIF", "WEBP"])
ProductAttributeType = saleor_enum("ProductAttributeType", ["PRODUCT", "VARIANT"])
OrderDirection = saleor_enum("OrderDirection", ["ASC", "DESC"])
StockAvailability = saleor_enum("StockAvailability", ["IN_STOCK", "OUT_OF_STOCK"])
ProductOrderField = saleor_enum(
    "ProductOrderField",
    [
        "NAME",
        "RANK",
        "PRICE",
        "MINIMAL_PRICE",
        "LAST_MODIFIED",
        "DATE",
        "TYPE",
        "PUBLISHED",
        "PUBLICATION_DATE",
        "PUBLISHED_AT",
        "LAST_MODIFIED_AT",
        "RATING",
        "CREATED_AT",
    ],
)
ProductVariantSortField = saleor_enum("ProductVariantSortField", ["LAST_MODIFIED_AT"])
PageSortField = saleor_enum(
    "PageSortField",
    ["TITLE", "SLUG", "CREATION_DATE", "PUBLICATION_DATE", "PUBLISHED_AT", "CREATED_AT"],
)
PageTypeSortField = saleor_enum("PageTypeSortField", ["NAME", "SLUG"])
AttributeSortField = saleor_enum(
    "AttributeSortField", ["NAME", "SLUG", "VALUE_REQUIRED", "VISIBLE_IN_STOREFRONT"]
)
CategorySortField = saleor_enum("CategorySortField", ["NAME"])
CollectionSortField = saleor_enum("CollectionSortField", ["NAME"])
ProductTypeSortField = saleor_enum("ProductTypeSortField", ["NAME", "SHIPPING_REQUIRED"])
WarehouseSortField = saleor_enum("WarehouseSortField", ["NAME"])

ProductErrorCode = saleor_enum(
    "ProductErrorCode",
    [
        "ALREADY_EXISTS",
        "ATTRIBUTE_ALREADY_ASSIGNED",
        "ATTRIBUTE_CANNOT_BE_ASSIGNED",
        "ATTRIBUTE_VARIANTS_DISABLED",
        "MEDIA_ALREADY_ASSIGNED",
        "DUPLICATED_INPUT_ITEM",
        "GRAPHQL_ERROR",
        "INVALID",
        "INVALID_PRICE",
        "PRODUCT_WITHOUT_CATEGORY",
        "NOT_PRODUCTS_IMAGE",
        "NOT_PRODUCTS_VARIANT",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT",
        "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
        "UNSUPPORTED_MEDIA_PROVIDER",
        "INVALID_FILE_TYPE",
        "UNSUPPORTED_MIME_TYPE",
        "FILE_SIZE_LIMIT_EXCEEDED",
    ],
)
PageErrorCode = saleor_enum(
    "PageErrorCode",
    [
        "GRAPHQL_ERROR",
        "INVALID",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "DUPLICATED_INPUT_ITEM",
        "ATTRIBUTE_ALREADY_ASSIGNED",
    ],
)
AttributeErrorCode = saleor_enum(
    "AttributeErrorCode",
    ["ALREADY_EXISTS", "GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE"],
)
CollectionErrorCode = saleor_enum(
    "CollectionErrorCode",
    ["DUPLICATED_INPUT_ITEM", "GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE"],
)
