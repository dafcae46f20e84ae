from django.db import models
from django.db.models import Q


class SigningKey(models.Model):
    """An Ed25519 key that signs certificates; its id is the RFC 7638 thumbprint.

    One key is active and signs; retired keys keep verifying what they signed.
    """

    kid = models.CharField(primary_key=True, max_length=43)
    public_key = models.BinaryField()  # 32 raw bytes
    private_key_encrypted = models.TextField()  # Fernet under a key derived from SECRET_KEY
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="provenance_one_active_key"
            ),
            models.CheckConstraint(
                condition=Q(active=True, retired_at__isnull=True)
                | Q(active=False, retired_at__isnull=False),
                name="provenance_key_retired_iff_inactive",
            ),
        ]

    def __str__(self) -> str:  # never the private key
        return f"SigningKey({self.kid}, {'active' if self.active else 'retired'})"

    __repr__ = __str__


class Certificate(models.Model):
    """A signed provenance document for a Saleor product (or variant).

    `document` holds the exact canonical bytes that were signed (UTF-8 JSON). The id and
    serial derive from the claim, so an identical claim is the same certificate. Per
    subject one certificate is current (`superseded_at` null); the others point to the one
    that replaced them.
    """

    id = models.UUIDField(primary_key=True)
    serial = models.CharField(max_length=16, unique=True)
    product_id = models.CharField(max_length=255)
    variant_id = models.CharField(max_length=255, blank=True, default="")
    gtin = models.CharField(max_length=14, blank=True, default="")
    document = models.TextField()
    signature = models.CharField(max_length=100)
    signing_key = models.ForeignKey(
        SigningKey, related_name="certificates", on_delete=models.PROTECT
    )
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True, default="")
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", related_name="+", null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["product_id", "variant_id"],
                condition=Q(superseded_at__isnull=True),
                name="provenance_one_current_certificate_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="provenance_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["product_id", "variant_id"])]

    def __str__(self) -> str:
        return f"Certificate({self.serial}, {self.product_id})"

    @property
    def document_bytes(self) -> bytes:
        return self.document.encode("utf-8")
