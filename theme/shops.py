"""Which storefront a request is for: by its path (/fr/s/<path>/...) or its Host's domain.

Storefronts come from the App (`storefronts`, `storefront`), cached like every public read.
"""

from dataclasses import dataclass
from typing import Any

from theme.graphql_client import souk_read
from theme.languages import graphql_language

MARKETPLACE_SIZE = 100


@dataclass(frozen=True)
class Shop:
    storefront: dict[str, Any]
    base: str  # the URL prefix of its pages: /fr/s/safi or /fr on its own domain

    @property
    def channel(self) -> str:
        return str(self.storefront["channelSlug"])

    @property
    def slug(self) -> str:
        return str(self.storefront["slug"])

    @property
    def cooperative_slug(self) -> str | None:
        cooperative = self.storefront.get("cooperative") or {}
        slug = cooperative.get("slug")
        return str(slug) if slug else None


def all_storefronts(language: str, search: str | None = None) -> list[dict[str, Any]]:
    data = souk_read(
        "storefronts",
        {
            "search": search or None,
            "first": MARKETPLACE_SIZE,
            "language": graphql_language(language),
        },
    )
    return [edge["node"] for edge in data["storefronts"]["edges"]]


def path_segment(storefront: dict[str, Any]) -> str:
    """A storefront's path ("/safi") as the URL segment after /s/."""
    return str(storefront.get("path") or storefront["slug"]).strip("/")


def storefront_by_path(segment: str, language: str) -> dict[str, Any] | None:
    for storefront in all_storefronts(language):
        if path_segment(storefront) == segment:
            return storefront_by(language, slug=storefront["slug"])
    return None


def storefront_by(language: str, **key: str) -> dict[str, Any] | None:
    data = souk_read("storefront", {**key, "language": graphql_language(language)})
    storefront: dict[str, Any] | None = data["storefront"]
    return storefront


def host_domain(host: str) -> str:
    return host.split(":")[0].lower()
