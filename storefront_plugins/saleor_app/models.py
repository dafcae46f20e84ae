from django.db import models

from storefront_plugins.saleor_app.encrypted_fields import EncryptedTextField


class Installation(models.Model):
    """One Saleor that installed the App, keyed by its API URL.

    A reinstall from the same Saleor replaces the token and keys in place.
    """

    saleor_api_url = models.URLField(max_length=500, unique=True)
    saleor_app_id = models.CharField(max_length=255)
    auth_token = EncryptedTextField()  # write access to the shop: encrypted at rest
    jwks = models.JSONField(default=dict)
    jwks_fetched_at = models.DateTimeField()
    installed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:  # never the token
        return f"Installation({self.saleor_api_url})"

    __repr__ = __str__


class WebhookDelivery(models.Model):
    """A verified webhook delivery from Saleor, stored before it is handled.

    Saleor retries a delivery that timed out with the same body, so the body's digest per
    installation and event identifies a delivery; a repeat is not stored or handled again.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        HANDLED = "handled"
        FAILED = "failed"

    installation = models.ForeignKey(
        Installation, related_name="webhook_deliveries", on_delete=models.CASCADE
    )
    event = models.CharField(max_length=64)
    body = models.TextField()
    body_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    received_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "event", "body_sha256"],
                name="saleor_app_delivery_once_per_body",
            )
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"WebhookDelivery({self.event} #{self.pk}, {self.status})"


class OutboxEntry(models.Model):
    """A write to Saleor still owed: "bring `key` of `kind` in this Saleor up to date".

    One row per (installation, kind, key): edits made before it is delivered coalesce into
    it, each one bumping `generation`. A delivery remembers the generation it started from
    and deletes the row only if no edit came meanwhile, so an edit made during a delivery
    is delivered again after it (`outbox.py`). Delivered entries are deleted: the table
    holds only what is outstanding.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERING = "delivering"
        FAILED = "failed"

    installation = models.ForeignKey(
        Installation, related_name="outbox_entries", on_delete=models.CASCADE
    )
    kind = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    generation = models.PositiveBigIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()  # outstanding since
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "kind", "key"], name="saleor_app_outbox_one_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "key"], name="saleor_app_outbox_kind_key"),
            models.Index(fields=["status", "next_attempt_at"], name="saleor_app_outbox_due"),
        ]

    def __str__(self) -> str:
        return f"OutboxEntry({self.kind} {self.key}, {self.status})"
