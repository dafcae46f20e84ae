from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from storefront_plugins.artisans.crafts import Craft, Material
from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.core.translations import TranslatedTextField
from storefront_plugins.saleor_app.models import Installation


class ListingStatus(models.TextChoices):
    """Where the listing's current content is in moderation. Whether the piece is shown in
    the cooperative's channel is `Listing.is_published`: an approved listing whose content
    is edited goes back to SUBMITTED while Saleor keeps showing its approved content."""

    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Soumise"
    CHANGES_REQUESTED = "changes_requested", "Modifications demandées"
    APPROVED = "approved", "Approuvée"
    ARCHIVED = "archived", "Archivée"


class Listing(models.Model):
    """A piece an artisan offers in their cooperative's channel, written into Saleor as a
    product by the App once a manager of the cooperative approves it."""

    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="listings")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="listings")
    status = models.CharField(
        max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    is_published = models.BooleanField(default=False)
    title = TranslatedTextField()
    description = TranslatedTextField()
    saleor_category_id = models.CharField(max_length=255, blank=True)
    craft = models.CharField(max_length=32, choices=Craft.choices, blank=True)
    materials = ArrayField(
        models.CharField(max_length=32, choices=Material.choices), default=list, blank=True
    )
    length_cm = models.DecimalField(
        max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    width_cm = models.DecimalField(
        max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    height_cm = models.DecimalField(
        max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    weight_g = models.PositiveIntegerField(null=True, blank=True)
    price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3)
    stock = models.PositiveIntegerField(default=0)
    # Optimistic concurrency: every write bumps it; a write made on an older one is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The content Saleor shows (title, description, variants, photos...), set on approval;
    # price and stock are written from the live fields without moderation.
    approved_content = models.JSONField(null=True, blank=True)
    installation = models.ForeignKey(
        Installation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saleor_product_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["artisan", "-updated_at"]),
            models.Index(fields=["cooperative", "status", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_published=True) | Q(approved_content__isnull=False),
                name="listing_published_only_when_approved",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="listing_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Listing #{self.pk} ({self.status})"


class ListingVariant(models.Model):
    """One size or colour of a piece, with its own stock and, optionally, its own price."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="variants")
    label = TranslatedTextField()
    sku = models.CharField(max_length=64, blank=True)
    price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    stock = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    saleor_variant_id = models.CharField(max_length=255, blank=True)
    # Removed from a listing whose approved content still shows it: gone from Saleor, and
    # from here, once the listing is approved again.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sku"], condition=~Q(sku=""), name="listing_variant_unique_sku"
            )
        ]

    def __str__(self) -> str:
        return f"ListingVariant #{self.pk} of {self.listing_id}"


class ListingPhoto(models.Model):
    """A photo of the piece as the App processed it: a real image, re-encoded without any
    metadata (no GPS: a workshop is often a home), resized."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="listings/photos/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    alt = TranslatedTextField()
    saleor_media_id = models.CharField(max_length=255, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"ListingPhoto #{self.pk} of {self.listing_id}"


class ModerationDecision(models.TextChoices):
    APPROVED = "approved", "Approuvée"
    CHANGES_REQUESTED = "changes_requested", "Modifications demandées"


class ModerationComment(models.Model):
    """A message between the artisan and the cooperative's managers about a listing, with
    the decision it came with, if any."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=ModerationDecision.choices, blank=True)
    listing_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"ModerationComment #{self.pk} on {self.listing_id}"


class ListingEvent(models.Model):
    """One row per change of a listing's state, written in the same transaction."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=20, choices=ListingStatus.choices)
    to_status = models.CharField(max_length=20, choices=ListingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} on {self.listing_id}: {self.from_status} -> {self.to_status}"
