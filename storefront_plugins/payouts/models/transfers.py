"""Stripe Connect's side of payouts: what each transfer paid per Saleor order, and the
reversals of those transfers after refunds.

A Stripe payout is made of `PayoutItem`s, one per Saleor order whose released parts it pays
(plus one without an order for money not tied to any, such as adjustments): their amounts
sum exactly to the payout's (`transfer_items.allocate`). Each item is one Stripe transfer
(`stripe_transfer_id` is written once Stripe answered). A `TransferReversal` is a refund's
claw-back of an item's transfer, reversed at Stripe by a task, posted to the ledger once.
"""

from django.db import models
from django.db.models import Q

from storefront_plugins.payouts.models.ledger import LedgerOrder, LedgerTransaction
from storefront_plugins.payouts.models.runs import Payout


class PayoutItem(models.Model):
    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="items")
    order = models.ForeignKey(
        LedgerOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="payout_items"
    )
    amount = models.BigIntegerField()  # minor units of the payout's currency
    # Stripe's Idempotency-Key of the item's transfer (the payout's key, plus the order's).
    idempotency_key = models.CharField(max_length=96, unique=True)
    stripe_transfer_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payouts_item_positive"),
            models.UniqueConstraint(fields=["payout", "order"], name="payouts_one_item_per_order"),
            models.UniqueConstraint(
                fields=["payout"], condition=Q(order__isnull=True), name="payouts_one_loose_item"
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.pk} of payout {self.payout_id}: {self.amount}"


class ReversalState(models.TextChoices):
    PENDING = "pending", "Pending"  # to be sent to Stripe (again, after a transient error)
    REVERSED = "reversed", "Reversed"  # Stripe reversed it; posted to the ledger
    REFUSED = "refused", "Refused"  # Stripe refused: the debt stays in the ledger


class TransferReversal(models.Model):
    item = models.ForeignKey(PayoutItem, on_delete=models.PROTECT, related_name="reversals")
    refund_key = models.CharField(max_length=128)  # the refund state's key (OrderPosting.key)
    amount = models.BigIntegerField()
    idempotency_key = models.CharField(max_length=128, unique=True)
    state = models.CharField(
        max_length=10, choices=ReversalState.choices, default=ReversalState.PENDING
    )
    stripe_reversal_id = models.CharField(max_length=255, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payouts_reversal_positive"),
        ]

    def __str__(self) -> str:
        return f"Reversal {self.pk} of item {self.item_id}: {self.amount} {self.state}"
