"""The payouts ledger: double-entry, append-only, balances derived from entries.

Sign convention: an entry's `amount` is a *credit* when positive (it increases what the
account's party is owed) and a debit when negative. The shopper's money arriving is a debit
of the platform's CLEARING account; each part of the split is a credit to its party. Every
transaction's entries sum to zero per currency (a deferred constraint trigger); entries are
never updated or deleted (triggers), amounts are never zero (a check constraint).

Cooperatives and artisans are referenced by id only (`party_id`): payouts never joins the
directory's tables, it asks `storefront_plugins.artisans.services` and
`storefront_plugins.provenance.services` for what it needs.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from storefront_plugins.payouts.splits import FULL_SHARE, PartyKind, Role, ShippingTo


class AccountKind(models.TextChoices):
    """An account of a party in one currency.

    The issue's accounts map onto these: an artisan's payable is HELD (not yet payable) +
    PAYABLE; a cooperative's commission, shipping and unattributed sales are its HELD and
    PAYABLE accounts (entries keep their `role`: commission, shipping, unattributed); the
    platform's fee is PLATFORM_REVENUE; tax is TAX (of the seller of record, the cooperative);
    CLEARING is the platform's side of what shoppers paid; PAYOUTS_IN_TRANSIT a party's
    payouts sent and not yet settled.
    """

    HELD = "held", "Held until refunds are unlikely"
    PAYABLE = "payable", "Payable"
    PAYOUTS_IN_TRANSIT = "payouts_in_transit", "Payouts in transit"
    PLATFORM_REVENUE = "platform_revenue", "Platform revenue"
    TAX = "tax", "Tax collected"
    CLEARING = "clearing", "Clearing"


class LedgerAccount(models.Model):
    party_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PartyKind])
    party_id = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    kind = models.CharField(max_length=24, choices=AccountKind.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_kind", "party_id", "currency", "kind"],
                name="payouts_one_account_per_party_currency_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.party_kind}:{self.party_id} {self.kind} {self.currency}"


class TransactionKind(models.TextChoices):
    SPLIT = "split", "Order split"
    REFUND = "refund", "Refund reversal"
    RELEASE = "release", "Hold released"
    PAYOUT = "payout", "Payout"
    ADJUSTMENT = "adjustment", "Adjustment"


class LedgerOrder(models.Model):
    """A Saleor order the ledger knows: the row every posting for it locks, and its hold.

    Mutable bookkeeping (hold dates), never money: money is only in entries.
    """

    saleor_api_url = models.CharField(max_length=255)
    saleor_order_id = models.CharField(max_length=255)
    order_number = models.CharField(max_length=32, blank=True)
    currency = models.CharField(max_length=3)
    channel_slug = models.CharField(max_length=100, blank=True)
    cooperative_id = models.BigIntegerField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    # Cancelled in Saleor (ORDER_CANCELLED): its funds stay held, whatever the hold policy,
    # until its refund reverses them.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    # The last refund state applied: Saleor's `updatedAt` and `totalRefunded` (minor units).
    # A state older by either is ignored (refunds only grow).
    refund_state_at = models.DateTimeField(null=True, blank=True)
    refunded_total_applied = models.BigIntegerField(default=0)
    # The pspReference of the order's Saleor transaction that charged it (Stripe: a charge
    # `ch_...` or a PaymentIntent `pi_...`); transfers paying its parts are funded from it.
    charge_reference = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saleor_api_url", "saleor_order_id"], name="payouts_one_ledger_order"
            )
        ]
        indexes = [
            models.Index(
                fields=["hold_until"],
                condition=Q(released_at__isnull=True),
                name="payouts_order_unreleased",
            )
        ]

    def __str__(self) -> str:
        return f"Order {self.order_number or self.saleor_order_id}"


class LedgerTransaction(models.Model):
    kind = models.CharField(max_length=16, choices=TransactionKind.choices)
    order = models.ForeignKey(
        LedgerOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    description = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class LedgerEntry(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField()  # minor units of the account's currency; credit > 0
    role = models.CharField(max_length=16, choices=[(r.value, r.value) for r in Role], blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="payouts_entry_amount_not_zero")
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+d}"


class OrderPosting(models.Model):
    """What was posted for a Saleor order and event: the idempotency record.

    `key` tells deliveries apart within an event kind ("split" for the split, a digest of
    the refund state for a refund reconciliation); a second delivery hits the unique
    constraint and posts nothing. `transaction` is null when nothing needed posting.
    """

    class EventKind(models.TextChoices):
        PAID = "paid", "Order fully paid"
        REFUND = "refund", "Refund state"
        RELEASE = "release", "Hold released"

    saleor_api_url = models.CharField(max_length=255)
    saleor_order_id = models.CharField(max_length=255)
    event_kind = models.CharField(max_length=16, choices=EventKind.choices)
    key = models.CharField(max_length=128)
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The split's decision, per component (line or shipping) and part: refunds reverse
    # what was decided then, whatever the rules or provenance say later.
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saleor_api_url", "saleor_order_id", "event_kind", "key"],
                name="payouts_order_posting_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.saleor_order_id} {self.event_kind} {self.key}"


def basis_points() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(0), MaxValueValidator(FULL_SHARE)]


class SplitRule(models.Model):
    """A cooperative's split, for all its products (`category_slug` blank) or one Saleor
    category. Null rates fall back: commission to the cooperative's `commission_rate`,
    platform fee to `SOUK_PLATFORM_FEE_BP`."""

    cooperative_id = models.BigIntegerField()
    category_slug = models.SlugField(max_length=255, blank=True)
    commission_bp = models.PositiveIntegerField(null=True, blank=True, validators=basis_points())
    platform_fee_bp = models.PositiveIntegerField(null=True, blank=True, validators=basis_points())

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative_id", "category_slug"], name="payouts_one_rule_per_category"
            ),
            models.CheckConstraint(
                condition=(Q(commission_bp__isnull=True) | Q(commission_bp__lte=FULL_SHARE))
                & (Q(platform_fee_bp__isnull=True) | Q(platform_fee_bp__lte=FULL_SHARE)),
                name="payouts_rule_basis_points",
            ),
        ]

    def __str__(self) -> str:
        return f"Rule {self.cooperative_id}/{self.category_slug or '*'}"


class HoldStart(models.TextChoices):
    PAYMENT = "payment", "Days after payment"
    FULFILMENT = "fulfilment", "Days after fulfilment"


class PayoutPolicy(models.Model):
    """A cooperative's hold (funds become payable `hold_days` after payment or fulfilment)
    and who is paid the shipping. Without a row: the `SOUK_PAYOUT_HOLD_*` settings and the
    cooperative ships."""

    cooperative_id = models.BigIntegerField(unique=True)
    hold_days = models.PositiveIntegerField(validators=[MaxValueValidator(365)])
    hold_starts = models.CharField(max_length=16, choices=HoldStart.choices)
    shipping_to = models.CharField(
        max_length=16,
        choices=[(s.value, s.value) for s in ShippingTo],
        default=ShippingTo.COOPERATIVE.value,
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Policy {self.cooperative_id}"
