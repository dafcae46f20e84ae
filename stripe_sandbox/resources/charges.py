"""Charges: made by confirming a PaymentIntent; a captured charge's balance transaction
adds its amount to the platform balance; refunds take it back."""

from typing import Any

from stripe_sandbox.ids import new_id, now
from stripe_sandbox.params import Params
from stripe_sandbox.resources.balance import record
from stripe_sandbox.resources.cards import CardBehaviour
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import Store, StripeObject

DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
}


def _address() -> dict[str, Any]:
    return {key: None for key in ("city", "country", "line1", "line2", "postal_code", "state")}


def _card_details(card: CardBehaviour, amount: int) -> dict[str, Any]:
    return {
        "card": {
            "amount_authorized": amount,
            "authorization_code": None,
            "brand": card.brand,
            "checks": {
                "address_line1_check": None,
                "address_postal_code_check": None,
                "cvc_check": "pass",
            },
            "country": "US",
            "exp_month": 12,
            "exp_year": 2034,
            "extended_authorization": {"status": "disabled"},
            "fingerprint": f"fp{card.last4}standin",
            "funding": "credit",
            "incremental_authorization": {"status": "unavailable"},
            "installments": None,
            "last4": card.last4,
            "mandate": None,
            "multicapture": {"status": "unavailable"},
            "network": card.brand,
            "network_token": {"used": False},
            "network_transaction_id": None,
            "overcapture": {"maximum_amount_capturable": amount, "status": "unavailable"},
            "regulated_status": "unregulated",
            "three_d_secure": None,
            "transaction_link_id": None,
            "wallet": None,
        },
        "type": "card",
    }


def create_charge(
    store: Store,
    payment_intent: StripeObject,
    card: CardBehaviour,
    *,
    succeeded: bool,
    captured: bool,
) -> StripeObject:
    charge_id = new_id("ch")
    amount = int(payment_intent["amount"])
    failure_code = None if succeeded else "card_declined"
    charge: StripeObject = {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_captured": 0,
        "amount_refunded": 0,
        "application": None,
        "application_fee": None,
        "application_fee_amount": None,
        "balance_transaction": None,
        "billing_details": {
            "address": _address(),
            "email": None,
            "name": None,
            "phone": None,
            "tax_id": None,
        },
        "calculated_statement_descriptor": "SOUK",
        "captured": False,
        "created": now(),
        "currency": payment_intent["currency"],
        "customer": None,
        "description": payment_intent["description"],
        "disputed": False,
        "failure_balance_transaction": None,
        "failure_code": failure_code,
        "failure_message": None
        if succeeded
        else DECLINE_MESSAGES[card.decline_code or "generic_decline"],
        "fraud_details": {},
        "livemode": False,
        "metadata": dict(payment_intent["metadata"]),
        "on_behalf_of": None,
        "outcome": {
            "advice_code": None,
            "network_advice_code": None,
            "network_decline_code": None,
            "network_status": "approved_by_network" if succeeded else "declined_by_network",
            "reason": None if succeeded else card.decline_code,
            "seller_message": "Payment complete."
            if succeeded
            else "The bank did not return any further details with this decline.",
            "type": "authorized" if succeeded else "issuer_declined",
        },
        "paid": succeeded,
        "payment_intent": payment_intent["id"],
        "payment_method": payment_intent["payment_method"],
        "payment_method_details": _card_details(card, amount),
        "receipt_email": None,
        "receipt_number": None,
        "receipt_url": None,
        "refunded": False,
        "refunds": {
            "object": "list",
            "data": [],
            "has_more": False,
            "url": f"/v1/charges/{charge_id}/refunds",
        },
        "review": None,
        "shipping": None,
        "source": None,
        "source_transfer": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "succeeded" if succeeded else "failed",
        "transfer_data": None,
        "transfer_group": payment_intent["transfer_group"],
    }
    store.add(charge)
    if succeeded and captured:
        capture_charge(store, charge, amount)
    return charge


def capture_charge(store: Store, charge: StripeObject, amount: int) -> None:
    charge["captured"] = True
    charge["amount_captured"] = amount
    charge["balance_transaction"] = record(
        store,
        account=None,
        currency=charge["currency"],
        amount=amount,
        kind="charge",
        source=charge["id"],
        description=charge["description"],
    )


def refundable(charge: StripeObject) -> int:
    return int(charge["amount_captured"]) - int(charge["amount_refunded"])


def retrieve_charge(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("charge", id)


ROUTES: list[Route] = [
    route("GET", "/v1/charges/{id}", retrieve_charge, set(), "ChargeRetrieveParams"),
]
