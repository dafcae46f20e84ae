"""PaymentIntents with Stripe's test payment methods: `pm_card_visa` succeeds,
`pm_card_chargeDeclined` is declined (402), `pm_card_threeDSecure2Required` needs 3-D Secure
on the stand-in's own authentication page (`three_d_secure`), which completes or fails it."""

import secrets
from typing import Any

from stripe_sandbox.errors import StripeError, invalid, unexpected_state
from stripe_sandbox.events import emit
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.params import Params, merge_metadata
from stripe_sandbox.resources.cards import CardBehaviour, card_for
from stripe_sandbox.resources.charges import DECLINE_MESSAGES, capture_charge, create_charge
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

CAPTURE_METHODS = ("automatic", "automatic_async", "manual")
CANCELLATION_REASONS = ("duplicate", "fraudulent", "requested_by_customer", "abandoned")
CREATE_PARAMS = {
    "amount",
    "currency",
    "transfer_group",
    "metadata",
    "payment_method",
    "allowed_payment_method_types",
    "confirm",
    "capture_method",
    "return_url",
    "description",
    "receipt_email",
}
UPDATE_PARAMS = {"transfer_group", "metadata", "description", "receipt_email"}
CONFIRM_PARAMS = {"payment_method", "return_url", "capture_method", "receipt_email"}
CAPTURE_PARAMS = {"amount_to_capture", "metadata"}
CANCEL_PARAMS = {"cancellation_reason"}
CONFIRMABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
CANCELABLE = (*CONFIRMABLE, "requires_capture", "processing")


def create_payment_intent(request: ApiRequest, params: Params) -> StripeObject:
    amount = params.required_integer("amount", minimum=1)
    currency = params.currency()
    capture_method = params.string("capture_method", choices=CAPTURE_METHODS) or "automatic"
    payment_method = params.string("payment_method")
    confirm_now = params.boolean("confirm")
    return_url = params.string("return_url")
    if return_url and not confirm_now:
        raise invalid("You can only pass `return_url` when `confirm` is true.", param="return_url")
    types = params.string_list("allowed_payment_method_types") or ["card"]
    if types != ["card"]:
        raise invalid(
            "The stand-in supports only the `card` payment method type.",
            param="allowed_payment_method_types",
        )
    if payment_method is not None:
        card_for(payment_method)
    intent_id = new_id("pi")
    intent: StripeObject = {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": None,
        "application_fee_amount": None,
        "automatic_payment_methods": None,
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": capture_method,
        "client_secret": f"{intent_id}_secret_{secrets.token_urlsafe(18)}",
        "confirmation_method": "automatic",
        "created": now(),
        "currency": currency,
        "customer": None,
        "customer_account": None,
        "description": params.string("description"),
        "excluded_payment_method_types": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "managed_payments": None,
        "metadata": params.metadata() or {},
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": payment_method,
        "payment_method_configuration_details": None,
        "payment_method_options": {"card": {"request_three_d_secure": "automatic"}},
        "payment_method_types": types,
        "processing": None,
        "receipt_email": params.string("receipt_email"),
        "review": None,
        "setup_future_usage": None,
        "shipping": None,
        "source": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "requires_confirmation" if payment_method else "requires_payment_method",
        "transfer_data": None,
        "transfer_group": params.string("transfer_group"),
    }
    request.store.add(intent)
    emit(request, "payment_intent.created", intent)
    if confirm_now:
        confirm(request, intent, payment_method, return_url)
    return intent


def update_payment_intent(request: ApiRequest, params: Params, intent: str) -> StripeObject:
    """Stripe sets `transfer_group` only once: a different group for a PaymentIntent that
    has one is refused."""
    found = request.store.get("payment_intent", intent)
    transfer_group = params.string("transfer_group")
    metadata = params.metadata()
    if transfer_group is not None and found["transfer_group"] not in (None, transfer_group):
        raise invalid("You cannot change `transfer_group` once it is set.", param="transfer_group")
    if transfer_group is not None:
        found["transfer_group"] = transfer_group
        if found["latest_charge"]:
            request.store.get("charge", found["latest_charge"])["transfer_group"] = transfer_group
    for name in ("description", "receipt_email"):
        value = params.string(name)
        if value is not None:
            found[name] = value
    found["metadata"] = merge_metadata(found["metadata"], metadata)
    return found


def confirm_payment_intent(request: ApiRequest, params: Params, intent: str) -> StripeObject:
    found = request.store.get("payment_intent", intent)
    payment_method = params.string("payment_method")
    return_url = params.string("return_url")
    capture_method = params.string("capture_method", choices=CAPTURE_METHODS)
    if payment_method is not None:
        card_for(payment_method)
    if capture_method is not None:
        found["capture_method"] = capture_method
    receipt_email = params.string("receipt_email")
    if receipt_email is not None:
        found["receipt_email"] = receipt_email
    confirm(request, found, payment_method, return_url)
    return found


def confirm(
    request: ApiRequest,
    intent: StripeObject,
    payment_method: str | None,
    return_url: str | None,
) -> None:
    if intent["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this PaymentIntent because it has a status of {intent['status']}."
        )
    payment_method = payment_method or intent["payment_method"]
    if payment_method is None:
        raise unexpected_state(
            "You cannot confirm this PaymentIntent because it's missing a payment method. "
            "Update the PaymentIntent with a payment method and then confirm it again."
        )
    card = card_for(payment_method)
    intent["payment_method"] = payment_method
    intent["last_payment_error"] = None
    if card.outcome == "succeed":
        authorize(request, intent, card)
    elif card.outcome == "decline":
        _decline(request, intent, card)
    else:
        token = secrets.token_urlsafe(18)
        request.store.authentications[token] = intent["id"]
        intent["status"] = "requires_action"
        intent["next_action"] = {
            "type": "redirect_to_url",
            "redirect_to_url": {
                "url": f"{request.base_url}/3ds/{token}",
                "return_url": return_url,
            },
        }
        emit(request, "payment_intent.requires_action", intent)


