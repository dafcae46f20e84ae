"""Events: stored snapshots of what changed, listed at /v1/events and handed to the
webhook dispatcher. A Connect event (about a connected account) carries `account`."""

import copy
from typing import Any

from stripe_sandbox.ids import new_id, now
from stripe_sandbox.listing import LIST_PARAMS, list_object
from stripe_sandbox.params import Params
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

EVENT_LIST_PARAMS = {*LIST_PARAMS, "type", "types"}


def emit(
    request: ApiRequest,
    event_type: str,
    obj: StripeObject,
    *,
    account: str | None = None,
    previous_attributes: dict[str, Any] | None = None,
) -> StripeObject:
    store = request.store
    data: dict[str, Any] = {"object": copy.deepcopy(obj)}
    if previous_attributes is not None:
        data["previous_attributes"] = previous_attributes
    event: StripeObject = {
        "id": new_id("evt"),
        "object": "event",
        "api_version": request.api_version,
        "created": now(),
        "data": data,
        "livemode": False,
        "pending_webhooks": 0,
        "request": {"id": request.request_id, "idempotency_key": request.idempotency_key},
        "type": event_type,
    }
    if account is not None:
        event["account"] = account
    store.add(event)
    for listener in store.event_listeners:
        listener(event)
    return event


def list_events(request: ApiRequest, params: Params) -> StripeObject:
    wanted = params.string_list("types") or []
    single = params.string("type")
    if single:
        wanted.append(single)

    def matches(event: StripeObject) -> bool:
        return not wanted or any(_type_matches(pattern, event["type"]) for pattern in wanted)

    return list_object("/v1/events", filter(matches, request.store.of_type("event")), params)


def _type_matches(pattern: str, event_type: str) -> bool:
    if pattern.endswith(".*"):
        return event_type.startswith(pattern[:-1])
    return pattern == event_type


def retrieve_event(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("event", id)


ROUTES: list[Route] = [
    route("GET", "/v1/events", list_events, EVENT_LIST_PARAMS, "EventListParams"),
    route("GET", "/v1/events/{id}", retrieve_event, set(), "EventRetrieveParams"),
]
