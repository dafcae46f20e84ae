import uuid

from django.db import models

from saleor_sandbox.models.base import MONEY_DECIMALS, MONEY_DIGITS, MetadataModel


class Address(models.Model):
    first_name = models.CharField(max_length=256, blank=True)
    last_name = models.CharField(max_length=256, blank=True)
    company_name = models.CharField(max_length=256, blank=True)
    street_address_1 = models.CharField(max_length=256, blank=True)
    street_address_2 = models.CharField(max_length=256, blank=True)
    city = models.CharField(max_length=256, blank=True)
    city_area = models.CharField(max_length=128, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2)
    country_area = models.CharField(max_length=128, blank=True)
    phone = models.CharField(max_length=32, blank=True)

    def as_data(self) -> dict[str, str]:
        fields = [f.name for f in self._meta.fields if f.name != "id"]
        return {name: getattr(self, name) for name in fields}


class Checkout(MetadataModel):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_change = models.DateTimeField(auto_now=True)
    channel = models.ForeignKey("Channel", related_name="checkouts", on_delete=models.PROTECT)
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="checkouts", on_delete=models.SET_NULL
    )
    email = models.EmailField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    country = models.CharField(max_length=2)
    language_code = models.CharField(max_length=35, default="en")
    billing_address = models.ForeignKey(
        Address, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    shipping_address = models.ForeignKey(
        Address, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    shipping_method = models.ForeignKey(
        "ShippingMethod", null=True, blank=True, related_name="checkouts", on_delete=models.SET_NULL
    )
    note = models.TextField(blank=True)
    redirect_url = models.URLField(blank=True, null=True)
    # Set when checkoutComplete turned it into an order (Saleor then deletes the checkout;
    # the sandbox keeps the link so a repeated checkoutComplete returns the same order).
    completed_order = models.OneToOneField(
        "Order", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-last_change", "pk"]


class CheckoutLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("ProductVariant", related_name="+", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    price_override_amount = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, null=True, blank=True
    )
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
