from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "saleor_sandbox"
    label = "sandbox"
    verbose_name = "Saleor sandbox"
    default_auto_field = "django.db.models.BigAutoField"
