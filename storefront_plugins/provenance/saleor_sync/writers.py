"""The write-back's writers for the App's outbox (`saleor_app.outbox`): each re-reads the
current state of an artisan or a product and converges Saleor to it (the services write
only what differs), so one delivery stands for every edit made before it."""

from storefront_plugins.artisans.models import Artisan
from storefront_plugins.provenance.saleor_sync import services
from storefront_plugins.provenance.saleor_sync.providers import provenance_summary_for
from storefront_plugins.saleor_app.client import SaleorClient
from storefront_plugins.saleor_app.models import Installation
from storefront_plugins.saleor_app.outbox import register_writer

ARTISAN_PAGE = "provenance.artisan_page"  # key: the artisan's id
PRODUCT = "provenance.product"  # key: the Saleor product's id


def _installation(client: SaleorClient) -> Installation:
    return Installation.objects.get(saleor_api_url=client.api_url)


def sync_artisan(client: SaleorClient, artisan_id: str) -> str:
    artisan = Artisan.objects.filter(pk=int(artisan_id)).first()
    if artisan is None:
        return "missing"
    result = services.sync_artisan_page(_installation(client), artisan, client=client)
    return "written" if result.changed else "unchanged"


def sync_product(client: SaleorClient, saleor_product_id: str) -> str:
    installation = _installation(client)
    summary = provenance_summary_for(installation.saleor_api_url, saleor_product_id)
    if summary is None:
        return "no_provenance"
    return services.sync_product_provenance(installation, summary, client=client).status


def write_artisan_page(client: SaleorClient, artisan_id: str) -> None:
    sync_artisan(client, artisan_id)


def write_product_provenance(client: SaleorClient, saleor_product_id: str) -> None:
    sync_product(client, saleor_product_id)


def register_writers() -> None:
    register_writer(ARTISAN_PAGE, write_artisan_page)
    register_writer(PRODUCT, write_product_provenance)
