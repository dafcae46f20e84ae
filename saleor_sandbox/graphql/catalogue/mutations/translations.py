"""productTranslate, productVariantTranslate and categoryTranslate: create or update the
object's translation in one language (MANAGE_TRANSLATIONS), as Saleor does."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.mutations.base import legacy_errors
from saleor_sandbox.graphql.catalogue.types import Category, Product, ProductVariant
from saleor_sandbox.graphql.core.enums import LanguageCodeEnum, saleor_enum
from saleor_sandbox.graphql.core.mutations import SaleorMutation, errors_field
from saleor_sandbox.services import catalogue_translations

TranslationErrorCode = saleor_enum(
    "TranslationErrorCode", ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE"]
)


class TranslationError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = TranslationErrorCode(required=True)


class NameTranslationInput(graphene.InputObjectType):
    name = graphene.String()


class TranslationInput(graphene.InputObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()


class TranslateMutation(SaleorMutation):
    class Meta:
        abstract = True

    error_type = TranslationError
    permissions = ("MANAGE_TRANSLATIONS",)
    legacy_errors_attribute = "translation_errors"


class ProductTranslate(TranslateMutation):
    translation_errors = legacy_errors(TranslationError)
    errors = errors_field(TranslationError)
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True)
        input = TranslationInput(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        product = catalogue_translations.translate_product(
            arguments["id"], arguments["language_code"], arguments["input"]
        )
        return {"product": product}


class ProductVariantTranslate(TranslateMutation):
    translation_errors = legacy_errors(TranslationError)
    errors = errors_field(TranslationError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        id = graphene.ID(required=True)
        input = NameTranslationInput(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        variant = catalogue_translations.translate_variant(
            arguments["id"], arguments["language_code"], arguments["input"]
        )
        return {"product_variant": variant}


class CategoryTranslate(TranslateMutation):
    translation_errors = legacy_errors(TranslationError)
    errors = errors_field(TranslationError)
    category = graphene.Field(Category)

    class Arguments:
        id = graphene.ID(required=True)
        input = TranslationInput(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        category = catalogue_translations.translate_category(
            arguments["id"], arguments["language_code"], arguments["input"]
        )
        return {"category": category}
