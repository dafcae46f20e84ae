from typing import Any

from django.db import models

from saleor_sandbox.models.base import MONEY_DECIMALS, MONEY_DIGITS, MetadataModel


class PageType(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    attributes: "models.ManyToManyField[Attribute, Any]" = models.ManyToManyField(
        "Attribute", related_name="page_types", blank=True
    )

    class Meta:
        ordering = ["slug"]


class Page(MetadataModel):
    page_type = models.ForeignKey(PageType, related_name="pages", on_delete=models.CASCADE)
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    content = models.JSONField(null=True, blank=True)  # Editor.js JSON, as Saleor
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]


class Attribute(MetadataModel):
    class InputType(models.TextChoices):
        DROPDOWN = "dropdown"
        MULTISELECT = "multiselect"
        PLAIN_TEXT = "plain-text"
        RICH_TEXT = "rich-text"
        NUMERIC = "numeric"
        BOOLEAN = "boolean"
        REFERENCE = "reference"
        SINGLE_REFERENCE = "single-reference"
        DATE = "date"

    class EntityType(models.TextChoices):
        PAGE = "Page"
        PRODUCT = "Product"
        PRODUCT_VARIANT = "ProductVariant"

    class Type(models.TextChoices):
        PRODUCT_TYPE = "product-type"
        PAGE_TYPE = "page-type"

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=250, unique=True)
    type = models.CharField(max_length=50, choices=Type.choices, default=Type.PRODUCT_TYPE)
    input_type = models.CharField(max_length=50, choices=InputType.choices)
    entity_type = models.CharField(max_length=50, choices=EntityType.choices, blank=True)
    # Saleor 3.22+: which page types a REFERENCE attribute may point at (empty: any)
    reference_page_types = models.ManyToManyField(
        PageType, related_name="referenced_by_attributes", blank=True
    )
    value_required = models.BooleanField(default=False)
    visible_in_storefront = models.BooleanField(default=True)
    filterable_in_storefront = models.BooleanField(default=True)

    class Meta:
        ordering = ["slug"]


class AttributeValue(models.Model):
    attribute = models.ForeignKey(Attribute, related_name="values", on_delete=models.CASCADE)
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255)
    plain_text = models.TextField(blank=True)
    boolean = models.BooleanField(null=True, blank=True)
    date_time = models.DateTimeField(null=True, blank=True)
    reference_page = models.ForeignKey(
        Page, null=True, blank=True, related_name="references", on_delete=models.CASCADE
    )
    reference_product = models.ForeignKey(
        "Product", null=True, blank=True, related_name="references", on_delete=models.CASCADE
    )
    reference_variant = models.ForeignKey(
        "ProductVariant", null=True, blank=True, related_name="references", on_delete=models.CASCADE
    )
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "slug"], name="sandbox_value_slug_unique")
        ]


class ProductType(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=32, default="NORMAL")
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    product_attributes = models.ManyToManyField(Attribute, related_name="product_types", blank=True)
    variant_attributes = models.ManyToManyField(
        Attribute, related_name="variant_product_types", blank=True
    )

    class Meta:
        ordering = ["slug"]


class Category(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.CASCADE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]


class Collection(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(null=True, blank=True)
    products: "models.ManyToManyField[Product, Any]" = models.ManyToManyField(
        "Product", related_name="collections", blank=True
    )
    channels: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "Channel", related_name="collections", blank=True
    )  # published in these channels

    class Meta:
        ordering = ["slug"]


class Product(MetadataModel):
    product_type = models.ForeignKey(ProductType, related_name="products", on_delete=models.CASCADE)
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(null=True, blank=True)
    description_plaintext = models.TextField(blank=True)
    search_vector = models.TextField(blank=True)  # lower-cased name, description, sku...
    category = models.ForeignKey(
        Category, null=True, blank=True, related_name="products", on_delete=models.SET_NULL
    )
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    weight_kg = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    rating = models.FloatField(null=True, blank=True)
    external_reference = models.CharField(max_length=250, null=True, blank=True, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]


class ProductVariant(MetadataModel):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    sku = models.CharField(max_length=255, null=True, blank=True, unique=True)
    name = models.CharField(max_length=255, blank=True)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.IntegerField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    external_reference = models.CharField(max_length=250, null=True, blank=True, unique=True)
    sort_order = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "pk"]


class SelectedAttributeValue(models.Model):
    """A value assigned to a product or a variant for one of its type's attributes."""

    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE)
    value = models.ForeignKey(AttributeValue, on_delete=models.CASCADE)
    product = models.ForeignKey(
        Product, null=True, blank=True, related_name="attribute_values", on_delete=models.CASCADE
    )
    variant = models.ForeignKey(
        ProductVariant,
        null=True,
        blank=True,
        related_name="attribute_values",
        on_delete=models.CASCADE,
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, related_name="attribute_values", on_delete=models.CASCADE
    )
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey(
        "Channel", related_name="product_listings", on_delete=models.CASCADE
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    discounted_price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "channel"], name="sandbox_product_listing_once"
            )
        ]


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(
        ProductVariant, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "Channel", related_name="variant_listings", on_delete=models.CASCADE
    )
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )
    cost_price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )
    prior_price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "channel"], name="sandbox_variant_listing_once"
            )
        ]


class ProductMedia(models.Model):
    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    variants = models.ManyToManyField(ProductVariant, related_name="media", blank=True)
    type = models.CharField(max_length=32, default="IMAGE")  # IMAGE or VIDEO
    image = models.CharField(max_length=500, blank=True)  # path under the media root
    external_url = models.CharField(max_length=500, blank=True)
    alt = models.CharField(max_length=250, blank=True)
    oembed_data = models.JSONField(default=dict, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
