"""Stripe's test payment methods and what confirming with each one does."""

from dataclasses import dataclass

from stripe_sandbox.errors import StripeError


@dataclass(frozen=True)
class CardBehaviour:
    brand: str
    last4: str
    outcome: str
    """`succeed`, `decline` or `authenticate` (3-D Secure 2 required)."""
    decline_code: str | None = None


TEST_CARDS = {
    "pm_card_visa": CardBehaviour("visa", "4242", "succeed"),
    "pm_card_bypassPending": CardBehaviour("visa", "0077", "succeed"),
    "pm_card_mastercard": CardBehaviour("mastercard", "4444", "succeed"),
    "pm_card_chargeDeclined": CardBehaviour("visa", "0002", "decline", "generic_decline"),
    "pm_card_chargeDeclinedInsufficientFunds": CardBehaviour(
        "visa", "9995", "decline", "insufficient_funds"
    ),
    "pm_card_threeDSecure2Required": CardBehaviour("visa", "3220", "authenticate"),
    "pm_card_authenticationRequired": CardBehaviour("visa", "3184", "authenticate"),
}


def card_for(payment_method: str, param: str = "payment_method") -> CardBehaviour:
    card = TEST_CARDS.get(payment_method)
    if card is None:
        raise StripeError(
            400,
            f"No such PaymentMethod: '{payment_method}'",
            code="resource_missing",
            param=param,
            replayable=False,
        )
    return card
