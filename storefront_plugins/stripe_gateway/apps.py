from django.apps import AppConfig


class StripeGatewayConfig(AppConfig):
    name = "storefront_plugins.stripe_gateway"
    label = "stripe_gateway"
    verbose_name = "Stripe gateway"

    def ready(self) -> None:
        from storefront_plugins.stripe_gateway.connect import register_stripe_event_handlers

        register_stripe_event_handlers()
