"""A cooperative manager's allocation of unattributed sales to member artisans: the audit
record (who, when, why, under which idempotency key) of one ADJUSTMENT transaction. The
money is in that transaction's entries only; the lines are read back from them."""

from django.conf import settings
from django.db import models

from storefront_plugins.payouts.models.ledger import LedgerTransaction


class UnattributedAllocation(models.Model):
    cooperative_id = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    # Chosen by the client (a form's hidden field, an API caller's key): a second request
    # with the key replays the first's result instead of moving the money again.
    idempotency_key = models.CharField(max_length=64)
    # A digest of what was asked (currency, lines, note): the key reused for another
    # allocation is refused rather than replayed.
    request_digest = models.CharField(max_length=64)
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="unattributed_allocation"
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative_id", "idempotency_key"],
                name="payouts_allocation_once_per_key",
            )
        ]
        indexes = [models.Index(fields=["cooperative_id", "-created_at"])]

    def __str__(self) -> str:
        return f"Allocation {self.pk} of cooperative {self.cooperative_id}"
