from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "storefront_plugins.dashboard"
    label = "dashboard"
    verbose_name = "Saleor Dashboard extensions"
