"""The stand-in's whole state, in memory behind one lock.

Objects are kept in Stripe's wire shape, by id, in creation order; what Stripe does not show
(which account owns a balance transaction, onboarding tokens) is kept beside them.
"""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from stripe_sandbox.errors import no_such

StripeObject = dict[str, Any]


@dataclass(frozen=True)
class LedgerEntry:
    """One balance transaction: `account` is None for the platform."""

    account: str | None
    currency: str
    amount: int
    transaction_id: str


@dataclass
class OnboardingLink:
    """What an Account Link's token opens: whose onboarding, and where to go after.
    A link is single-use: once used or expired it sends to `refresh_url`, as Stripe does."""

    account: str
    return_url: str | None
    refresh_url: str | None
    expires_at: int
    used: bool = False


@dataclass
class IdempotentResult:
    fingerprint: str
    status: int
    body: bytes


@dataclass
class Fault:
    """Make the next `count` requests to `method path` fail: `error` (500 api_error),
    `timeout` (answer after `seconds`) or `drop` (close the connection unanswered).
    With `after_effect`, the request runs first, so only its answer is lost."""

    method: str
    path: str
    kind: str
    count: int
    seconds: float = 0.0
    after_effect: bool = False


@dataclass
class Store:
    lock: threading.RLock = field(default_factory=threading.RLock)
    objects: dict[str, StripeObject] = field(default_factory=dict)
    ledger: list[LedgerEntry] = field(default_factory=list)
    idempotency: dict[tuple[str, str], IdempotentResult] = field(default_factory=dict)
    onboarding_links: dict[str, OnboardingLink] = field(default_factory=dict)
    authentications: dict[str, str] = field(default_factory=dict)
    webhook_secrets: dict[str, str] = field(default_factory=dict)
    connect_endpoints: dict[str, bool] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    event_listeners: list[Callable[[StripeObject], None]] = field(default_factory=list)
    generation: int = 0
    """Counts resets, so that work begun before one (a webhook attempt) is not recorded after."""

    def reset(self) -> None:
        with self.lock:
            self.generation += 1
            self.objects.clear()
            self.ledger.clear()
            self.idempotency.clear()
            self.onboarding_links.clear()
            self.authentications.clear()
            self.webhook_secrets.clear()
            self.connect_endpoints.clear()
            self.faults.clear()
            self.requests.clear()
            self.deliveries.clear()

    def add(self, obj: StripeObject) -> StripeObject:
        self.objects[obj["id"]] = obj
        return obj

    def get(self, object_type: str, object_id: str, kind: str | None = None) -> StripeObject:
        obj = self.objects.get(object_id)
        if obj is None or obj.get("object") != object_type:
            raise no_such(kind or object_type, object_id)
        return obj

    def find(self, object_id: str) -> StripeObject | None:
        return self.objects.get(object_id)

    def of_type(self, object_type: str) -> Iterator[StripeObject]:
        """Newest first, as Stripe lists."""
        for obj in reversed(list(self.objects.values())):
            if obj.get("object") == object_type:
                yield obj

    def balance(self, account: str | None) -> dict[str, int]:
        totals: dict[str, int] = {}
        for entry in self.ledger:
            if entry.account == account:
                totals[entry.currency] = totals.get(entry.currency, 0) + entry.amount
        return totals
