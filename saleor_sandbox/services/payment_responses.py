"""Validation of payment apps' sync webhook responses, as Saleor's
`webhook/response_schemas/transaction.py` and `payment/utils.py` do it; pure, no ORM.

A response that does not validate becomes an error message: Saleor records it as the
message of a failure event (e.g. CHARGE_FAILURE) on the transaction.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlparse

TRANSACTION_EVENT_TYPES = [
    "AUTHORIZATION_SUCCESS",
    "AUTHORIZATION_FAILURE",
    "AUTHORIZATION_ADJUSTMENT",
    "AUTHORIZATION_REQUEST",
    "AUTHORIZATION_ACTION_REQUIRED",
    "CHARGE_ACTION_REQUIRED",
    "CHARGE_SUCCESS",
    "CHARGE_FAILURE",
    "CHARGE_BACK",
    "CHARGE_REQUEST",
    "REFUND_SUCCESS",
    "REFUND_FAILURE",
    "REFUND_REVERSE",
    "REFUND_REQUEST",
    "CANCEL_SUCCESS",
    "CANCEL_FAILURE",
    "CANCEL_REQUEST",
    "INFO",
]
SESSION_SUCCESS = {
    "AUTHORIZATION_SUCCESS",
    "CHARGE_SUCCESS",
    "AUTHORIZATION_REQUEST",
    "CHARGE_REQUEST",
}
SESSION_OPTIONAL_PSP = {
    "AUTHORIZATION_FAILURE",
    "CHARGE_FAILURE",
    "AUTHORIZATION_ACTION_REQUIRED",
    "CHARGE_ACTION_REQUIRED",
    "CANCEL_SUCCESS",
}
ACTIONS = ("CHARGE", "REFUND", "CANCEL")
MESSAGE_MAX_LENGTH = 512


class InvalidResponse(Exception):
    """The app's response does not validate; the text is what Saleor records."""


@dataclass(frozen=True)
class ResponseEvent:
    type: str  # TransactionEventTypeEnum name
    amount: Decimal
    psp_reference: str | None
    message: str
    external_url: str
    time: datetime | None


@dataclass(frozen=True)
class ParsedResponse:
    psp_reference: str | None
    event: ResponseEvent | None
    actions: list[str] | None  # lower-case action names, None when not given
    data: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _missing(name: str, response: dict[str, Any]) -> InvalidResponse:
    return InvalidResponse(f"Missing value for field: {name}. Input: {response}.")


def _incorrect(name: str, value: Any, error: str) -> InvalidResponse:
    return InvalidResponse(f"Incorrect value ({value}) for field: {name}. Error: {error}.")


def _psp_reference(response: dict[str, Any], required: bool) -> str | None:
    value = response.get("pspReference")
    if value is None:
        if required:
            raise _missing("pspReference", response)
        return None
    if not isinstance(value, str):
        raise _incorrect("pspReference", value, "Input should be a valid string")
    return value


def _amount(response: dict[str, Any], default: Decimal) -> Decimal:
    value = response.get("amount")
    if value is None:
        return default
    if isinstance(value, bool):
        raise _incorrect(
            "amount", value, "Decimal input should be an integer, float, string or Decimal object"
        )
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise _incorrect("amount", value, "Input should be a valid decimal") from error
    if not amount.is_finite():
        raise _incorrect("amount", value, "Input should be a finite number")
    return amount.quantize(Decimal("0.001"))


def _external_url(response: dict[str, Any]) -> str:
    value = response.get("externalUrl")
    if value is None or value == "":
        return ""
    parsed = urlparse(str(value)) if isinstance(value, str) else None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise _incorrect(
            "externalUrl", value, "Input should be a valid URL, relative URL without a base"
        )
    return str(value)


def _message(response: dict[str, Any]) -> str:
    message = response.get("message") or ""
    message = str(message)
    if len(message) > MESSAGE_MAX_LENGTH:
        message = message[: MESSAGE_MAX_LENGTH - 3] + "..."
    return message


def _time(response: dict[str, Any]) -> datetime | None:
    value = response.get("time")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError as error:
            raise InvalidResponse(
                "Invalid value for field 'time': {time}. Expected ISO 8601 format."
            ) from error
    raise _incorrect("time", value, "Input should be a valid datetime")


def _actions(response: dict[str, Any]) -> list[str] | None:
    value = response.get("actions")
    if value is None:
        return None
    if not isinstance(value, list):
        raise _incorrect("actions", value, "Input should be a valid list")
    return [action.lower() for action in value if action in ACTIONS]


def parse_session_response(response: Any, request_amount: Decimal) -> ParsedResponse:
    """TRANSACTION_INITIALIZE_SESSION / TRANSACTION_PROCESS_SESSION responses."""
    if not isinstance(response, dict):
        raise InvalidResponse(
            f"Missing or invalid value for `result`: None. Possible values: {', '.join(TRANSACTION_EVENT_TYPES)}."
        )
    result = response.get("result")
    if result not in SESSION_SUCCESS | SESSION_OPTIONAL_PSP:
        raise InvalidResponse(
            f"Missing or invalid value for `result`: {result}. Possible values: {', '.join(TRANSACTION_EVENT_TYPES)}."
        )
    psp_reference = _psp_reference(response, required=result in SESSION_SUCCESS)
    event = ResponseEvent(
        type=result,
        amount=_amount(response, request_amount),
        psp_reference=psp_reference,
        message=_message(response),
        external_url=_external_url(response),
        time=_time(response),
    )
    return ParsedResponse(
        psp_reference=psp_reference,
        event=event,
        actions=_actions(response),
        data=response.get("data"),
    )


def parse_action_response(
    response: Any, request_type: str, request_amount: Decimal
) -> ParsedResponse:
    """TRANSACTION_{CHARGE,REFUND,CANCELATION}_REQUESTED responses; `request_type` is
    CHARGE_REQUEST, REFUND_REQUEST or CANCEL_REQUEST. Without `result` the app answers
    asynchronously and reports later (only pspReference is then required)."""
    kind = request_type.removesuffix("_REQUEST")
    success, failure = f"{kind}_SUCCESS", f"{kind}_FAILURE"
    if not isinstance(response, dict):
        raise InvalidResponse(f"Missing value for field: pspReference. Input: {response}.")
    result = response.get("result")
    if result is None:
        return ParsedResponse(
            psp_reference=_psp_reference(response, required=True),
            event=None,
            actions=_actions(response),
        )
    if result not in (success, failure):
        raise InvalidResponse(
            f"Missing or invalid value for `result`: {result}. Possible values: {success}, {failure}."
        )
    psp_reference = _psp_reference(response, required=result == success)
    event = ResponseEvent(
        type=result,
        amount=_amount(response, request_amount),
        psp_reference=psp_reference,
        message=_message(response),
        external_url=_external_url(response),
        time=_time(response),
    )
    return ParsedResponse(psp_reference=psp_reference, event=event, actions=_actions(response))


def failure_type_for(event_type: str) -> str:
    """Saleor's `get_failed_type_based_on_event`."""
    if event_type.startswith("AUTHORIZATION"):
        return "AUTHORIZATION_FAILURE"
    if event_type.startswith("CHARGE"):
        return "CHARGE_FAILURE"
    if event_type.startswith("REFUND"):
        return "REFUND_FAILURE"
    if event_type.startswith("CANCEL"):
        return "CANCEL_FAILURE"
    return event_type
