from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "storefront_plugins.payouts"
    label = "payouts"
    verbose_name = "Payouts"

    def ready(self) -> None:
        from storefront_plugins.payouts.webhooks import register_webhook_handlers

        register_webhook_handlers()
