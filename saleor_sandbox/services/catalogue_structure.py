"""What products hang on: attributes, product types, categories, collections."""

from typing import Any

from django.utils.text import slugify

from saleor_sandbox.errors import MutationError, MutationErrors
from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    PageType,
    Product,
    ProductType,
)
from saleor_sandbox.services.catalogue_common import (
    apply_metadata,
    check_slug,
    enum_value,
    get_node,
    get_nodes,
    unique_slug,
)

INPUT_TYPES = {
    "DROPDOWN": Attribute.InputType.DROPDOWN,
    "MULTISELECT": Attribute.InputType.MULTISELECT,
    "PLAIN_TEXT": Attribute.InputType.PLAIN_TEXT,
    "RICH_TEXT": Attribute.InputType.RICH_TEXT,
    "NUMERIC": Attribute.InputType.NUMERIC,
    "BOOLEAN": Attribute.InputType.BOOLEAN,
    "REFERENCE": Attribute.InputType.REFERENCE,
    "SINGLE_REFERENCE": Attribute.InputType.SINGLE_REFERENCE,
    "DATE": Attribute.InputType.DATE,
    "DATE_TIME": Attribute.InputType.DATE,
}
ENTITY_TYPES = {
    "PAGE": Attribute.EntityType.PAGE,
    "PRODUCT": Attribute.EntityType.PRODUCT,
    "PRODUCT_VARIANT": Attribute.EntityType.PRODUCT_VARIANT,
}
ATTRIBUTE_TYPES = {
    "PRODUCT_TYPE": Attribute.Type.PRODUCT_TYPE,
    "PAGE_TYPE": Attribute.Type.PAGE_TYPE,
}


def attribute_permission(attribute_type: str) -> str:
    return (
        "MANAGE_PAGE_TYPES_AND_ATTRIBUTES"
        if attribute_type == "PAGE_TYPE"
        else "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES"
    )


def create_attribute(data: dict[str, Any]) -> Attribute:
    name = (data.get("name") or "").strip()
    if not name:
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    slug = data.get("slug") or slugify(name)
    if not slug:
        raise MutationErrors([MutationError("slug", "REQUIRED", "This field is required.")])
    if Attribute.objects.filter(slug=slug).exists():
        raise MutationErrors(
            [MutationError("slug", "UNIQUE", "Attribute with this Slug already exists.")]
        )
    input_type = INPUT_TYPES[str(enum_value(data.get("input_type") or "DROPDOWN"))]
    entity = enum_value(data.get("entity_type"))
    references = data.get("reference_types") or []
    if input_type in {Attribute.InputType.REFERENCE, Attribute.InputType.SINGLE_REFERENCE}:
        if not entity:
            raise MutationErrors(
                [
                    MutationError(
                        "entityType",
                        "REQUIRED",
                        "Entity type is required when REFERENCE input type is used.",
                    )
                ]
            )
    elif references:
        raise MutationErrors(
            [
                MutationError(
                    "referenceTypes",
                    "INVALID",
                    "Reference types can only be set for REFERENCE or SINGLE_REFERENCE attributes.",
                )
            ]
        )
    page_types: list[PageType] = []
    if references:
        if entity != "PAGE":
            raise MutationErrors(
                [
                    MutationError(
                        "referenceTypes",
                        "INVALID",
                        "Reference types are only supported here for the PAGE entity type.",
                    )
                ]
            )
        page_types = get_nodes(references, "PageType", PageType, "referenceTypes")
    values = data.get("values") or []
    names = [value["name"] for value in values]
    if len({slugify(n) for n in names}) != len(names):
        raise MutationErrors(
            [MutationError("values", "DUPLICATED_INPUT_ITEM", "Provided values are not unique.")]
        )
    attribute = Attribute.objects.create(
        name=name,
        slug=slug,
        type=ATTRIBUTE_TYPES[str(enum_value(data["type"]))],
        input_type=input_type,
        entity_type=ENTITY_TYPES[str(enum_value(entity))] if entity else "",
        value_required=bool(data.get("value_required", False)),
        visible_in_storefront=data.get("visible_in_storefront", True) is not False,
        filterable_in_storefront=data.get("filterable_in_storefront", True) is not False,
    )
    attribute.reference_page_types.set(page_types)
    for position, value in enumerate(values):
        AttributeValue.objects.create(
            attribute=attribute,
            name=value["name"],
            slug=slugify(value["name"]),
            plain_text=value.get("plain_text") or "",
            sort_order=position,
        )
    return attribute


