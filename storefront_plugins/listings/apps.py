from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "storefront_plugins.listings"
    label = "listings"
    verbose_name = "Listings"

    def ready(self) -> None:
        from storefront_plugins.listings.saleor_writer import LISTING_WRITE_KIND, write_listing
        from storefront_plugins.saleor_app.outbox import register_writer

        register_writer(LISTING_WRITE_KIND, write_listing)
