from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from storefront_plugins.artisans.crafts import Craft
from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.core.translations import TranslatedTextField
from storefront_plugins.provenance.materials import ProvenanceMaterial
from storefront_plugins.provenance.models.certificates import Certificate

FULL_SHARE = 10_000  # basis points: the shares of a piece sum to this


class QualityResult(models.TextChoices):
    PASSED = "passed", "Conforme"
    FAILED = "failed", "Non conforme"


class ContributionRole(models.TextChoices):
    MADE = "made", "Fabriqué"
    THROWN = "thrown", "Tourné"
    PAINTED = "painted", "Peint"
    GLAZED = "glazed", "Émaillé"
    CUT = "cut", "Taillé"
    WOVEN = "woven", "Tissé"
    KNOTTED = "knotted", "Noué"
    EMBROIDERED = "embroidered", "Brodé"
    STITCHED = "stitched", "Cousu"
    ENGRAVED = "engraved", "Ciselé"
    ASSEMBLED = "assembled", "Assemblé"
    FINISHED = "finished", "Fini"


class ProductProvenance(models.Model):
    """Who made a Saleor product (or one of its variants), where, how and from what."""

    saleor_product_id = models.CharField(max_length=255)
    saleor_variant_id = models.CharField(max_length=255, blank=True, default="")
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="provenances"
    )
    created_by = models.ForeignKey(
        Artisan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    workshop = models.CharField(max_length=200, blank=True)
    craft = models.CharField(max_length=32, choices=Craft.choices, blank=True)
    technique = TranslatedTextField()
    time_to_make_hours = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    made_on = models.DateField(null=True, blank=True)
    # The cooperative's quality check: by a member, or by a named person.
    quality_checked_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quality_checked_by_name = models.CharField(max_length=200, blank=True)
    quality_checked_on = models.DateField(null=True, blank=True)
    quality_result = models.CharField(max_length=8, choices=QualityResult.choices, blank=True)
    quality_notes = TranslatedTextField()
    gtin = models.CharField(max_length=14, blank=True)
    # EU General Product Safety Regulation: who answers for the piece in the EU.
    eu_manufacturer_name = models.CharField(max_length=200, blank=True)
    eu_manufacturer_address = models.TextField(blank=True)
    eu_manufacturer_email = models.EmailField(blank=True)
    eu_responsible_person_name = models.CharField(max_length=200, blank=True)
    eu_responsible_person_address = models.TextField(blank=True)
    eu_responsible_person_email = models.EmailField(blank=True)
    is_published = models.BooleanField(default=False)
    certificate = models.ForeignKey(
        Certificate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when Saleor tells us the product was deleted (PRODUCT_DELETED): the piece is no
    # longer offered; its provenance stays true, its certificates keep verifying.
    removed_from_saleor_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saleor_product_id", "saleor_variant_id"],
                name="provenance_unique_product_variant",
            ),
            models.CheckConstraint(
                condition=Q(time_to_make_hours__isnull=True) | Q(time_to_make_hours__gt=0),
                name="provenance_time_to_make_positive",
            ),
        ]

    def __str__(self) -> str:
        variant = f"/{self.saleor_variant_id}" if self.saleor_variant_id else ""
        return f"Provenance({self.saleor_product_id}{variant})"


class Contribution(models.Model):
    """An artisan's part in a piece, in basis points; a piece's shares sum to 10000."""

    provenance = models.ForeignKey(
        ProductProvenance, on_delete=models.CASCADE, related_name="contributions"
    )
    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="contributions")
    share = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(FULL_SHARE)]
    )
    role = models.CharField(max_length=16, choices=ContributionRole.choices)

    class Meta:
        ordering = ["-share", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provenance", "artisan"], name="provenance_one_contribution_per_artisan"
            ),
            models.CheckConstraint(
                condition=Q(share__gte=1, share__lte=FULL_SHARE),
                name="provenance_share_basis_points",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id} {self.role} {self.share}bp"


class MaterialUse(models.Model):
    provenance = models.ForeignKey(
        ProductProvenance, on_delete=models.CASCADE, related_name="materials"
    )
    material = models.CharField(max_length=32, choices=ProvenanceMaterial.choices)
    lot_code = models.CharField(max_length=64, blank=True)
    quantity = models.CharField(max_length=64, blank=True, help_text="With its unit: 3,5 kg.")
    collector = models.ForeignKey(
        Collector, on_delete=models.PROTECT, null=True, blank=True, related_name="material_uses"
    )
    origin_region = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.material} {self.lot_code}"
