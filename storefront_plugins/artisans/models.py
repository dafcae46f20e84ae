import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from storefront_plugins.artisans.crafts import Craft, Material
from storefront_plugins.artisans.error_codes import ArtisanErrorCode
from storefront_plugins.artisans.regions import Region, country_of
from storefront_plugins.core.translations import TranslatedTextField

ICE_PATTERN = re.compile(r"\d{15}")
NIF_PATTERN = re.compile(r"\d{15}|\d{20}")


def validate_ice(value: str) -> None:
    """Morocco's Identifiant Commun de l'Entreprise: 15 digits."""
    if not ICE_PATTERN.fullmatch(value):
        raise ValidationError("An ICE is 15 digits.", code=ArtisanErrorCode.INVALID_ICE.value)


def validate_nif(value: str) -> None:
    """Algeria's Numéro d'Identification Fiscale: 15 digits (20 for some taxpayers)."""
    if not NIF_PATTERN.fullmatch(value):
        raise ValidationError("A NIF is 15 or 20 digits.", code=ArtisanErrorCode.INVALID_NIF.value)


def crafts_field() -> ArrayField:
    return ArrayField(
        models.CharField(max_length=32, choices=Craft.choices), default=list, blank=True
    )


class Role(models.TextChoices):
    ARTISAN = "artisan", "Artisan"
    MANAGER = "manager", "Manager"
    TREASURER = "treasurer", "Treasurer"


class Cooperative(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = TranslatedTextField()
    # Legal identifiers: ICE (required in Morocco), RC and IF; NIF in Algeria.
    ice = models.CharField("ICE", max_length=15, blank=True, validators=[validate_ice])
    rc = models.CharField("RC", max_length=50, blank=True)
    fiscal_identifier = models.CharField("IF", max_length=50, blank=True)
    nif = models.CharField("NIF", max_length=20, blank=True, validators=[validate_nif])
    region = models.CharField(max_length=5, choices=Region.choices)
    city = models.CharField(max_length=100)
    crafts = crafts_field()
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    logo = models.FileField(upload_to="cooperatives/logos/", blank=True)
    saleor_channel_slug = models.SlugField(max_length=100, blank=True)
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percent of each sale the cooperative keeps.",
    )
    is_published = models.BooleanField(default=False)
    members: "models.ManyToManyField[Artisan, Membership]" = models.ManyToManyField(
        "Artisan", through="Membership", related_name="cooperatives"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0, commission_rate__lte=100),
                name="cooperative_commission_rate_percent",
            ),
            models.UniqueConstraint(
                fields=["saleor_channel_slug"],
                condition=~models.Q(saleor_channel_slug=""),
                name="cooperative_unique_saleor_channel",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country(self) -> str:
        return country_of(self.region)

    def clean(self) -> None:
        if self.country == "MA" and not self.ice:
            raise ValidationError(
                {
                    "ice": ValidationError(
                        "A Moroccan cooperative needs its ICE.",
                        code=ArtisanErrorCode.REQUIRED.value,
                    )
                }
            )
        if self.country == "DZ" and not self.nif:
            raise ValidationError(
                {
                    "nif": ValidationError(
                        "An Algerian cooperative needs its NIF.",
                        code=ArtisanErrorCode.REQUIRED.value,
                    )
                }
            )


class Artisan(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    photo = models.FileField(upload_to="artisans/photos/", blank=True)
    bio = TranslatedTextField()
    region = models.CharField(max_length=5, choices=Region.choices)
    city = models.CharField(max_length=100)
    workshop = models.CharField(max_length=200, blank=True)
    crafts = crafts_field()
    techniques = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    years_of_practice = models.PositiveSmallIntegerField(null=True, blank=True)
    labels = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="artisan",
    )
    is_published = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    artisan = models.ForeignKey(Artisan, on_delete=models.CASCADE, related_name="memberships")
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ARTISAN)
    joined_at = models.DateTimeField(auto_now_add=True)
    # A suspended member stays listed but acts with no role in the cooperative until
    # reinstated (Viewer roles ignore the membership).
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["artisan", "cooperative"], name="membership_unique_artisan_cooperative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id} in {self.cooperative_id} as {self.role}"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


class Collector(models.Model):
    """Someone who gathers raw materials (wool, clay, leather, silver, cedar, argan...) for
    cooperatives."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    materials = ArrayField(
        models.CharField(max_length=32, choices=Material.choices), default=list, blank=True
    )
    regions = ArrayField(
        models.CharField(max_length=5, choices=Region.choices), default=list, blank=True
    )
    cooperatives = models.ManyToManyField(Cooperative, related_name="collectors", blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
