"""Webhook endpoints: the create response alone shows the signing `secret` (whsec_...).
A `connect` endpoint receives the events of connected accounts, the others the platform's."""

import secrets

from stripe_sandbox.errors import invalid
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.listing import LIST_PARAMS, list_object
from stripe_sandbox.params import Params
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

CREATE_PARAMS = {"url", "enabled_events", "connect", "api_version", "description", "metadata"}


def create_webhook_endpoint(request: ApiRequest, params: Params) -> StripeObject:
    url = params.required_string("url")
    if not url.startswith(("http://", "https://")):
        raise invalid(f"Invalid URL: {url}", param="url", code="url_invalid")
    enabled_events = params.string_list("enabled_events")
    if not enabled_events:
        raise invalid(
            "Missing required param: enabled_events.",
            param="enabled_events",
            code="parameter_missing",
        )
    endpoint_id = new_id("we")
    secret = "whsec_" + secrets.token_hex(16)
    endpoint: StripeObject = {
        "id": endpoint_id,
        "object": "webhook_endpoint",
        "api_version": params.string("api_version"),
        "application": None,
        "created": now(),
        "description": params.string("description"),
        "enabled_events": enabled_events,
        "livemode": False,
        "metadata": params.metadata() or {},
        "status": "enabled",
        "url": url,
    }
    request.store.add(endpoint)
    request.store.webhook_secrets[endpoint_id] = secret
    request.store.connect_endpoints[endpoint_id] = params.boolean("connect")
    return {**endpoint, "secret": secret}


def list_webhook_endpoints(request: ApiRequest, params: Params) -> StripeObject:
    return list_object("/v1/webhook_endpoints", request.store.of_type("webhook_endpoint"), params)


def retrieve_webhook_endpoint(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("webhook_endpoint", id)


def delete_webhook_endpoint(request: ApiRequest, params: Params, id: str) -> StripeObject:
    request.store.get("webhook_endpoint", id)
    del request.store.objects[id]
    request.store.webhook_secrets.pop(id, None)
    request.store.connect_endpoints.pop(id, None)
    return {"id": id, "object": "webhook_endpoint", "deleted": True}


def wants(endpoint: StripeObject, is_connect_endpoint: bool, event: StripeObject) -> bool:
    if endpoint["status"] != "enabled":
        return False
    if is_connect_endpoint != ("account" in event):
        return False
    return "*" in endpoint["enabled_events"] or event["type"] in endpoint["enabled_events"]


ROUTES: list[Route] = [
    route(
        "POST",
        "/v1/webhook_endpoints",
        create_webhook_endpoint,
        CREATE_PARAMS,
        "WebhookEndpointCreateParams",
    ),
    route(
        "GET",
        "/v1/webhook_endpoints",
        list_webhook_endpoints,
        LIST_PARAMS,
        "WebhookEndpointListParams",
    ),
    route(
        "GET",
        "/v1/webhook_endpoints/{id}",
        retrieve_webhook_endpoint,
        set(),
        "WebhookEndpointRetrieveParams",
    ),
    route(
        "DELETE",
        "/v1/webhook_endpoints/{id}",
        delete_webhook_endpoint,
        set(),
        "WebhookEndpointDeleteParams",
        expandable=False,
    ),
]
