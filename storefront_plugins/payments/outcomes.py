"""Pure decisions: what a Stripe PaymentIntent or Refund means to Saleor's Transactions API.

No ORM, no I/O: each function reads plain Stripe objects (dicts) and returns the event Saleor
should have, as a session or action-request answer or through transactionEventReport."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from storefront_plugins.payouts.splits import from_minor

CHARGE_ACTIONS = ("REFUND",)
AUTHORIZED_ACTIONS = ("CHARGE", "CANCEL")
PENDING_ACTIONS = ("CANCEL",)


@dataclass(frozen=True)
class SaleorOutcome:
    """A `TransactionEventTypeEnum` result with its amount (minor units), pspReference,
    message and the actions the transaction allows afterwards (None: unchanged)."""

    result: str
    amount: int
    currency: str
    psp_reference: str
    message: str = ""
    actions: tuple[str, ...] | None = None

    @property
    def decimal_amount(self) -> Decimal:
        return from_minor(self.amount, self.currency)

    def as_answer(self) -> dict[str, Any]:
        """The JSON of a sync webhook answer, as Saleor's response schemas read it."""
        answer: dict[str, Any] = {
            "result": self.result,
            "amount": str(self.decimal_amount),
            "pspReference": self.psp_reference,
        }
        if self.message:
            answer["message"] = self.message
        if self.actions is not None:
            answer["actions"] = list(self.actions)
        return answer


def _prefix(intent: Mapping[str, Any]) -> str:
    return "AUTHORIZATION" if intent.get("capture_method") == "manual" else "CHARGE"


def error_message(error: Mapping[str, Any] | None) -> str:
    """Stripe's message for a failed payment, with its decline code when there is one."""
    if not error:
        return ""
    message = str(error.get("message") or "The payment failed.")
    code = error.get("decline_code") or error.get("code")
    return f"{message} ({code})" if code else message


def intent_outcome(intent: Mapping[str, Any]) -> SaleorOutcome:
    """What a PaymentIntent's state is to Saleor (its pspReference is the intent's id)."""
    currency = str(intent["currency"]).upper()
    reference = str(intent["id"])
    prefix = _prefix(intent)
    status = intent["status"]
    amount = int(intent["amount"])

    def outcome(result: str, value: int, **kwargs: Any) -> SaleorOutcome:
        return SaleorOutcome(result, value, currency, reference, **kwargs)

    if status == "succeeded":
        return outcome("CHARGE_SUCCESS", int(intent["amount_received"]), actions=CHARGE_ACTIONS)
    if status == "requires_capture":
        return outcome(
            "AUTHORIZATION_SUCCESS", int(intent["amount_capturable"]), actions=AUTHORIZED_ACTIONS
        )
    if status == "processing":
        return outcome(f"{prefix}_REQUEST", amount, actions=())
    if status == "canceled":
        return outcome("CANCEL_SUCCESS", amount, actions=())
    if status == "requires_payment_method" and intent.get("last_payment_error"):
        return outcome(
            f"{prefix}_FAILURE",
            amount,
            message=error_message(intent["last_payment_error"]),
            actions=(),
        )
    # requires_payment_method (not tried yet), requires_confirmation, requires_action
    return outcome(f"{prefix}_ACTION_REQUIRED", amount, actions=PENDING_ACTIONS)


def refund_outcome(refund: Mapping[str, Any]) -> SaleorOutcome | None:
    """A refund's result, or None while Stripe has not settled it (pending)."""
    currency = str(refund["currency"]).upper()
    status = refund.get("status")
    if status == "succeeded":
        return SaleorOutcome("REFUND_SUCCESS", int(refund["amount"]), currency, refund["id"])
    if status in ("failed", "canceled"):
        reason = refund.get("failure_reason") or status
        return SaleorOutcome(
            "REFUND_FAILURE",
            int(refund["amount"]),
            currency,
            refund["id"],
            message=f"The refund {status} ({reason}).",
        )
    return None


PAYMENT_INTENT_EVENTS = (
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "payment_intent.amount_capturable_updated",
)
REFUND_EVENTS = ("refund.created", "refund.updated", "refund.failed")


def event_outcomes(event_type: str, obj: Mapping[str, Any]) -> list[SaleorOutcome]:
    """What a Stripe event (its `data.object`) reports to Saleor."""
    if event_type in PAYMENT_INTENT_EVENTS:
        return [intent_outcome(obj)]
    if event_type in REFUND_EVENTS:
        found = refund_outcome(obj)
        return [found] if found else []
    if event_type == "charge.refunded":
        refunds = (obj.get("refunds") or {}).get("data") or []
        return [found for refund in refunds if (found := refund_outcome(refund))]
    return []


def payment_intent_of(event_type: str, obj: Mapping[str, Any]) -> str:
    """The PaymentIntent an event is about ("" when none)."""
    if event_type in PAYMENT_INTENT_EVENTS:
        return str(obj["id"])
    return str(obj.get("payment_intent") or "")
