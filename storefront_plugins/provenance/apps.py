from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "storefront_plugins.provenance"
    label = "provenance"
    verbose_name = "Provenance"

    def ready(self) -> None:
        from storefront_plugins.provenance.saleor_sync.webhooks import register_webhook_handlers

        register_webhook_handlers()
