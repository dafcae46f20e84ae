"""Refunds of a charge (or a PaymentIntent's latest charge), partial or full; each takes its
amount back from the platform balance and emits `charge.refunded`. A succeeded refund may
fail later, as a card refund does when the card was closed (`fail_refund`, triggered by the
control API): the money comes back to the balance, `refund.updated` and `refund.failed`."""

from stripe_sandbox.errors import StripeError, invalid
from stripe_sandbox.events import emit
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.params import Params
from stripe_sandbox.resources.balance import record
from stripe_sandbox.resources.charges import refundable
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

REASONS = ("duplicate", "fraudulent", "requested_by_customer")
CREATE_PARAMS = {"payment_intent", "charge", "amount", "reason", "metadata"}


def _charge_to_refund(request: ApiRequest, params: Params) -> StripeObject:
    charge_id = params.string("charge")
    intent_id = params.string("payment_intent")
    if charge_id and intent_id:
        raise invalid(
            "You can only pass one of `charge` or `payment_intent`.", param="payment_intent"
        )
    if intent_id:
        intent = request.store.get("payment_intent", intent_id, "payment_intent")
        if intent["status"] != "succeeded" or intent["latest_charge"] is None:
            raise StripeError(
                400,
                f"This PaymentIntent ({intent_id}) does not have a successful charge to refund.",
                param="payment_intent",
            )
        return request.store.get("charge", intent["latest_charge"])
    if charge_id:
        return request.store.get("charge", charge_id)
    raise invalid(
        "One of the following params should be provided for this request: payment_intent or charge."
    )


def create_refund(request: ApiRequest, params: Params) -> StripeObject:
    amount = params.integer("amount", minimum=1)
    reason = params.string("reason", choices=REASONS)
    metadata = params.metadata() or {}
    charge = _charge_to_refund(request, params)
    remaining = refundable(charge)
    if remaining <= 0:
        raise StripeError(
            400,
            f"Charge {charge['id']} has already been refunded.",
            code="charge_already_refunded",
        )
    amount = remaining if amount is None else amount
    if amount > remaining:
        raise StripeError(
            400,
            f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})",
            param="amount",
        )
    refund_id = new_id("re")
    refund: StripeObject = {
        "id": refund_id,
        "object": "refund",
        "amount": amount,
        "balance_transaction": record(
            request.store,
            account=None,
            currency=charge["currency"],
            amount=-amount,
            kind="refund",
            source=refund_id,
        ),
        "charge": charge["id"],
        "created": now(),
        "currency": charge["currency"],
        "customer": None,
        "customer_account": None,
        "destination_details": {"card": {"type": "refund"}, "type": "card"},
        "metadata": metadata,
        "payment_intent": charge["payment_intent"],
        "payment_method": charge["payment_method"],
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": "succeeded",
        "transfer_reversal": None,
    }
    request.store.add(refund)
    charge["amount_refunded"] += amount
    charge["refunded"] = charge["amount_refunded"] >= charge["amount_captured"]
    charge["refunds"]["data"].insert(0, refund)
    emit(request, "refund.created", refund)
    emit(
        request,
        "charge.refunded",
        charge,
        previous_attributes={"amount_refunded": charge["amount_refunded"] - amount},
    )
    return refund


def fail_refund(
    request: ApiRequest, refund_id: str, reason: str = "expired_or_canceled_card"
) -> StripeObject:
    refund = request.store.get("refund", refund_id)
    if refund["status"] != "succeeded":
        raise invalid(f"Refund {refund_id} is {refund['status']}; only a succeeded one can fail.")
    charge = request.store.get("charge", refund["charge"])
    refund["status"] = "failed"
    refund["failure_reason"] = reason
    refund["failure_balance_transaction"] = record(
        request.store,
        account=None,
        currency=refund["currency"],
        amount=refund["amount"],
        kind="refund_failure",
        source=refund_id,
    )
    charge["amount_refunded"] -= refund["amount"]
    charge["refunded"] = charge["amount_refunded"] >= charge["amount_captured"]
    emit(request, "refund.updated", refund, previous_attributes={"status": "succeeded"})
    emit(request, "refund.failed", refund)
    return refund


def retrieve_refund(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("refund", id)


ROUTES: list[Route] = [
    route("POST", "/v1/refunds", create_refund, CREATE_PARAMS, "RefundCreateParams"),
    route("GET", "/v1/refunds/{id}", retrieve_refund, set(), "RefundRetrieveParams"),
]
