"""Texts artisans and shoppers read, in French, Arabic and English, stored as JSON {fr, ar, en}."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

LANGUAGES = ("fr", "ar", "en")
# The order in which a missing translation falls back.
FALLBACK_ORDER = ("fr", "en", "ar")


@dataclass(frozen=True)
class TranslatedText:
    fr: str = ""
    ar: str = ""
    en: str = ""

    @classmethod
    def from_json(cls, value: Mapping[str, Any] | None) -> "TranslatedText":
        value = value or {}
        return cls(**{language: str(value.get(language) or "") for language in LANGUAGES})

    def to_json(self) -> dict[str, str]:
        return {language: getattr(self, language) for language in LANGUAGES}

    def in_language(self, language: str | None = None) -> str:
        """The text in `language`, else the first of French, English, Arabic that is not empty."""
        order = ((language,) if language else ()) + FALLBACK_ORDER
        for candidate in order:
            text = getattr(self, candidate, "")
            if text:
                return str(text)
        return ""


def validate_translated_text(value: Any) -> None:
    if not isinstance(value, Mapping):
        raise ValidationError("A translated text is an object with fr, ar and en keys.")
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise ValidationError(f"Unknown languages: {', '.join(sorted(unknown))}.")
    if not all(isinstance(text, str) for text in value.values()):
        raise ValidationError("Each translation is a string.")


class TranslatedTextField(models.JSONField):
    """A JSON column holding {fr, ar, en}; read it with TranslatedText.from_json."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_translated_text])
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs
