"""GraphQL input objects as the services' plain values."""

from collections.abc import Mapping
from typing import Any

from storefront_plugins.artisans.graphql.input_values import plain
from storefront_plugins.core.graphql.translations import translated_text_from_input
from storefront_plugins.storefronts.inputs import HeroImageInput, StorefrontInput

TRANSLATED = frozenset({"name", "tagline", "title", "body"})


def changes_from_input(data: Mapping[str, Any], exclude: frozenset[str]) -> dict[str, Any]:
    """The fields the client sent, snake_case, enums as values, texts as {fr, ar, en}."""
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name in exclude:
            continue
        if name in TRANSLATED and value is not None:
            changes[name] = translated_text_from_input(value)
        else:
            changes[name] = plain(value)
    return changes


def storefront_input(data: Mapping[str, Any]) -> StorefrontInput:
    """The storefront's fields with the theme's flattened into them; its hero images apart."""
    theme = dict(data.get("theme") or {})
    changes = changes_from_input(data, exclude=frozenset({"theme", "cooperative"}))
    changes.update(changes_from_input(theme, exclude=frozenset({"hero_images"})))
    images = theme.get("hero_images")
    hero_images = (
        [
            HeroImageInput(
                url=image["url"],
                width=image["width"],
                height=image["height"],
                alt=translated_text_from_input(image.get("alt") or {}),
            )
            for image in images
        ]
        if images is not None
        else None
    )
    return StorefrontInput(changes=changes, hero_images=hero_images)
