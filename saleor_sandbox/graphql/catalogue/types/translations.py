"""Saleor's `<Type>Translation` types and the `translation(languageCode:)` field of
Product, ProductVariant, Category and Collection: the row for that language, or null."""

from typing import Any

import graphene
from babel import Locale, UnknownLocaleError
from django.db import models

from saleor_sandbox.graphql.core.enums import LanguageCodeEnum
from saleor_sandbox.services.catalogue_translations import stored_language_code


def language_name(code: str) -> str:
    """English name of a stored language code, as Saleor's LanguageDisplay gives it."""
    try:
        return str(Locale.parse(code.replace("-", "_")).get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return code


class LanguageDisplay(graphene.ObjectType):
    code = LanguageCodeEnum(required=True)
    language = graphene.String(required=True)


def _language(root: Any, _info: Any) -> LanguageDisplay:
    code = root.language_code
    return LanguageDisplay(code=code.upper().replace("-", "_"), language=language_name(code))


class ProductTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, resolver=_language)
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)


class ProductVariantTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, resolver=_language)
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)


class CategoryTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, resolver=_language)
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)


class CollectionTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, resolver=_language)
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)


def translation_of(root: models.Model, language_code: Any) -> Any:
    """The object's translation in that language; read from the `translations` the list
    queries prefetch, else with one query (a single object)."""
    code = stored_language_code(language_code)
    prefetched = getattr(root, "_prefetched_objects_cache", {})
    if "translations" in prefetched:
        return next((t for t in prefetched["translations"] if t.language_code == code), None)
    return root.translations.filter(language_code=code).first()  # type: ignore[attr-defined]


def translation_field(translation_type: type[graphene.ObjectType]) -> graphene.Field:
    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=lambda root, _info, language_code: translation_of(root, language_code),
    )
