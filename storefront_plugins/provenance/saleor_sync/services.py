"""Writing the marketplace recipe into one Saleor: read first, write only what differs.

Every function is idempotent: run twice, the second run sends no mutation. The App's
Saleor client retries network errors and 5xx; what is left raises `SaleorTransportError`
for the task to retry later.
"""

import logging
from dataclasses import dataclass, field
from typing import Any

from storefront_plugins.artisans.models import Artisan
from storefront_plugins.provenance.saleor_sync.decisions import (
    ARTISAN_ATTRIBUTE_NAME,
    ARTISAN_ATTRIBUTE_SLUG,
    ARTISAN_PAGE_TYPE_NAME,
    ARTISAN_PAGE_TYPE_SLUG,
    artisan_page_input,
    artisan_page_metadata,
    artisan_references,
    metadata_changes,
    page_input_changes,
    product_type_has_attribute,
    provenance_metadata,
    references_differ,
)
from storefront_plugins.provenance.saleor_sync.documents import provenance_documents
from storefront_plugins.provenance.saleor_sync.summary import ProvenanceSummary
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.exceptions import SaleorMutationError
from storefront_plugins.saleor_app.models import Installation
from storefront_plugins.saleor_app.services import client_for

logger = logging.getLogger(__name__)

MAX_PAGES_PER_QUERY = 100


class ArtisanSchemaConflict(Exception):
    """Saleor holds a page type or attribute with our slug that is not what the recipe needs."""


@dataclass(frozen=True)
class ArtisanSchema:
    page_type_id: str
    attribute_id: str
    created: tuple[str, ...] = ()  # "pageType", "attribute": what this call created


@dataclass(frozen=True)
class PageSyncResult:
    page_id: str
    created: bool
    updated_fields: tuple[str, ...]
    updated_metadata_keys: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.created or bool(self.updated_fields or self.updated_metadata_keys)


@dataclass(frozen=True)
class ProductSyncResult:
    status: str  # "written", "unchanged" or "missing" (deleted in Saleor)
    attribute_assigned: bool = False
    references_written: bool = False
    updated_metadata_keys: tuple[str, ...] = ()
    skipped_artisans: tuple[str, ...] = field(default=())


def _client(installation: Installation, client: SaleorClient | None) -> SaleorClient:
    return client or client_for(installation)


def ensure_artisan_schema(
    installation: Installation, *, client: SaleorClient | None = None
) -> ArtisanSchema:
    """The page type `artisan` and the REFERENCE attribute `artisan` exist (created if not)."""
    saleor = _client(installation, client)
    data = saleor.execute(
        provenance_documents.get("queries/artisan_schema"),
        {"pageTypeSlug": ARTISAN_PAGE_TYPE_SLUG, "attributeSlug": ARTISAN_ATTRIBUTE_SLUG},
    )
    created: list[str] = []
    edges = (data.get("pageTypes") or {}).get("edges") or []
    if edges:
        page_type_id = edges[0]["node"]["id"]
    else:
        result = saleor.execute(
            provenance_documents.get("mutations/page_type_create"),
            {"input": {"name": ARTISAN_PAGE_TYPE_NAME, "slug": ARTISAN_PAGE_TYPE_SLUG}},
        )
        page_type_id = result["pageTypeCreate"]["pageType"]["id"]
        created.append("pageType")

    attribute = data.get("attribute")
    if attribute is None:
        result = saleor.execute(
            provenance_documents.get("mutations/attribute_create"),
            {
                "input": {
                    "name": ARTISAN_ATTRIBUTE_NAME,
                    "slug": ARTISAN_ATTRIBUTE_SLUG,
                    "type": "PRODUCT_TYPE",
                    "inputType": "REFERENCE",
                    "entityType": "PAGE",
                    "referenceTypes": [page_type_id],
                    "valueRequired": False,
                    "visibleInStorefront": True,
                }
            },
        )
        attribute = result["attributeCreate"]["attribute"]
        created.append("attribute")
    if attribute.get("inputType") != "REFERENCE" or attribute.get("entityType") != "PAGE":
        raise ArtisanSchemaConflict(
            f"Saleor's attribute {ARTISAN_ATTRIBUTE_SLUG!r} is {attribute.get('inputType')} "
            f"of {attribute.get('entityType')}, not a REFERENCE to pages."
        )
    return ArtisanSchema(page_type_id, attribute["id"], tuple(created))


def _pages_by_slug(saleor: SaleorClient, slugs: list[str]) -> dict[str, dict[str, Any]]:
    pages: dict[str, dict[str, Any]] = {}
    for start in range(0, len(slugs), MAX_PAGES_PER_QUERY):
        chunk = slugs[start : start + MAX_PAGES_PER_QUERY]
        data = saleor.execute(
            provenance_documents.get("queries/artisan_pages"),
            {"slugs": chunk, "first": len(chunk)},
        )
        for edge in (data.get("pages") or {}).get("edges") or []:
            pages[edge["node"]["slug"]] = edge["node"]
    return pages


def _cooperative_slugs(artisan: Artisan) -> list[str]:
    return sorted(m.cooperative.slug for m in artisan.memberships.select_related("cooperative"))


