"""What a listing's content is (pure): which fields moderation approves, the snapshot of
approved content that Saleor shows, and whether a listing is ready for review."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings.error_codes import ListingErrorCode

# Moderation approves these; price and stock change without it.
CONTENT_FIELDS = frozenset(
    {
        "title",
        "description",
        "saleor_category_id",
        "craft",
        "materials",
        "length_cm",
        "width_cm",
        "height_cm",
        "weight_g",
    }
)
COMMERCE_FIELDS = frozenset({"price", "stock"})
LISTING_FIELDS = CONTENT_FIELDS | COMMERCE_FIELDS
TRANSLATED_FIELDS = frozenset({"title", "description"})
VARIANT_CONTENT_FIELDS = ("label", "sku")
VARIANT_COMMERCE_FIELDS = ("price", "stock")

MAX_PHOTOS = 10
CURRENCY_BY_COUNTRY = {"MA": "MAD", "DZ": "DZD"}


def currency_for_country(country: str) -> str:
    """The currency of a cooperative's channel: dirhams in Morocco, dinars in Algeria."""
    return CURRENCY_BY_COUNTRY.get(country, "MAD")


@dataclass(frozen=True)
class VariantInput:
    """A size or colour as the artisan sends it; `id` None for a new one."""

    label: Mapping[str, str]
    id: int | None = None
    sku: str = ""
    price: Decimal | None = None
    stock: int = 0


@dataclass(frozen=True)
class Readiness:
    """What review needs of a listing, as counts and flags (no ORM here)."""

    has_title: bool
    has_category: bool
    has_price: bool  # the listing's price, or every variant's
    photo_count: int


@dataclass(frozen=True)
class Problem:
    field: str
    code: ListingErrorCode
    message: str


def review_problems(readiness: Readiness) -> list[Problem]:
    """Why the listing cannot be submitted yet (empty when it can)."""
    problems = []
    if not readiness.has_title:
        problems.append(Problem("title", ListingErrorCode.REQUIRED, "Give the piece a title."))
    if not readiness.has_category:
        problems.append(
            Problem("saleorCategoryId", ListingErrorCode.REQUIRED, "Choose a category.")
        )
    if not readiness.has_price:
        problems.append(Problem("price", ListingErrorCode.REQUIRED, "Give the piece a price."))
    if readiness.photo_count == 0:
        problems.append(Problem("photos", ListingErrorCode.REQUIRED, "Add at least one photo."))
    return problems


def has_title(title: Mapping[str, Any] | None) -> bool:
    return bool(TranslatedText.from_json(title).in_language().strip())


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def content_snapshot(
    listing: Mapping[str, Any],
    variants: Sequence[Mapping[str, Any]],
    photos: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """The approved content as JSON: the listing's content fields, its variants (id, label,
    sku) and photos (id, alt), in order. Saleor is written from it until the next approval."""
    return {
        **{name: _plain(listing.get(name)) for name in sorted(CONTENT_FIELDS)},
        "variants": [
            {"id": v["id"], "label": dict(v["label"] or {}), "sku": v["sku"]} for v in variants
        ],
        "photos": [{"id": p["id"], "alt": dict(p["alt"] or {})} for p in photos],
    }


def approved_ids(snapshot: Mapping[str, Any] | None, key: str) -> set[int]:
    """The variant or photo ids the approved content shows."""
    return {int(item["id"]) for item in (snapshot or {}).get(key, [])}
