"""The stand-in's own control API under `/_stand_in/` (not Stripe's), for tests: reset the
state, inject faults into the next calls to a path, read received requests and webhook
delivery attempts, make a succeeded refund fail later (as a closed card's refund does).
JSON in, JSON out, no API key."""

import json
import re
from dataclasses import asdict
from fnmatch import fnmatchcase
from typing import Any

from stripe_sandbox.delivery import WebhookDispatcher
from stripe_sandbox.errors import StripeError
from stripe_sandbox.ids import new_id
from stripe_sandbox.resources.refunds import fail_refund
from stripe_sandbox.routing import ApiRequest
from stripe_sandbox.state import Fault, Store

FAULT_KINDS = ("error", "timeout", "drop")


class ControlError(Exception):
    pass


def handle(
    store: Store, dispatcher: WebhookDispatcher, method: str, path: str, body: bytes
) -> tuple[int, dict[str, Any]]:
    route = (method, path.removeprefix("/_stand_in"))
    with store.lock:
        if route == ("GET", "/health"):
            return 200, {"ok": True}
        if route == ("POST", "/reset"):
            store.reset()
            dispatcher.clear()
            return 200, {"reset": True}
        if route == ("POST", "/faults"):
            try:
                fault = _fault(json.loads(body or b"{}"))
            except (ValueError, ControlError) as error:
                return 400, {"error": str(error)}
            store.faults.append(fault)
            return 200, asdict(fault)
        if route == ("GET", "/faults"):
            return 200, {"data": [asdict(fault) for fault in store.faults]}
        if route == ("DELETE", "/faults"):
            store.faults.clear()
            return 200, {"data": []}
        if route == ("GET", "/requests"):
            return 200, {"data": list(store.requests)}
        if route == ("GET", "/deliveries"):
            return 200, {"data": list(store.deliveries)}
        failing = re.fullmatch(r"/refunds/([^/]+)/fail", route[1])
        if method == "POST" and failing:
            request = ApiRequest(method, path, {}, store, "", new_id("req", 14))
            try:
                return 200, fail_refund(request, failing.group(1))
            except StripeError as error:
                return error.status, error.body()
    return 404, {"error": f"No control endpoint {method} {path}"}


def _fault(spec: Any) -> Fault:
    if not isinstance(spec, dict):
        raise ControlError("A fault is a JSON object.")
    kind = spec.get("kind")
    if kind not in FAULT_KINDS:
        raise ControlError(f"kind must be one of {', '.join(FAULT_KINDS)}")
    path = spec.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ControlError("path must be a request path such as /v1/transfers (* matches)")
    count = spec.get("count", 1)
    seconds = spec.get("seconds", 0)
    if not isinstance(count, int) or count < 1:
        raise ControlError("count must be a positive integer")
    if not isinstance(seconds, int | float) or seconds < 0:
        raise ControlError("seconds must be a non-negative number")
    return Fault(
        method=str(spec.get("method", "POST")).upper(),
        path=path,
        kind=kind,
        count=count,
        seconds=float(seconds),
        after_effect=bool(spec.get("after_effect", False)),
    )


def take_fault(store: Store, method: str, path: str) -> Fault | None:
    """The fault for this request, if any; each use counts down, and a spent one goes."""
    with store.lock:
        for fault in store.faults:
            if fault.method == method and fnmatchcase(path, fault.path):
                fault.count -= 1
                if fault.count == 0:
                    store.faults.remove(fault)
                return fault
    return None
