from django.db import models
from django.db.models import Q

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance.models.provenance import ProductProvenance


class CertificationScheme(models.TextChoices):
    MOROCCO_HANDMADE = "morocco_handmade", "Label national Fait main Maroc"
    COLLECTIVE_MARK = "collective_mark", "Marque collective"
    GEOGRAPHICAL_INDICATION = "geographical_indication", "Indication géographique"
    FAIR_TRADE = "fair_trade", "Garantie commerce équitable"


class Certification(models.Model):
    """A label held by a cooperative, an artisan or one piece (exactly one of them)."""

    scheme = models.CharField(max_length=32, choices=CertificationScheme.choices)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=64, blank=True)
    issuer = models.CharField(max_length=200)
    certificate_number = models.CharField(max_length=100, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    evidence = models.FileField(upload_to="provenance/certifications/", blank=True)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, null=True, blank=True, related_name="certifications"
    )
    artisan = models.ForeignKey(
        Artisan, on_delete=models.CASCADE, null=True, blank=True, related_name="certifications"
    )
    provenance = models.ForeignKey(
        ProductProvenance,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certifications",
    )

    class Meta:
        ordering = ["scheme", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(cooperative__isnull=False, artisan__isnull=True, provenance__isnull=True)
                    | Q(cooperative__isnull=True, artisan__isnull=False, provenance__isnull=True)
                    | Q(cooperative__isnull=True, artisan__isnull=True, provenance__isnull=False)
                ),
                name="provenance_certification_has_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="provenance_certification_valid_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.level}".strip()
