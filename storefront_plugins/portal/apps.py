from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "storefront_plugins.portal"
    label = "portal"
    verbose_name = "Artisans' and cooperatives' portal"
