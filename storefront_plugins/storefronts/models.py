"""A cooperative's storefront: its address, languages, theme, hero images and editorial
pages. The cooperative is the directory's (artisans app), named by id only: storefronts read
it through the directory's services, never its tables."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from storefront_plugins.core.translations import TranslatedTextField
from storefront_plugins.storefronts.themes import (
    MAX_PRODUCT_GRID,
    MIN_PRODUCT_GRID,
    Font,
    HeroLayout,
    PageKind,
    Pattern,
)


def default_languages() -> list[str]:
    return ["fr", "ar", "en"]


class Storefront(models.Model):
    cooperative_id = models.BigIntegerField(unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    channel_slug = models.SlugField(max_length=100, unique=True)
    name = TranslatedTextField()
    tagline = TranslatedTextField()
    domain = models.CharField(max_length=253, unique=True, null=True, blank=True)
    path = models.CharField(max_length=100, unique=True)
    languages = ArrayField(models.CharField(max_length=2), default=default_languages)
    default_language = models.CharField(max_length=2, default="fr")
    is_published = models.BooleanField(default=False)
    # The theme.
    primary_color = models.CharField(max_length=7, default="#1f4e79")
    accent_color = models.CharField(max_length=7, default="#c8962e")
    background_color = models.CharField(max_length=7, default="#fbf8f2")
    text_color = models.CharField(max_length=7, default="#1d1b18")
    heading_font = models.CharField(max_length=32, choices=Font.choices, default=Font.CLASSIC_SERIF)
    body_font = models.CharField(max_length=32, choices=Font.choices, default=Font.SYSTEM_SANS)
    logo_url = models.CharField(max_length=500, blank=True)
    pattern = models.CharField(max_length=16, choices=Pattern.choices, default=Pattern.NONE)
    product_grid = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(MIN_PRODUCT_GRID), MaxValueValidator(MAX_PRODUCT_GRID)],
    )
    hero_layout = models.CharField(
        max_length=8, choices=HeroLayout.choices, default=HeroLayout.FULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(product_grid__gte=MIN_PRODUCT_GRID, product_grid__lte=MAX_PRODUCT_GRID),
                name="storefront_product_grid_columns",
            ),
            models.CheckConstraint(
                condition=Q(default_language__in=["fr", "ar", "en"]),
                name="storefront_default_language_known",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class HeroImage(models.Model):
    storefront = models.ForeignKey(Storefront, on_delete=models.CASCADE, related_name="hero_images")
    position = models.PositiveSmallIntegerField(default=0)
    url = models.CharField(max_length=500)
    alt = TranslatedTextField()
    width = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    height = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(width__gt=0, height__gt=0), name="storefront_hero_image_size"
            )
        ]

    def __str__(self) -> str:
        return self.url


class StorefrontPage(models.Model):
    """An editorial page: our story, the artisans, shipping and returns, or another."""

    storefront = models.ForeignKey(Storefront, on_delete=models.CASCADE, related_name="pages")
    kind = models.CharField(max_length=32, choices=PageKind.choices)
    slug = models.SlugField(max_length=100)
    title = TranslatedTextField()
    body = TranslatedTextField()
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["storefront", "slug"], name="storefront_page_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["storefront", "kind"],
                condition=~Q(kind=PageKind.CUSTOM),
                name="storefront_page_one_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.storefront_id}/{self.slug}"
