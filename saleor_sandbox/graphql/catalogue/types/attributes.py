from dataclasses import dataclass
from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
)
from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.nodes import register_node, to_global_id
from saleor_sandbox.models import Attribute as AttributeModel
from saleor_sandbox.models import AttributeValue as AttributeValueModel
from saleor_sandbox.models import Page as PageModel
from saleor_sandbox.models import Product as ProductModel
from saleor_sandbox.models import ProductVariant as ProductVariantModel
from saleor_sandbox.permissions import has_any_permission

WITH_CHOICES = {AttributeModel.InputType.DROPDOWN, AttributeModel.InputType.MULTISELECT}


def input_type_name(value: str) -> str:
    return value.upper().replace("-", "_")


def entity_type_name(value: str) -> str | None:
    return {"Page": "PAGE", "Product": "PRODUCT", "ProductVariant": "PRODUCT_VARIANT"}.get(value)


class AttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    input_type = AttributeInputTypeEnum()
    reference = graphene.ID()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()
    external_reference = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AttributeValueModel)

    @staticmethod
    def resolve_value(_root: AttributeValueModel, _info: Any) -> str:
        return ""

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, _info: Any) -> str:
        return input_type_name(root.attribute.input_type)

    @staticmethod
    def resolve_reference(root: AttributeValueModel, _info: Any) -> str | None:
        for type_name, pk in (
            ("Page", root.reference_page_id),
            ("Product", root.reference_product_id),
            ("ProductVariant", root.reference_variant_id),
        ):
            if pk is not None:
                return to_global_id(type_name, pk)
        return None

    @staticmethod
    def resolve_plain_text(root: AttributeValueModel, _info: Any) -> str | None:
        return root.plain_text or None

    @staticmethod
    def resolve_date(root: AttributeValueModel, _info: Any) -> Any:
        return root.date_time.date() if root.date_time else None

    @staticmethod
    def resolve_external_reference(_root: AttributeValueModel, _info: Any) -> None:
        return None


AttributeValueCountableConnection = countable_connection(AttributeValue)


class Attribute(graphene.ObjectType):
    input_type = AttributeInputTypeEnum()
    entity_type = AttributeEntityTypeEnum()
    reference_types = graphene.List(
        graphene.NonNull("saleor_sandbox.graphql.catalogue.types.structure.ReferenceType"),
        limit=graphene.Argument("saleor_sandbox.graphql.core.scalars.PositiveInt"),
    )
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    type = AttributeTypeEnum(required=True, resolver=lambda root, _info: input_type_name(root.type))
    choices = graphene.Field(
        AttributeValueCountableConnection, search=graphene.String(), **connection_args()
    )
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    filterable_in_dashboard = graphene.Boolean(required=True)
    available_in_grid = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    with_choices = graphene.Boolean(required=True)
    external_reference = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AttributeModel)

    @staticmethod
    def resolve_input_type(root: AttributeModel, _info: Any) -> str:
        return input_type_name(root.input_type)

    @staticmethod
    def resolve_entity_type(root: AttributeModel, _info: Any) -> str | None:
        return entity_type_name(root.entity_type)

    @staticmethod
    def resolve_reference_types(root: AttributeModel, _info: Any, limit: int | None = None) -> Any:
        page_types = list(root.reference_page_types.all())
        return page_types[:limit] if limit is not None else page_types

    @staticmethod
    def resolve_choices(
        root: AttributeModel, _info: Any, search: str | None = None, **kwargs: Any
    ) -> Any:
        if root.input_type not in WITH_CHOICES:
            return None
        values = root.values.select_related("attribute").order_by("sort_order", "pk")
        if search:
            values = values.filter(name__icontains=search)
        return paginate(values, AttributeValueCountableConnection, "choices", **kwargs)

    @staticmethod
    def resolve_filterable_in_dashboard(_root: AttributeModel, _info: Any) -> bool:
        return True

    @staticmethod
    def resolve_available_in_grid(_root: AttributeModel, _info: Any) -> bool:
        return True

    @staticmethod
    def resolve_storefront_search_position(_root: AttributeModel, _info: Any) -> int:
        return 0

    @staticmethod
    def resolve_with_choices(root: AttributeModel, _info: Any) -> bool:
        return root.input_type in WITH_CHOICES

    @staticmethod
    def resolve_external_reference(_root: AttributeModel, _info: Any) -> None:
        return None


@dataclass
class SelectedAttributeData:
    attribute: AttributeModel
    values: list[AttributeValueModel]


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.List(graphene.NonNull(AttributeValue), required=True)

    class Meta:
        description = "Represents an assigned attribute to an object."


def selected_attributes(
    info: Any,
    owner: ProductModel | ProductVariantModel | PageModel,
    attributes: list[AttributeModel],
) -> list[SelectedAttributeData]:
    """Each of the type's attributes with the owner's values for it (reads prefetched
    `attribute_values__value`); hidden attributes only for those who manage the owner."""
    manage = ["MANAGE_PAGES"] if isinstance(owner, PageModel) else ["MANAGE_PRODUCTS"]
    sees_hidden = has_any_permission(info.context, manage)
    assigned: dict[int, list[AttributeValueModel]] = {}
    for selected in owner.attribute_values.all():
        assigned.setdefault(selected.attribute_id, []).append(selected.value)
    return [
        SelectedAttributeData(attribute, assigned.get(attribute.pk, []))
        for attribute in attributes
        if sees_hidden or attribute.visible_in_storefront
    ]


ATTRIBUTE_VALUE_PREFETCH = (
    "attribute_values__value__attribute",
    "attribute_values__attribute",
)

register_node(
    "Attribute",
    AttributeModel,
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
)
register_node("AttributeValue", AttributeValueModel, "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES")
