"""Pure decisions: what Saleor should hold, and whether what it holds differs. No I/O."""

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from storefront_plugins.provenance.saleor_sync.summary import ProvenanceSummary

ARTISAN_PAGE_TYPE_SLUG = "artisan"
ARTISAN_PAGE_TYPE_NAME = "Artisan"
ARTISAN_ATTRIBUTE_SLUG = "artisan"
ARTISAN_ATTRIBUTE_NAME = "Artisan"
EDITORJS_VERSION = "2.24.3"

PROVENANCE_KEY = "souk.provenance"
PROVENANCE_ARTISANS_KEY = "souk.provenance.artisans"
PROVENANCE_COOPERATIVE_KEY = "souk.provenance.cooperative"
PROVENANCE_CERTIFICATE_URL_KEY = "souk.provenance.certificate_url"

MetadataItem = dict[str, str]


class ArtisanLike(Protocol):
    pk: Any
    name: str
    slug: str
    bio: Any
    is_published: bool


def editorjs_paragraphs(text: str) -> dict[str, Any]:
    """Editor.js JSON (what Saleor stores in `content`): one paragraph per blank-line block.

    No `time` key, so the same text always gives the same document.
    """
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return {
        "blocks": [
            {
                "id": f"p{index}",
                "type": "paragraph",
                "data": {"text": html.escape(paragraph, quote=False).replace("\n", "<br>")},
            }
            for index, paragraph in enumerate(p for p in paragraphs if p)
        ],
        "version": EDITORJS_VERSION,
    }


def _bio(artisan: ArtisanLike, language: str) -> str:
    bio = artisan.bio or {}
    return str(bio.get(language) or "") if isinstance(bio, Mapping) else ""


def artisan_page_input(artisan: ArtisanLike) -> dict[str, Any]:
    """The fields of the artisan's Saleor Page (`PageInput`): the bio in French."""
    return {
        "title": artisan.name,
        "slug": artisan.slug,
        "content": json.dumps(editorjs_paragraphs(_bio(artisan, "fr")), ensure_ascii=False),
        "isPublished": bool(artisan.is_published),
    }


def artisan_page_metadata(
    artisan: ArtisanLike, cooperative_slugs: Sequence[str]
) -> list[MetadataItem]:
    """The page's public metadata: the App's id, the other bios, the cooperative(s)."""
    return [
        {"key": "souk.artisan.id", "value": str(artisan.pk)},
        {"key": "souk.artisan.bio.ar", "value": _bio(artisan, "ar")},
        {"key": "souk.artisan.bio.en", "value": _bio(artisan, "en")},
        {"key": "souk.cooperative", "value": ",".join(cooperative_slugs)},
    ]


def page_input_changes(page: Mapping[str, Any], desired: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of `desired` (a `PageInput`) that the page, as Saleor returned it, lacks."""
    changes: dict[str, Any] = {}
    for field, value in desired.items():
        current = page.get(field)
        if field == "content":
            if _parsed_json(current) != json.loads(value):
                changes[field] = value
        elif current != value:
            changes[field] = value
    return changes


def _parsed_json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def provenance_metadata(summary: ProvenanceSummary) -> list[MetadataItem]:
    """The product's public provenance summary, under `souk.provenance*`.

    `souk.provenance` holds the whole summary as compact JSON; the flat keys are what a
    storefront can read without parsing. Absent values are empty strings, so a value that
    goes away is overwritten rather than left behind.
    """
    document = {
        "v": 1,
        "artisans": [{"slug": a.slug, "share_bps": a.share_bps} for a in summary.artisans],
        "cooperative": (
            {"slug": summary.cooperative_slug, "name": summary.cooperative_name or ""}
            if summary.cooperative_slug
            else None
        ),
        "materials": list(summary.materials),
        "technique": summary.technique,
        "certifications": list(summary.certifications),
        "certificate_url": summary.certificate_url,
    }
    return [
        {"key": PROVENANCE_KEY, "value": _compact(document)},
        {"key": PROVENANCE_ARTISANS_KEY, "value": ",".join(summary.artisan_slugs)},
        {"key": PROVENANCE_COOPERATIVE_KEY, "value": summary.cooperative_slug or ""},
        {"key": PROVENANCE_CERTIFICATE_URL_KEY, "value": summary.certificate_url or ""},
    ]


def metadata_changes(
    current: Iterable[Mapping[str, Any]] | None, desired: Iterable[MetadataItem]
) -> list[MetadataItem]:
    """The items of `desired` whose value Saleor does not hold yet (empty: nothing to write)."""
    held = {item["key"]: item["value"] for item in current or ()}
    return [item for item in desired if held.get(item["key"]) != item["value"]]


def artisan_references(product: Mapping[str, Any], attribute_slug: str) -> list[str]:
    """The page ids the product's `artisan` attribute references, as Saleor returned them."""
    for selected in product.get("attributes") or ():
        if (selected.get("attribute") or {}).get("slug") == attribute_slug:
            return [v["reference"] for v in selected.get("values") or () if v.get("reference")]
    return []


def references_differ(current: Sequence[str], desired: Sequence[str]) -> bool:
    return sorted(current) != sorted(desired)


def product_type_has_attribute(product: Mapping[str, Any], attribute_id: str) -> bool:
    product_type = product.get("productType") or {}
    return any(a.get("id") == attribute_id for a in product_type.get("productAttributes") or ())


def product_needs_sync(
    product: Mapping[str, Any],
    summary: ProvenanceSummary,
    page_ids: Sequence[str],
    *,
    attribute_slug: str = ARTISAN_ATTRIBUTE_SLUG,
) -> bool:
    """Whether a product as Saleor sent it (a PRODUCT_UPDATED payload) differs from what
    the App would write: its artisan references or its `souk.provenance*` metadata.

    The App's own writes produce exactly these values, so they answer False: the loop ends.
    """
    if metadata_changes(product.get("metadata"), provenance_metadata(summary)):
        return True
    return references_differ(artisan_references(product, attribute_slug), page_ids)
