"""Payment gateways: installed payment apps (by their identifier, as Saleor) and the
sandbox's built-in test gateway, which answers like Saleor's Dummy Payment App without
any HTTP: the amount is charged (or authorized) at once, and `data.event.type` picks
another result, e.g. `{"event": {"type": "CHARGE_FAILURE"}}`."""

import uuid
from decimal import Decimal
from typing import Any

from saleor_sandbox.models import App

DUMMY_GATEWAY_ID = "saleor.io.dummy-payment-app"
DUMMY_GATEWAY_NAME = "Dummy Payment App (sandbox)"


def is_dummy_gateway(gateway_id: str) -> bool:
    return gateway_id == DUMMY_GATEWAY_ID


def payment_app(gateway_id: str) -> App | None:
    return App.objects.filter(
        identifier=gateway_id, is_active=True, removed_at__isnull=True
    ).first()


def _requested_type(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("event"), dict):
        event_type = data["event"].get("type")
        return str(event_type) if event_type else None
    return None


def dummy_session_response(action: str, amount: Decimal, data: Any) -> dict[str, Any]:
    """What the Dummy Payment App answers to TRANSACTION_*_SESSION."""
    default = "CHARGE_SUCCESS" if action == "CHARGE" else "AUTHORIZATION_SUCCESS"
    result = _requested_type(data) or default
    response: dict[str, Any] = {
        "result": result,
        "amount": str(amount),
        "pspReference": f"dummy-{uuid.uuid4()}",
        "message": "Processed by the sandbox's test gateway",
        "data": {"paymentIntent": "dummy"},
    }
    if result in ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"):
        response["actions"] = ["REFUND"] if result == "CHARGE_SUCCESS" else ["CHARGE", "CANCEL"]
    return response


def dummy_action_response(request_type: str, amount: Decimal, psp_reference: str) -> dict[str, Any]:
    """What the Dummy Payment App answers to TRANSACTION_*_REQUESTED: success at once."""
    kind = request_type.removesuffix("_REQUEST")
    return {
        "result": f"{kind}_SUCCESS",
        "amount": str(amount),
        "pspReference": psp_reference or f"dummy-{uuid.uuid4()}",
    }
