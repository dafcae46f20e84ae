from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "storefront_plugins.provenance"
    label = "provenance"
    verbose_name = "Provenance"
