from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "storefront_plugins.api"
    label = "api"
    verbose_name = "The App's GraphQL API"
