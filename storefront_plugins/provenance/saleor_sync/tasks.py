"""The write-back queued: an artisan's Page and a product's provenance through the App's
outbox (`writers.py`), the whole catalogue by a Celery task. Idempotent: the services write
only what differs."""

import logging
from typing import Any

from celery import Task, shared_task
from django.db import transaction

from storefront_plugins.artisans.models import Artisan
from storefront_plugins.provenance.saleor_sync import services, writers
from storefront_plugins.provenance.saleor_sync.providers import (
    product_ids_with_provenance,
    provenance_summary_for,
)
from storefront_plugins.saleor_app.exceptions import SaleorTransportError
from storefront_plugins.saleor_app.models import Installation
from storefront_plugins.saleor_app.outbox import enqueue_write
from storefront_plugins.saleor_app.tasks import retry_countdown

logger = logging.getLogger(__name__)

MAX_SYNC_RETRIES = 6


def _retry(task: Task, error: SaleorTransportError) -> Any:
    if task.request.retries >= MAX_SYNC_RETRIES:
        logger.error("Saleor write-back %s failed for good: %s", task.name, error)
        raise error
    raise task.retry(exc=error, countdown=retry_countdown(task.request.retries)) from error


@shared_task(bind=True, acks_late=True, max_retries=MAX_SYNC_RETRIES)
def sync_all_task(self: Task, installation_id: int) -> dict[str, int]:
    """Every artisan's page, then every product with provenance. Safe to rerun."""
    installation = Installation.objects.filter(pk=installation_id).first()
    if installation is None:
        return {}
    counts = {"pages_written": 0, "pages_unchanged": 0}
    try:
        schema = services.ensure_artisan_schema(installation)
        for artisan in Artisan.objects.order_by("pk"):
            result = services.sync_artisan_page(installation, artisan, schema=schema)
            counts["pages_written" if result.changed else "pages_unchanged"] += 1
        for product_id in product_ids_with_provenance(installation.saleor_api_url):
            summary = provenance_summary_for(installation.saleor_api_url, product_id)
            if summary is None:
                continue
            status = services.sync_product_provenance(installation, summary).status
            counts[f"products_{status}"] = counts.get(f"products_{status}", 0) + 1
    except SaleorTransportError as error:
        return _retry(self, error)
    return counts


def enqueue_artisan_page_sync(installation_id: int, artisan_id: int) -> None:
    """Through the outbox: retried while Saleor is down, shown pending meanwhile."""
    enqueue_write(installation_id, writers.ARTISAN_PAGE, str(artisan_id))


def enqueue_artisan_page_syncs(artisan_id: int) -> None:
    """The artisan changed in the directory: re-sync their Page in every Saleor the App is
    installed in, once the change is committed (called in the change's transaction). The
    sync writes only what differs, and the App subscribes to no page event, so nothing loops."""
    for installation_id in Installation.objects.order_by("pk").values_list("pk", flat=True):
        enqueue_artisan_page_sync(installation_id, artisan_id)


def enqueue_product_sync(installation_id: int, saleor_product_id: str) -> None:
    enqueue_write(installation_id, writers.PRODUCT, saleor_product_id)


def enqueue_sync_all(installation_id: int) -> None:
    transaction.on_commit(lambda: sync_all_task.delay(installation_id))
