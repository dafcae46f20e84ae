from django.db import models


class Scope(models.TextChoices):
    """Stripe sends the platform's own events and its connected accounts' events (`account`
    set) to separate endpoints; both are registered on the same URL."""

    PLATFORM = "platform"
    CONNECT = "connect"


class WebhookEndpoint(models.Model):
    """A webhook endpoint this App registered on a Stripe API, with its signing secret
    (Stripe shows it only in the create answer)."""

    api_base = models.URLField(max_length=300)
    scope = models.CharField(max_length=16, choices=Scope.choices)
    stripe_endpoint_id = models.CharField(max_length=255, unique=True)
    url = models.URLField(max_length=500)
    enabled_events = models.JSONField(default=list)
    secret = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_base", "scope"], name="stripe_webhook_endpoint_one_per_scope"
            )
        ]

    def __str__(self) -> str:  # never the secret
        return f"WebhookEndpoint({self.scope} {self.stripe_endpoint_id})"

    __repr__ = __str__


class StripeEvent(models.Model):
    """A verified Stripe event, stored once by its id before it is handled: Stripe delivers
    an event again until it is acknowledged, and a redelivery is not handled twice."""

    class Status(models.TextChoices):
        PENDING = "pending"
        HANDLED = "handled"
        FAILED = "failed"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    account = models.CharField(max_length=255, blank=True, default="")
    livemode = models.BooleanField(default=False)
    created = models.BigIntegerField(help_text="When Stripe created the event (Unix seconds).")
    body = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    received_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"StripeEvent({self.type} {self.event_id}, {self.status})"


class TransfersStatus(models.TextChoices):
    """The connected account's `transfers` capability, as Stripe names its states."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    PENDING = "pending"
    UNREQUESTED = "unrequested"


class ConnectedAccount(models.Model):
    """A party's Stripe Connect (Express) account. A row without `stripe_account_id` is a
    creation begun and not yet answered: its country and email are what every retry sends,
    with the same idempotency key, so one party never gets two Stripe accounts."""

    party_kind = models.CharField(max_length=16)  # payouts' PartyKind: artisan, cooperative
    party_id = models.BigIntegerField()
    stripe_account_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    country = models.CharField(max_length=2)
    email = models.EmailField(blank=True)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    details_submitted = models.BooleanField(default=False)
    transfers_status = models.CharField(
        max_length=16, choices=TransfersStatus.choices, default=TransfersStatus.UNREQUESTED
    )
    requirements_due = models.JSONField(default=list)
    state_as_of = models.BigIntegerField(
        null=True, blank=True, help_text="Stripe time (Unix seconds) of the state kept here."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_kind", "party_id"], name="stripe_connected_account_one_per_party"
            ),
            models.CheckConstraint(
                condition=models.Q(party_kind__in=["artisan", "cooperative"]),
                name="stripe_connected_account_party_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"ConnectedAccount({self.party_kind} {self.party_id}: {self.stripe_account_id})"
