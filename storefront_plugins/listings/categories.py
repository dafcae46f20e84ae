"""Saleor's categories, the choices of a listing's category, named in the page's language.

Read from the installation's Saleor and kept in the cache for a few minutes: the form of a
listing is opened far more often than a category is added. When Saleor cannot be reached,
the last list read is used, and an empty list only when none was ever read (the form then
says the category cannot be chosen yet, rather than failing); Saleor is asked again a minute
later, once, without retries: pages do not each wait on a Saleor that is down."""

import logging
from typing import Any

from django.core.cache import cache

from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings.saleor_writer import listing_documents
from storefront_plugins.saleor_app.exceptions import SaleorError
from storefront_plugins.saleor_app.models import Installation
from storefront_plugins.saleor_app.services import client_for

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
UNREACHABLE_SECONDS = 60
STALE_CACHE_SECONDS = 7 * 24 * 3600


def category_names(data: dict[str, Any]) -> list[tuple[str, TranslatedText]]:
    """(id, names) of the top-level categories and their children, in Saleor's order
    (pure); a child is named "Parent / Child"."""

    def names(node: dict[str, Any]) -> TranslatedText:
        return TranslatedText(
            fr=node["name"],
            ar=(node.get("ar") or {}).get("name") or "",
            en=(node.get("en") or {}).get("name") or "",
        )

    choices = []
    for edge in (data.get("categories") or {}).get("edges", []):
        parent = edge["node"]
        parent_names = names(parent)
        choices.append((parent["id"], parent_names))
        for child_edge in (parent.get("children") or {}).get("edges", []):
            child = child_edge["node"]
            child_names = names(child)
            choices.append(
                (
                    child["id"],
                    TranslatedText(
                        **{
                            language: f"{parent_names.in_language(language)} / "
                            f"{child_names.in_language(language)}"
                            for language in ("fr", "ar", "en")
                        }
                    ),
                )
            )
    return choices


def _read(installation: Installation) -> list[tuple[str, dict[str, str]]]:
    key = f"listings:categories:{installation.pk}"
    fresh = cache.get(key)
    if fresh is not None:
        return list(fresh)
    try:
        data = client_for(installation, retries=0).execute(
            listing_documents.get("queries/categories")
        )
    except SaleorError as error:
        logger.warning("Saleor's categories could not be read: %s", error)
        stale = list(cache.get(f"{key}:stale") or [])
        cache.set(key, stale, UNREACHABLE_SECONDS)
        return stale
    choices = [(id_, names.to_json()) for id_, names in category_names(data)]
    cache.set(key, choices, CACHE_SECONDS)
    cache.set(f"{key}:stale", choices, STALE_CACHE_SECONDS)
    return choices


def category_choices(language: str) -> list[tuple[str, str]]:
    """(Saleor category id, name in `language`) for the listing form."""
    installation = Installation.objects.order_by("pk").first()
    if installation is None:
        return []
    return [
        (id_, TranslatedText.from_json(names).in_language(language))
        for id_, names in _read(installation)
    ]
