from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "saleor_sandbox"
    label = "sandbox"
    verbose_name = "Saleor sandbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The sandbox's own Celery app, so its tasks are sent with its broker settings.
        from saleor_sandbox import celery_app  # noqa: F401
