"""Where the write-back gets provenance from: the provenance data's functions in `sources`,
registered as the defaults by `ProvenanceConfig.ready()`.

The write-back was built before the provenance data existed; both now live in this app, and
the indirection is kept as the write-back's test seam: the end-to-end write-back tests
register hand-made summaries for the sandbox's products (`register`, then `reset` to the
defaults), and the webhook tests run without provenance data (`unregister`). With nothing
registered no product has provenance: nothing is written, and a deleted product is only
logged.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storefront_plugins.provenance.saleor_sync.summary import ProvenanceSummary

SummaryFor = Callable[[str, str], ProvenanceSummary | None]
ProductIds = Callable[[str], Iterable[str]]
ProductDeleted = Callable[[str, str], None]


@dataclass
class SummaryProvider:
    summary_for: SummaryFor | None = None
    product_ids: ProductIds | None = None
    product_deleted: ProductDeleted | None = None


summary_provider = SummaryProvider()
_defaults = SummaryProvider()


def register(
    *,
    summary_for: SummaryFor,
    product_ids: ProductIds | None = None,
    product_deleted: ProductDeleted | None = None,
) -> None:
    summary_provider.summary_for = summary_for
    summary_provider.product_ids = product_ids
    summary_provider.product_deleted = product_deleted


def register_defaults(
    *,
    summary_for: SummaryFor,
    product_ids: ProductIds | None = None,
    product_deleted: ProductDeleted | None = None,
) -> None:
    """The provenance data's own functions: registered at start-up, restored by `reset()`."""
    _defaults.summary_for, _defaults.product_ids = summary_for, product_ids
    _defaults.product_deleted = product_deleted
    reset()


def reset() -> None:
    summary_provider.summary_for = _defaults.summary_for
    summary_provider.product_ids = _defaults.product_ids
    summary_provider.product_deleted = _defaults.product_deleted


def unregister() -> None:
    summary_provider.summary_for = None
    summary_provider.product_ids = None
    summary_provider.product_deleted = None


def provenance_summary_for(saleor_api_url: str, saleor_product_id: str) -> ProvenanceSummary | None:
    if summary_provider.summary_for is None:
        return None
    return summary_provider.summary_for(saleor_api_url, saleor_product_id)


def product_ids_with_provenance(saleor_api_url: str) -> list[str]:
    if summary_provider.product_ids is None:
        return []
    return list(summary_provider.product_ids(saleor_api_url))
