import uuid
from typing import Any

from django.db import models

from saleor_sandbox.models.base import MONEY_DECIMALS, MONEY_DIGITS, MetadataModel


def _money() -> "models.DecimalField[Any, Any]":
    return models.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, default=0)


class TransactionItem(MetadataModel):
    """A payment at a PSP, as Saleor's Transactions API keeps it; amounts are derived from
    its events by the payments service and stored for querying."""

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    name = models.CharField(max_length=512, blank=True)
    message = models.CharField(max_length=512, blank=True)
    psp_reference = models.CharField(max_length=512, blank=True)
    available_actions = models.JSONField(default=list, blank=True)
    currency = models.CharField(max_length=3)
    authorized_value = _money()
    authorize_pending_value = _money()
    charged_value = _money()
    charge_pending_value = _money()
    refunded_value = _money()
    refund_pending_value = _money()
    canceled_value = _money()
    cancel_pending_value = _money()
    external_url = models.URLField(blank=True)
    checkout = models.ForeignKey(
        "Checkout",
        null=True,
        blank=True,
        related_name="payment_transactions",
        on_delete=models.SET_NULL,
    )
    order = models.ForeignKey(
        "Order",
        null=True,
        blank=True,
        related_name="payment_transactions",
        on_delete=models.CASCADE,
    )
    app = models.ForeignKey(
        "App", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    app_identifier = models.CharField(max_length=256, blank=True)
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    # transactionInitialize's idempotency key: a repeated call returns the same transaction.
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(
        TransactionItem, related_name="events", on_delete=models.CASCADE
    )
    type = models.CharField(max_length=128)  # TransactionEventTypeEnum value, lower-case
    amount_value = _money()
    currency = models.CharField(max_length=3)
    psp_reference = models.CharField(max_length=512, blank=True)
    message = models.CharField(max_length=512, blank=True)
    external_url = models.URLField(blank=True)
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)
    include_in_calculations = models.BooleanField(default=False)
    app = models.ForeignKey(
        "App", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    user = models.ForeignKey(
        "User", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    related_granted_refund = models.ForeignKey(
        "OrderGrantedRefund",
        null=True,
        blank=True,
        related_name="transaction_events",
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["transaction", "idempotency_key"],
                name="sandbox_transaction_event_idempotent",
            )
        ]
