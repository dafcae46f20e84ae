from django.apps import AppConfig


class StorefrontsConfig(AppConfig):
    name = "storefront_plugins.storefronts"
    label = "storefronts"
    verbose_name = "Cooperative storefronts"
