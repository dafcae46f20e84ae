from django.contrib.postgres.fields import ArrayField
from django.db import models

from saleor_sandbox.models.base import MONEY_DECIMALS, MONEY_DIGITS, MetadataModel


class Channel(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    is_active = models.BooleanField(default=True)
    currency_code = models.CharField(max_length=3)
    default_country = models.CharField(max_length=2)
    # Order settings
    automatically_confirm_all_new_orders = models.BooleanField(default=True)
    automatically_fulfill_non_shippable_gift_card = models.BooleanField(default=True)
    expire_orders_after = models.PositiveIntegerField(null=True, blank=True)  # minutes
    delete_expired_orders_after = models.PositiveIntegerField(default=60)  # days
    mark_as_paid_strategy = models.CharField(max_length=255, default="PAYMENT_FLOW")
    allow_unpaid_orders = models.BooleanField(default=False)
    include_draft_order_in_voucher_usage = models.BooleanField(default=False)
    # Checkout settings
    use_legacy_error_flow = models.BooleanField(default=True)
    automatically_complete_fully_paid_checkouts = models.BooleanField(default=False)
    # Payment settings
    default_transaction_flow_strategy = models.CharField(max_length=255, default="CHARGE")
    # Stock settings
    allocation_strategy = models.CharField(max_length=255, default="PRIORITIZE_SORTING_ORDER")

    class Meta:
        ordering = ["slug"]


class Warehouse(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    email = models.EmailField(blank=True)
    city = models.CharField(max_length=256, blank=True)
    country = models.CharField(max_length=2, blank=True)
    channels = models.ManyToManyField(Channel, related_name="warehouses", blank=True)

    class Meta:
        ordering = ["slug"]


class ShippingZone(MetadataModel):
    name = models.CharField(max_length=100)
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    channels = models.ManyToManyField(Channel, related_name="shipping_zones", blank=True)
    warehouses = models.ManyToManyField(Warehouse, related_name="shipping_zones", blank=True)

    class Meta:
        ordering = ["pk"]


class ShippingMethod(MetadataModel):
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=30, default="PRICE")
    shipping_zone = models.ForeignKey(
        ShippingZone, related_name="shipping_methods", on_delete=models.CASCADE
    )
    minimum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    description = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]


class ShippingMethodChannelListing(models.Model):
    shipping_method = models.ForeignKey(
        ShippingMethod, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        Channel, related_name="shipping_method_listings", on_delete=models.CASCADE
    )
    price_amount = models.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS)
    currency = models.CharField(max_length=3)
    minimum_order_price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )
    maximum_order_price_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shipping_method", "channel"], name="sandbox_shipping_listing_once"
            )
        ]


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, related_name="stocks", on_delete=models.CASCADE)
    product_variant = models.ForeignKey(
        "sandbox.ProductVariant", related_name="stocks", on_delete=models.CASCADE
    )
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "product_variant"], name="sandbox_stock_once_per_warehouse"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_allocated__gte=0), name="sandbox_stock_allocated_gte_0"
            ),
        ]
