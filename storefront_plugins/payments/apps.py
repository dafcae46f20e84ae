from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "storefront_plugins.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from storefront_plugins.payments.sessions import register_sync_webhooks
        from storefront_plugins.payments.stripe_events import register_stripe_event_handlers
        from storefront_plugins.payments.webhooks import register_webhook_handlers

        register_sync_webhooks()
        register_stripe_event_handlers()
        register_webhook_handlers()
