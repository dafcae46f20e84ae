from django.apps import AppConfig


class ArtisansConfig(AppConfig):
    name = "storefront_plugins.artisans"
    label = "artisans"
    verbose_name = "Artisans and cooperatives"
