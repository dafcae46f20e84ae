from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.inputs import (
    AttributeCreateInput,
    CategoryInput,
    CollectionCreateInput,
    ProductAttributeAssignInput,
    ProductTypeInput,
)
from saleor_sandbox.graphql.catalogue.mutations.base import (
    AttributeError_,
    CatalogueMutation,
    CollectionError,
    ProductError,
    legacy_errors,
)
from saleor_sandbox.graphql.catalogue.types import Attribute, Category, Collection, ProductType
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.permissions import require_any_permission
from saleor_sandbox.services import catalogue_structure
from saleor_sandbox.services.catalogue_common import enum_value


class AttributeCreate(CatalogueMutation):
    attribute = graphene.Field(Attribute)
    attribute_errors = legacy_errors(AttributeError_)
    errors = errors_field(AttributeError_)

    class Arguments:
        input = AttributeCreateInput(required=True)

    error_type = AttributeError_
    legacy_errors_attribute = "attribute_errors"

    @classmethod
    def check_permissions(cls, info: Any, **arguments: Any) -> None:
        """As Saleor: the attribute's type decides which permission is needed."""
        require_any_permission(
            info,
            catalogue_structure.attribute_permission(str(enum_value(arguments["input"]["type"]))),
        )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"attribute": catalogue_structure.create_attribute(arguments["input"])}


class ProductTypeCreate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_type = graphene.Field(ProductType)

    class Arguments:
        input = ProductTypeInput(required=True)

    error_type = ProductError
    permissions = ("MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"product_type": catalogue_structure.create_product_type(arguments["input"])}


class ProductAttributeAssign(CatalogueMutation):
    product_type = graphene.Field(ProductType)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        operations = graphene.List(graphene.NonNull(ProductAttributeAssignInput), required=True)
        product_type_id = graphene.ID(required=True)

    error_type = ProductError
    permissions = ("MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product_type = catalogue_structure.assign_product_attributes(
            arguments["product_type_id"], arguments["operations"]
        )
        return {"product_type": product_type}


class CategoryCreate(CatalogueMutation):
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    category = graphene.Field(Category)

    class Arguments:
        input = CategoryInput(required=True)
        parent = graphene.ID()

    error_type = ProductError
    permissions = ("MANAGE_PRODUCTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        category = catalogue_structure.create_category(arguments["input"], arguments.get("parent"))
        return {"category": category}


class CollectionCreate(CatalogueMutation):
    collection_errors = legacy_errors(CollectionError)
    errors = errors_field(CollectionError)
    collection = graphene.Field(Collection)

    class Arguments:
        input = CollectionCreateInput(required=True)

    error_type = CollectionError
    permissions = ("MANAGE_PRODUCTS",)
    legacy_errors_attribute = "collection_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"collection": catalogue_structure.create_collection(arguments["input"])}
