import hashlib

from django.contrib.postgres.fields import ArrayField
from django.db import models

from saleor_sandbox.models.base import MetadataModel


class App(MetadataModel):
    class Type(models.TextChoices):
        LOCAL = "local"  # created by hand (appCreate); no access token for the Dashboard
        THIRDPARTY = "thirdparty"  # installed from a manifest

    identifier = models.CharField(max_length=256, blank=True)
    type = models.CharField(max_length=60, choices=Type.choices, default=Type.LOCAL)
    audience = models.CharField(max_length=256, blank=True)  # the `aud` of its access tokens
    name = models.CharField(max_length=60)
    is_active = models.BooleanField(default=True)
    is_installed = models.BooleanField(default=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    permissions = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    about_app = models.TextField(blank=True)
    version = models.CharField(max_length=60, blank=True)
    author = models.CharField(max_length=60, blank=True)
    app_url = models.URLField(blank=True)
    homepage_url = models.URLField(blank=True)
    support_url = models.URLField(blank=True)
    data_privacy_url = models.URLField(blank=True)
    manifest_url = models.URLField(blank=True)
    token_target_url = models.URLField(blank=True)
    brand_logo_default = models.URLField(blank=True)
    required_saleor_version = models.CharField(max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]


class AppExtension(models.Model):
    """A view the app mounts in the Dashboard (manifest `extensions`); mount and target
    are kept in lower case, as Saleor 3.22+ does, and shown upper-cased."""

    app = models.ForeignKey(App, related_name="extensions", on_delete=models.CASCADE)
    label = models.CharField(max_length=256)
    url = models.URLField()  # absolute, or relative to the app's URL ("/dashboard/...")
    mount = models.CharField(max_length=256)
    target = models.CharField(max_length=128, default="popup")
    permissions = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    settings = models.JSONField(default=dict, blank=True)  # the manifest's `options`
    identifier = models.CharField(max_length=256, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["app", "identifier"], name="sandbox_app_extension_identifier_unique"
            )
        ]


class AppToken(models.Model):
    """An app's auth token: kept as a SHA-256 digest plus its last four characters."""

    app = models.ForeignKey(App, related_name="tokens", on_delete=models.CASCADE)
    name = models.CharField(max_length=128, blank=True)
    token_digest = models.CharField(max_length=64, unique=True)
    token_last_4 = models.CharField(max_length=4)

    @staticmethod
    def digest(raw_token: str) -> str:
        return hashlib.sha256(raw_token.encode()).hexdigest()


class AppInstallation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        SUCCESS = "success"
        FAILED = "failed"
        INSTALLED = "installed"

    app_name = models.CharField(max_length=60)
    manifest_url = models.URLField()
    status = models.CharField(max_length=50, choices=Status.choices, default=Status.PENDING)
    message = models.CharField(max_length=255, blank=True)
    activate_after_installation = models.BooleanField(default=True)
    permissions = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class Webhook(models.Model):
    app = models.ForeignKey(App, related_name="webhooks", on_delete=models.CASCADE)
    name = models.CharField(max_length=255)
    target_url = models.URLField(max_length=255)
    is_active = models.BooleanField(default=True)
    secret_key = models.CharField(max_length=255, blank=True)
    subscription_query = models.TextField(blank=True)
    async_events = ArrayField(models.CharField(max_length=128), default=list, blank=True)
    sync_events = ArrayField(models.CharField(max_length=128), default=list, blank=True)
    custom_headers = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class EventDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        SUCCESS = "success"
        FAILED = "failed"

    webhook = models.ForeignKey(Webhook, related_name="deliveries", on_delete=models.CASCADE)
    event_type = models.CharField(max_length=255)
    payload = models.TextField()
    status = models.CharField(max_length=255, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class EventDeliveryAttempt(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        SUCCESS = "success"
        FAILED = "failed"

    delivery = models.ForeignKey(EventDelivery, related_name="attempts", on_delete=models.CASCADE)
    status = models.CharField(max_length=255, choices=Status.choices, default=Status.PENDING)
    duration = models.FloatField(null=True)  # seconds, as Saleor's `duration`
    request_headers = models.JSONField(default=dict)
    response = models.TextField(blank=True)
    response_headers = models.JSONField(default=dict)
    response_status_code = models.PositiveSmallIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