def create_product_type(data: dict[str, Any]) -> ProductType:
    name = (data.get("name") or "").strip()
    if not name:
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    slug = data.get("slug") or unique_slug(ProductType, name)
    check_slug(ProductType, slug, None, "Product type")
    product_attributes = get_nodes(
        data.get("product_attributes") or [], "Attribute", Attribute, "productAttributes"
    )
    variant_attributes = get_nodes(
        data.get("variant_attributes") or [], "Attribute", Attribute, "variantAttributes"
    )
    _check_assignable([*product_attributes, *variant_attributes], "productAttributes")
    product_type = ProductType.objects.create(
        name=name,
        slug=slug,
        kind=str(enum_value(data.get("kind") or "NORMAL")),
        has_variants=data.get("has_variants", True) is not False,
        is_shipping_required=data.get("is_shipping_required", True) is not False,
    )
    product_type.product_attributes.set(product_attributes)
    product_type.variant_attributes.set(variant_attributes)
    return product_type


def _check_assignable(attributes: list[Attribute], field: str) -> None:
    wrong = [a for a in attributes if a.type != Attribute.Type.PRODUCT_TYPE]
    if wrong:
        raise MutationErrors(
            [
                MutationError(
                    field,
                    "INVALID",
                    "Only Product type attributes are allowed.",
                    {"attributes": [to_global_id("Attribute", a.pk) for a in wrong]},
                )
            ]
        )


def assign_product_attributes(
    product_type_id: str, operations: list[dict[str, Any]]
) -> ProductType:
    product_type = get_node(product_type_id, "ProductType", ProductType, "productTypeId")
    ids = [op["id"] for op in operations]
    attributes = get_nodes(ids, "Attribute", Attribute, "operations")
    _check_assignable(attributes, "operations")
    assigned = set(product_type.product_attributes.values_list("pk", flat=True)) | set(
        product_type.variant_attributes.values_list("pk", flat=True)
    )
    already = [to_global_id("Attribute", a.pk) for a in attributes if a.pk in assigned]
    if already:
        raise MutationErrors(
            [
                MutationError(
                    "operations",
                    "ATTRIBUTE_ALREADY_ASSIGNED",
                    "Some of the attributes have been already assigned to this product type.",
                    {"attributes": already},
                )
            ]
        )
    variant_ops = [
        a
        for a, op in zip(attributes, operations, strict=True)
        if str(enum_value(op["type"])) == "VARIANT"
    ]
    if variant_ops and not product_type.has_variants:
        raise MutationErrors(
            [
                MutationError(
                    "operations",
                    "ATTRIBUTE_VARIANTS_DISABLED",
                    "Variants are disabled in this product type.",
                    {"attributes": [to_global_id("Attribute", a.pk) for a in variant_ops]},
                )
            ]
        )
    for attribute, op in zip(attributes, operations, strict=True):
        if str(enum_value(op["type"])) == "VARIANT":
            product_type.variant_attributes.add(attribute)
        else:
            product_type.product_attributes.add(attribute)
    return product_type


def create_category(data: dict[str, Any], parent_id: str | None) -> Category:
    name = (data.get("name") or "").strip()
    if not name:
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    parent = get_node(parent_id, "Category", Category, "parent") if parent_id else None
    slug = data.get("slug") or unique_slug(Category, name)
    check_slug(Category, slug, None, "Category")
    category = Category(name=name, slug=slug, description=data.get("description"), parent=parent)
    apply_metadata(category, data)
    category.save()
    return category


def create_collection(data: dict[str, Any]) -> Collection:
    name = (data.get("name") or "").strip()
    if not name:
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    slug = data.get("slug") or unique_slug(Collection, name)
    check_slug(Collection, slug, None, "Collection")
    products = get_nodes(data.get("products") or [], "Product", Product, "products")
    collection = Collection(name=name, slug=slug, description=data.get("description"))
    apply_metadata(collection, data)
    collection.save()
    collection.products.set(products)
    return collection
