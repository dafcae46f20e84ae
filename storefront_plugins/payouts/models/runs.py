"""Paying out: schedules, payout methods, runs, payouts and their append-only history.

Money never lives here: a payout's amount is moved in the ledger (`ledger.start_payout`,
`settle_payout`, `fail_payout`) in the same transaction as its change of state. Parties are
referenced by kind and id only, as in the ledger.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from storefront_plugins.payouts.splits import PartyKind

PARTY_KINDS = [(k.value, k.value) for k in (PartyKind.ARTISAN, PartyKind.COOPERATIVE)]


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    MANUAL = "manual", "Manual"


class PayoutSchedule(models.Model):
    """When a cooperative's payouts run. Weekly runs start from `weekday` (0 = Monday) of
    each ISO week, monthly runs from `day_of_month` (1-28); manual runs only on request.
    `minimums`: {currency: minor units}, a party owed less waits for a later run."""

    cooperative_id = models.BigIntegerField(unique=True)
    frequency = models.CharField(max_length=8, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    day_of_month = models.PositiveSmallIntegerField(null=True, blank=True)
    minimums = models.JSONField(default=dict, blank=True)
    requires_second_approval = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(frequency=Frequency.WEEKLY, weekday__gte=0, weekday__lte=6)
                    | Q(frequency=Frequency.MONTHLY, day_of_month__gte=1, day_of_month__lte=28)
                    | Q(frequency=Frequency.MANUAL)
                ),
                name="payouts_schedule_day_fits_frequency",
            )
        ]

    def __str__(self) -> str:
        return f"Schedule {self.cooperative_id} {self.frequency}"


class Rail(models.TextChoices):
    STRIPE_CONNECT = "stripe_connect", "Stripe Connect"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CASH = "cash", "Cash"
    MOBILE_WALLET = "mobile_wallet", "Mobile wallet"


class PayoutMethod(models.Model):
    """How a party is paid. One default per party (a partial unique index); the rest kept."""

    party_kind = models.CharField(max_length=16, choices=PARTY_KINDS)
    party_id = models.BigIntegerField()
    rail = models.CharField(max_length=16, choices=Rail.choices)
    holder_name = models.CharField(max_length=140, blank=True)
    rib = models.CharField("RIB", max_length=24, blank=True)
    wallet_number = models.CharField(max_length=20, blank=True)
    wallet_provider = models.CharField(max_length=60, blank=True)
    is_default = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_kind", "party_id"],
                condition=Q(is_default=True),
                name="payouts_one_default_method",
            ),
            models.CheckConstraint(
                condition=~Q(rail=Rail.BANK_TRANSFER) | Q(rib__regex=r"^[0-9]{24}$"),
                name="payouts_bank_transfer_has_rib",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_kind}:{self.party_id} {self.rail}"


class RunState(models.TextChoices):
    OPEN = "open", "Open"  # some payouts are not final yet
    CLOSED = "closed", "Closed"  # every payout is paid, failed or cancelled


class PayoutRun(models.Model):
    """One cooperative's payouts in one currency. `period` is the schedule's ("2026-W48",
    "2026-11"); blank for a run started by hand. Counts and totals are what the run decided
    at its start; progress is counted from its payouts' states."""

    cooperative_id = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    period = models.CharField(max_length=16, blank=True)
    state = models.CharField(max_length=8, choices=RunState.choices, default=RunState.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requires_second_approval = models.BooleanField(default=False)
    payout_count = models.PositiveIntegerField(default=0)
    total_amount = models.BigIntegerField(default=0)  # minor units
    skipped_count = models.PositiveIntegerField(default=0)  # owed, but no usable method
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative_id", "currency"],
                condition=Q(state="open"),
                name="payouts_one_open_run",
            ),
            models.UniqueConstraint(
                fields=["cooperative_id", "currency", "period"],
                condition=~Q(period=""),
                name="payouts_one_run_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} {self.cooperative_id} {self.currency} {self.period or 'manual'}"


class PayoutState(models.TextChoices):
    CREATED = "created", "Created"  # money in transit in the ledger, nothing sent yet
    SUBMITTED = "submitted", "Submitted"  # sent to the rail or recorded; outcome pending
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


def proof_path(payout: "Payout", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"payouts/proofs/{payout.run_id}/{payout.idempotency_key}.{extension}"


class Payout(models.Model):
    run = models.ForeignKey(PayoutRun, on_delete=models.PROTECT, related_name="payouts")
    party_kind = models.CharField(max_length=16, choices=PARTY_KINDS)
    party_id = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    amount = models.BigIntegerField()  # minor units
    rail = models.CharField(max_length=16, choices=Rail.choices)
    method = models.ForeignKey(PayoutMethod, on_delete=models.PROTECT, related_name="payouts")
    state = models.CharField(max_length=12, choices=PayoutState.choices)
    # Sent to the rail with every attempt (Stripe's Idempotency-Key): a retry never pays twice.
    idempotency_key = models.CharField(max_length=64, unique=True)
    external_reference = models.CharField(max_length=255, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    proof = models.FileField(upload_to=proof_path, blank=True, max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    failure_reason = models.CharField(max_length=255, blank=True)
    submit_attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    state_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payouts_payout_positive"),
            models.UniqueConstraint(
                fields=["run", "party_kind", "party_id"], name="payouts_one_payout_per_party"
            ),
        ]
        indexes = [models.Index(fields=["state", "state_changed_at"], name="payouts_by_state")]

    def __str__(self) -> str:
        return f"Payout {self.pk} {self.party_kind}:{self.party_id} {self.amount} {self.currency}"


class PayoutEvent(models.Model):
    """Every change of a payout's state, written in the transaction that made it (a trigger
    refuses updates and deletes)."""

    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="events")
    from_state = models.CharField(max_length=12, choices=PayoutState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=PayoutState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.payout_id}: {self.from_state or '-'} -> {self.to_state}"