def authorize(request: ApiRequest, intent: StripeObject, card: CardBehaviour) -> None:
    manual = intent["capture_method"] == "manual"
    charge = create_charge(request.store, intent, card, succeeded=True, captured=not manual)
    intent["latest_charge"] = charge["id"]
    intent["next_action"] = None
    if manual:
        intent["status"] = "requires_capture"
        intent["amount_capturable"] = intent["amount"]
        emit(request, "charge.succeeded", charge)
        emit(request, "payment_intent.amount_capturable_updated", intent)
    else:
        intent["status"] = "succeeded"
        intent["amount_received"] = intent["amount"]
        emit(request, "charge.succeeded", charge)
        emit(request, "payment_intent.succeeded", intent)


def _decline(request: ApiRequest, intent: StripeObject, card: CardBehaviour) -> None:
    charge = create_charge(request.store, intent, card, succeeded=False, captured=False)
    decline_code = card.decline_code or "generic_decline"
    error: dict[str, Any] = {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": decline_code,
        "message": DECLINE_MESSAGES[decline_code],
        "charge": charge["id"],
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
    }
    intent["status"] = "requires_payment_method"
    intent["latest_charge"] = charge["id"]
    intent["last_payment_error"] = error
    intent["next_action"] = None
    emit(request, "charge.failed", charge)
    emit(request, "payment_intent.payment_failed", intent)
    raise StripeError(
        402,
        error["message"],
        type="card_error",
        code="card_declined",
        decline_code=decline_code,
        charge=charge["id"],
        doc_url=error["doc_url"],
        payment_intent=dict(intent),
    )


def capture_payment_intent(request: ApiRequest, params: Params, intent: str) -> StripeObject:
    found = request.store.get("payment_intent", intent)
    amount = params.integer("amount_to_capture", minimum=1)
    metadata = params.metadata()
    if found["status"] != "requires_capture":
        raise unexpected_state(
            "This PaymentIntent could not be captured because it has a status of "
            f"{found['status']}. Only a PaymentIntent with one of the following statuses may "
            "be captured: requires_capture."
        )
    amount = found["amount_capturable"] if amount is None else amount
    if amount > found["amount_capturable"]:
        raise invalid(
            "The amount to capture must be less than or equal to the amount capturable.",
            param="amount_to_capture",
            code="amount_too_large",
        )
    charge = request.store.get("charge", found["latest_charge"])
    capture_charge(request.store, charge, amount)
    found["metadata"] = merge_metadata(found["metadata"], metadata)
    found["status"] = "succeeded"
    found["amount_received"] = amount
    found["amount_capturable"] = 0
    emit(request, "charge.captured", charge)
    emit(request, "payment_intent.succeeded", found)
    return found


def cancel_payment_intent(request: ApiRequest, params: Params, intent: str) -> StripeObject:
    found = request.store.get("payment_intent", intent)
    reason = params.string("cancellation_reason", choices=CANCELLATION_REASONS)
    if found["status"] not in CANCELABLE:
        raise unexpected_state(
            "You cannot cancel this PaymentIntent because it has a status of "
            f"{found['status']}. Only a PaymentIntent with one of the following statuses may "
            f"be canceled: {', '.join(CANCELABLE)}."
        )
    if found["status"] == "requires_capture":
        charge = request.store.get("charge", found["latest_charge"])
        charge["refunded"] = True
        charge["amount_refunded"] = charge["amount"]
    found["status"] = "canceled"
    found["canceled_at"] = now()
    found["cancellation_reason"] = reason
    found["amount_capturable"] = 0
    found["next_action"] = None
    emit(request, "payment_intent.canceled", found)
    return found


def retrieve_payment_intent(request: ApiRequest, params: Params, intent: str) -> StripeObject:
    return request.store.get("payment_intent", intent)


ROUTES: list[Route] = [
    route(
        "POST",
        "/v1/payment_intents",
        create_payment_intent,
        CREATE_PARAMS,
        "PaymentIntentCreateParams",
    ),
    route(
        "GET",
        "/v1/payment_intents/{intent}",
        retrieve_payment_intent,
        {"client_secret"},
        "PaymentIntentRetrieveParams",
    ),
    route(
        "POST",
        "/v1/payment_intents/{intent}",
        update_payment_intent,
        UPDATE_PARAMS,
        "PaymentIntentUpdateParams",
    ),
    route(
        "POST",
        "/v1/payment_intents/{intent}/confirm",
        confirm_payment_intent,
        CONFIRM_PARAMS,
        "PaymentIntentConfirmParams",
    ),
    route(
        "POST",
        "/v1/payment_intents/{intent}/capture",
        capture_payment_intent,
        CAPTURE_PARAMS,
        "PaymentIntentCaptureParams",
    ),
    route(
        "POST",
        "/v1/payment_intents/{intent}/cancel",
        cancel_payment_intent,
        CANCEL_PARAMS,
        "PaymentIntentCancelParams",
    ),
]