def sync_artisan_page(
    installation: Installation,
    artisan: Artisan,
    *,
    client: SaleorClient | None = None,
    schema: ArtisanSchema | None = None,
) -> PageSyncResult:
    """Create or update the artisan's Page (found by slug) and its metadata."""
    saleor = _client(installation, client)
    schema = schema or ensure_artisan_schema(installation, client=saleor)
    desired = artisan_page_input(artisan)
    page = _pages_by_slug(saleor, [artisan.slug]).get(artisan.slug)
    created = False
    changed_fields: tuple[str, ...] = ()
    if page is None:
        result = saleor.execute(
            provenance_documents.get("mutations/page_create"),
            {"input": {**desired, "pageType": schema.page_type_id}},
        )
        page = result["pageCreate"]["page"]
        created = True
    else:
        if page["pageType"]["id"] != schema.page_type_id:
            raise ArtisanSchemaConflict(
                f"Saleor's page {artisan.slug!r} is a {page['pageType']['slug']!r} page."
            )
        changes = page_input_changes(page, desired)
        if changes:
            result = saleor.execute(
                provenance_documents.get("mutations/page_update"),
                {"id": page["id"], "input": changes},
            )
            page = result["pageUpdate"]["page"]
            changed_fields = tuple(sorted(changes))
    metadata = metadata_changes(
        page.get("metadata"), artisan_page_metadata(artisan, _cooperative_slugs(artisan))
    )
    if metadata:
        saleor.execute(
            provenance_documents.get("mutations/update_metadata"),
            {"id": page["id"], "input": metadata},
        )
    return PageSyncResult(
        page_id=page["id"],
        created=created,
        updated_fields=changed_fields,
        updated_metadata_keys=tuple(item["key"] for item in metadata),
    )


def artisan_page_ids(
    installation: Installation,
    slugs: list[str],
    *,
    client: SaleorClient | None = None,
    schema: ArtisanSchema | None = None,
    create_missing: bool = False,
) -> tuple[list[str], list[str]]:
    """The page ids of these artisans, in order, and the slugs that have no page.

    With `create_missing`, an artisan the App knows but Saleor has no page for gets one.
    """
    saleor = _client(installation, client)
    pages = _pages_by_slug(saleor, slugs)
    ids: list[str] = []
    missing: list[str] = []
    for slug in slugs:
        page = pages.get(slug)
        if page is None and create_missing:
            artisan = Artisan.objects.filter(slug=slug).first()
            if artisan is not None:
                page_id = sync_artisan_page(
                    installation, artisan, client=saleor, schema=schema
                ).page_id
                ids.append(page_id)
                continue
        if page is None:
            missing.append(slug)
        else:
            ids.append(page["id"])
    return ids, missing


def _is_not_found(error: SaleorMutationError) -> bool:
    return "NOT_FOUND" in error.codes


def sync_product_provenance(
    installation: Installation,
    summary: ProvenanceSummary,
    *,
    client: SaleorClient | None = None,
) -> ProductSyncResult:
    """The product's `artisan` references and `souk.provenance*` metadata, as the summary says.

    A product deleted in Saleor is not an error: the result's status is "missing".
    """
    saleor = _client(installation, client)
    product = saleor.execute(
        provenance_documents.get("queries/product_provenance"), {"id": summary.saleor_product_id}
    ).get("product")
    if product is None:
        return ProductSyncResult(status="missing")
    schema = ensure_artisan_schema(installation, client=saleor)
    page_ids, skipped = artisan_page_ids(
        installation,
        list(summary.artisan_slugs),
        client=saleor,
        schema=schema,
        create_missing=True,
    )
    if skipped:
        logger.warning("No Saleor page and no App artisan for %s; left out.", skipped)

    assigned = references = False
    metadata = metadata_changes(product.get("metadata"), provenance_metadata(summary))
    try:
        if not product_type_has_attribute(product, schema.attribute_id):
            saleor.execute(
                provenance_documents.get("mutations/product_attribute_assign"),
                {
                    "productTypeId": product["productType"]["id"],
                    "operations": [{"id": schema.attribute_id, "type": "PRODUCT"}],
                },
            )
            assigned = True
        current = artisan_references(product, ARTISAN_ATTRIBUTE_SLUG)
        if references_differ(current, page_ids):
            saleor.execute(
                provenance_documents.get("mutations/product_artisans_update"),
                {"id": product["id"], "attributeId": schema.attribute_id, "pageIds": page_ids},
            )
            references = True
        if metadata:
            saleor.execute(
                provenance_documents.get("mutations/update_metadata"),
                {"id": product["id"], "input": metadata},
            )
    except SaleorMutationError as error:
        if _is_not_found(error):  # deleted while we were writing
            return ProductSyncResult(status="missing")
        raise
    written = assigned or references or bool(metadata)
    return ProductSyncResult(
        status="written" if written else "unchanged",
        attribute_assigned=assigned,
        references_written=references,
        updated_metadata_keys=tuple(item["key"] for item in metadata),
        skipped_artisans=tuple(skipped),
    )


def product_ids_by_slug(
    installation: Installation, slugs: list[str], *, client: SaleorClient | None = None
) -> dict[str, str]:
    """Saleor product id by slug; slugs Saleor does not know are left out."""
    saleor = _client(installation, client)
    found: dict[str, str] = {}
    for start in range(0, len(slugs), MAX_PAGES_PER_QUERY):
        chunk = slugs[start : start + MAX_PAGES_PER_QUERY]
        data = saleor.execute(
            provenance_documents.get("queries/products_by_slug"),
            {"slugs": chunk, "first": len(chunk)},
        )
        for edge in (data.get("products") or {}).get("edges") or []:
            found[edge["node"]["slug"]] = edge["node"]["id"]
    return found
