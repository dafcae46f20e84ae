"""Translations of catalogue objects, one row per object and language, as Saleor keeps
them (`language_code` in Saleor's stored form: "ar", "en", "fr-ma")."""

from django.db import models

from saleor_sandbox.models.catalogue import Category, Collection, Product, ProductVariant


class Translation(models.Model):
    language_code = models.CharField(max_length=35)

    class Meta:
        abstract = True


class SeoTranslation(Translation):
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        abstract = True


class ProductTranslation(SeoTranslation):
    product = models.ForeignKey(Product, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=250, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)

    class Meta:
        ordering = ["language_code", "product", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "product"], name="sandbox_product_translation_once"
            )
        ]


class ProductVariantTranslation(Translation):
    product_variant = models.ForeignKey(
        ProductVariant, related_name="translations", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["language_code", "product_variant", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "product_variant"],
                name="sandbox_variant_translation_once",
            )
        ]


class CategoryTranslation(SeoTranslation):
    category = models.ForeignKey(Category, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=128, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)

    class Meta:
        ordering = ["language_code", "category", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "category"], name="sandbox_category_translation_once"
            )
        ]


class CollectionTranslation(SeoTranslation):
    collection = models.ForeignKey(
        Collection, related_name="translations", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=128, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)

    class Meta:
        ordering = ["language_code", "collection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "collection"],
                name="sandbox_collection_translation_once",
            )
        ]
