from django.apps import AppConfig


class SaleorAppConfig(AppConfig):
    name = "storefront_plugins.saleor_app"
    label = "saleor_app"
    verbose_name = "Saleor App"
