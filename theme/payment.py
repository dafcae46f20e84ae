"""What the shop does with an answer of Saleor's Transactions API (pure).

Contract B (issue 6): transactionInitialize answers CHARGE_ACTION_REQUIRED with the card form's
URL in `data.cardFormUrl` (the Stripe stand-in) -> the shopper goes there and comes back to
the return URL; transactionProcess then says CHARGE_SUCCESS, CHARGE_FAILURE (its message and
`data.paymentError {code, declineCode, message}` say why) or CHARGE_ACTION_REQUIRED again.
A gateway that charges at once (Saleor's dummy app) answers CHARGE_SUCCESS directly.
With real Stripe there is no card form URL: the shop shows Stripe's Payment Element for the
PaymentIntent's client secret (`data.clientSecret`, `data.publishableKey`), and Stripe.js's
confirmPayment sends the shopper to the same return URL with the same parameters.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Next(Enum):
    COMPLETE = "complete"  # charged: checkoutComplete
    REDIRECT = "redirect"  # to the card form
    STRIPE_JS = "stripe_js"  # confirm in the page with Stripe.js (real Stripe)
    DECLINED = "declined"  # show why, let the shopper try again
    PENDING = "pending"  # nothing to do but wait (or try again)


@dataclass(frozen=True)
class Outcome:
    next: Next
    transaction_id: str | None = None
    redirect_url: str | None = None
    message: str = ""
    code: str = ""  # Stripe's decline code (or error code) when the app gives it
    client_secret: str = ""  # STRIPE_JS: the PaymentIntent's, for Stripe.js
    publishable_key: str = ""


SUCCESS = frozenset({"CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"})
FAILURE = frozenset({"CHARGE_FAILURE", "AUTHORIZATION_FAILURE", "CANCEL_SUCCESS"})


def payment_outcome(payload: dict[str, Any]) -> Outcome:
    """From a transactionInitialize or transactionProcess payload."""
    transaction_id = (payload.get("transaction") or {}).get("id")
    if payload.get("errors"):
        message = "; ".join(str(e.get("message") or e.get("code")) for e in payload["errors"])
        return Outcome(Next.DECLINED, transaction_id, message=message)
    event = payload.get("transactionEvent") or {}
    event_type = event.get("type") or ""
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    card_form = (data or {}).get("cardFormUrl")
    error = (data or {}).get("paymentError") or {}
    if event_type in SUCCESS:
        return Outcome(Next.COMPLETE, transaction_id)
    if event_type in FAILURE:
        return Outcome(
            Next.DECLINED,
            transaction_id,
            message=str(event.get("message") or error.get("message") or ""),
            code=str(error.get("declineCode") or error.get("code") or ""),
        )
    if event_type.endswith("ACTION_REQUIRED") and isinstance(card_form, str):
        return Outcome(Next.REDIRECT, transaction_id, redirect_url=card_form)
    secret, key = (data or {}).get("clientSecret"), (data or {}).get("publishableKey")
    if event_type.endswith("ACTION_REQUIRED") and isinstance(secret, str) and isinstance(key, str):
        return Outcome(Next.STRIPE_JS, transaction_id, client_secret=secret, publishable_key=key)
    return Outcome(Next.PENDING, transaction_id, message=str(event.get("message") or ""))
