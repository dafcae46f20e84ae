from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "storefront_plugins.provenance"
    label = "provenance"
    verbose_name = "Provenance"

    def ready(self) -> None:
        from storefront_plugins.artisans import hooks
        from storefront_plugins.provenance.saleor_sync import providers, sources
        from storefront_plugins.provenance.saleor_sync.tasks import enqueue_artisan_page_syncs
        from storefront_plugins.provenance.saleor_sync.webhooks import register_webhook_handlers
        from storefront_plugins.provenance.saleor_sync.writers import register_writers

        providers.register_defaults(
            summary_for=sources.summary_for,
            product_ids=sources.product_ids,
            product_deleted=sources.product_deleted,
        )
        register_webhook_handlers()
        register_writers()
        # Artisan profile edits reach their Saleor Page.
        hooks.on_artisan_changed(enqueue_artisan_page_syncs)
