import uuid
from typing import Any

from django.db import connection, models

from saleor_sandbox.models.base import MONEY_DECIMALS, MONEY_DIGITS, MetadataModel


def _money() -> "models.DecimalField[Any, Any]":
    return models.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, default=0)


class Order(MetadataModel):
    class Status(models.TextChoices):
        DRAFT = "draft"
        UNCONFIRMED = "unconfirmed"
        UNFULFILLED = "unfulfilled"
        PARTIALLY_FULFILLED = "partially fulfilled"
        PARTIALLY_RETURNED = "partially returned"
        RETURNED = "returned"
        FULFILLED = "fulfilled"
        CANCELED = "canceled"
        EXPIRED = "expired"

    class ChargeStatus(models.TextChoices):
        NONE = "none"
        PARTIAL = "partial"
        FULL = "full"
        OVERCHARGED = "overcharged"

    class AuthorizeStatus(models.TextChoices):
        NONE = "none"
        PARTIAL = "partial"
        FULL = "full"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.UNFULFILLED)
    charge_status = models.CharField(
        max_length=32, choices=ChargeStatus.choices, default=ChargeStatus.NONE
    )
    authorize_status = models.CharField(
        max_length=32, choices=AuthorizeStatus.choices, default=AuthorizeStatus.NONE
    )
    origin = models.CharField(max_length=32, default="CHECKOUT")  # CHECKOUT, DRAFT, REISSUE
    checkout_token = models.CharField(max_length=36, blank=True)
    channel = models.ForeignKey("Channel", related_name="orders", on_delete=models.PROTECT)
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="orders", on_delete=models.SET_NULL
    )
    user_email = models.EmailField(blank=True)
    language_code = models.CharField(max_length=35, default="en")
    currency = models.CharField(max_length=3)
    billing_address = models.ForeignKey(
        "Address", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    shipping_address = models.ForeignKey(
        "Address", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    shipping_method = models.ForeignKey(
        "ShippingMethod", null=True, blank=True, related_name="orders", on_delete=models.SET_NULL
    )
    shipping_method_name = models.CharField(max_length=255, null=True, blank=True)
    shipping_price_net_amount = _money()
    shipping_price_gross_amount = _money()
    shipping_tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    undiscounted_base_shipping_price_amount = _money()
    subtotal_net_amount = _money()
    subtotal_gross_amount = _money()
    total_net_amount = _money()
    total_gross_amount = _money()
    undiscounted_total_net_amount = _money()
    undiscounted_total_gross_amount = _money()
    # Sums over the order's transactions, kept by the payments service.
    total_charged_amount = _money()
    total_authorized_amount = _money()
    # What orderMarkAsPaid with the PAYMENT_FLOW strategy captured: Saleor records it as a
    # legacy Payment, which the sandbox does not model; it counts towards total charged.
    manual_payment_captured_amount = _money()
    customer_note = models.TextField(blank=True)
    redirect_url = models.URLField(blank=True, null=True)
    external_reference = models.CharField(max_length=250, null=True, blank=True)

    class Meta:
        ordering = ["-number"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.number is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval('sandbox_order_number_seq')")
                self.number = cursor.fetchone()[0]
        super().save(*args, **kwargs)


class OrderLine(MetadataModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        "ProductVariant",
        null=True,
        blank=True,
        related_name="order_lines",
        on_delete=models.SET_NULL,
    )
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True)
    # in the order's language when the product has a translation in it, else "" (Saleor)
    translated_product_name = models.CharField(max_length=386, blank=True, default="")
    translated_variant_name = models.CharField(max_length=255, blank=True, default="")
    product_sku = models.CharField(max_length=255, null=True, blank=True)
    product_variant_id = models.CharField(max_length=255, null=True, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    unit_price_net_amount = _money()
    unit_price_gross_amount = _money()
    undiscounted_unit_price_net_amount = _money()
    undiscounted_unit_price_gross_amount = _money()
    total_price_net_amount = _money()
    total_price_gross_amount = _money()
    undiscounted_total_price_net_amount = _money()
    undiscounted_total_price_gross_amount = _money()
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Allocation(models.Model):
    order_line = models.ForeignKey(OrderLine, related_name="allocations", on_delete=models.CASCADE)
    stock = models.ForeignKey("Stock", related_name="allocations", on_delete=models.CASCADE)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order_line", "stock"], name="sandbox_allocation_once")
        ]


class Fulfillment(MetadataModel):
    order = models.ForeignKey(Order, related_name="fulfillments", on_delete=models.CASCADE)
    fulfillment_order = models.PositiveIntegerField()
    status = models.CharField(max_length=32, default="fulfilled")
    tracking_number = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(OrderLine, related_name="+", on_delete=models.CASCADE)
    stock = models.ForeignKey(
        "Stock", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    quantity = models.PositiveIntegerField()


class OrderEvent(models.Model):
    """Saleor's order history: one row per thing that happened to an order."""

    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    date = models.DateTimeField(auto_now_add=True)
    type = models.CharField(max_length=255)  # OrderEventsEnum value, e.g. PLACED
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    app = models.ForeignKey(
        "App", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    parameters = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["date", "pk"]


class OrderGrantedRefund(models.Model):
    class Status(models.TextChoices):
        NONE = "none"
        PENDING = "pending"
        SUCCESS = "success"
        FAILURE = "failure"

    order = models.ForeignKey(Order, related_name="granted_refunds", on_delete=models.CASCADE)
    amount_value = _money()
    currency = models.CharField(max_length=3)
    reason = models.TextField(blank=True)
    reason_reference = models.ForeignKey(
        "Page", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    shipping_costs_included = models.BooleanField(default=False)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.NONE)
    transaction_item = models.ForeignKey(
        "TransactionItem",
        null=True,
        blank=True,
        related_name="granted_refunds",
        on_delete=models.SET_NULL,
    )
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    app = models.ForeignKey(
        "App", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]


class OrderGrantedRefundLine(models.Model):
    granted_refund = models.ForeignKey(
        OrderGrantedRefund, related_name="lines", on_delete=models.CASCADE
    )
    order_line = models.ForeignKey(
        OrderLine, related_name="granted_refund_lines", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField()
    reason = models.TextField(blank=True)
    reason_reference = models.ForeignKey(
        "Page", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )


class RefundSettings(models.Model):
    """Saleor's shop-wide refund settings (one row): which page type refund reasons use."""

    reason_reference_type = models.ForeignKey(
        "PageType", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    @classmethod
    def load(cls) -> "RefundSettings":
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings
