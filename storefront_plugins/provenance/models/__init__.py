from storefront_plugins.provenance.models.certificates import Certificate, SigningKey

__all__ = ["Certificate", "SigningKey"]
