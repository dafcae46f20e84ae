from django.db import models

from storefront_plugins.saleor_app.models import Installation


class Flow(models.TextChoices):
    """Saleor's `TransactionFlowStrategyEnum`: charge at once, or authorize and capture later."""

    CHARGE = "CHARGE"
    AUTHORIZATION = "AUTHORIZATION"


class Payment(models.Model):
    """A Saleor transaction this App is the gateway of, and the Stripe PaymentIntent paying it.

    The row is written before the PaymentIntent is created, so a retried session creates it
    with the same idempotency key; `payment_intent_id` is empty until Stripe answered."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE)
    saleor_transaction_id = models.CharField(max_length=255)
    payment_intent_id = models.CharField(max_length=255, blank=True, default="")
    flow = models.CharField(max_length=16, choices=Flow.choices)
    amount = models.BigIntegerField(help_text="Minor units of `currency`.")
    currency = models.CharField(max_length=3)
    source_id = models.CharField(max_length=255, help_text="The Saleor checkout or order.")
    channel_slug = models.CharField(max_length=255, blank=True, default="")
    saleor_order_id = models.CharField(max_length=255, blank=True, default="")
    transfer_group = models.CharField(
        max_length=255, blank=True, default="", help_text="Set on the PaymentIntent."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "saleor_transaction_id"],
                name="payments_payment_one_per_transaction",
            ),
            models.UniqueConstraint(
                fields=["payment_intent_id"],
                condition=~models.Q(payment_intent_id=""),
                name="payments_payment_one_per_intent",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payments_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return f"Payment({self.saleor_transaction_id}: {self.payment_intent_id or '-'})"


class ReportedEvent(models.Model):
    """A transaction event Saleor has from this App, by an answer to a session or action
    request or by transactionEventReport: the App tells Saleor each one once."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="reported")
    type = models.CharField(max_length=64)  # TransactionEventTypeEnum
    psp_reference = models.CharField(max_length=255)
    amount = models.BigIntegerField(help_text="Minor units of the payment's currency.")
    stripe_event_id = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "type", "psp_reference", "amount"],
                name="payments_reported_event_once",
            )
        ]

    def __str__(self) -> str:
        return f"ReportedEvent({self.type} {self.psp_reference} {self.amount})"
