"""TranslatedText in the API: `bio(language: ...)` and `bioTranslations { fr ar en }`."""

from collections.abc import Callable
from typing import Any

import graphene

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.enums import LanguageCodeEnum
from storefront_plugins.core.translations import TranslatedText


class TranslatedString(graphene.ObjectType):
    fr = graphene.String(required=True)
    ar = graphene.String(required=True)
    en = graphene.String(required=True)


class TranslatedStringInput(graphene.InputObjectType):
    fr = graphene.String()
    ar = graphene.String()
    en = graphene.String()


def translated_field(attribute: str, description: str) -> graphene.String:
    """A String field read from a TranslatedTextField in the language asked for, else the
    viewer's preferred language, falling back French, English, Arabic."""

    def resolve(root: Any, info: Any, language: str | None = None) -> str:
        text = TranslatedText.from_json(getattr(root, attribute))
        code = getattr(language, "value", language)
        return text.in_language(code or context_of(info).language)

    return graphene.String(
        required=True,
        description=description,
        language=graphene.Argument(LanguageCodeEnum, description="Falls back fr, en, ar."),
        resolver=resolve,
    )


def translations_field(attribute: str, description: str) -> graphene.Field:
    def resolve(root: Any, info: Any) -> TranslatedText:
        return TranslatedText.from_json(getattr(root, attribute))

    resolver: Callable[..., Any] = resolve
    return graphene.Field(
        graphene.NonNull(TranslatedString), description=description, resolver=resolver
    )


def translated_text_from_input(value: Any) -> dict[str, str]:
    return {language: text for language, text in dict(value).items() if text is not None}
