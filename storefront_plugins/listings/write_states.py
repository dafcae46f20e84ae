"""Where each listing's write into Saleor stands, for the pages that show it."""

from collections.abc import Iterable

from storefront_plugins.listings.saleor_writer import LISTING_WRITE_KIND
from storefront_plugins.saleor_app import outbox
from storefront_plugins.saleor_app.outbox import WriteState


def listing_write_states(listing_ids: Iterable[int]) -> dict[str, WriteState]:
    """{str(listing id): state} for listings with a write outstanding (one query)."""
    return outbox.write_states(LISTING_WRITE_KIND, [str(pk) for pk in listing_ids])


def retry_listing_write(listing_id: int) -> bool:
    """A failed write tried again now (the artisan's "try again" button)."""
    return outbox.retry_write(LISTING_WRITE_KIND, str(listing_id))
