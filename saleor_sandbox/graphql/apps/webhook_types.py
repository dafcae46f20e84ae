import json
from typing import Any

import graphene

from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import EventDelivery as EventDeliveryModel
from saleor_sandbox.models import EventDeliveryAttempt as EventDeliveryAttemptModel
from saleor_sandbox.models import Webhook as WebhookModel
from saleor_sandbox.webhooks.event_types import ASYNC_EVENTS, SYNC_EVENTS

WebhookEventTypeAsyncEnum = saleor_enum("WebhookEventTypeAsyncEnum", ASYNC_EVENTS)
WebhookEventTypeSyncEnum = saleor_enum("WebhookEventTypeSyncEnum", SYNC_EVENTS)
WebhookEventTypeEnum = saleor_enum("WebhookEventTypeEnum", ASYNC_EVENTS + SYNC_EVENTS)
EventDeliveryStatusEnum = saleor_enum("EventDeliveryStatusEnum", ["PENDING", "SUCCESS", "FAILED"])


def _event_name(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


class WebhookEventAsync(graphene.ObjectType):
    name = graphene.String(required=True)
    event_type = WebhookEventTypeAsyncEnum(required=True)


class WebhookEventSync(graphene.ObjectType):
    name = graphene.String(required=True)
    event_type = WebhookEventTypeSyncEnum(required=True)


class EventDeliveryAttempt(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    duration = graphene.Float()
    response = graphene.String()
    response_headers = graphene.String()
    response_status_code = graphene.Int()
    request_headers = graphene.String()
    status = EventDeliveryStatusEnum(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, EventDeliveryAttemptModel)

    @staticmethod
    def resolve_status(root: EventDeliveryAttemptModel, _info: Any) -> str:
        return root.status.upper()

    @staticmethod
    def resolve_response_headers(root: EventDeliveryAttemptModel, _info: Any) -> str:
        return json.dumps(root.response_headers)

    @staticmethod
    def resolve_request_headers(root: EventDeliveryAttemptModel, _info: Any) -> str:
        return json.dumps(root.request_headers)


EventDeliveryAttemptCountableConnection = countable_connection(EventDeliveryAttempt)


class EventDelivery(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    status = EventDeliveryStatusEnum(required=True)
    event_type = WebhookEventTypeEnum(required=True)
    attempts = graphene.Field(EventDeliveryAttemptCountableConnection, **connection_args())
    payload = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, EventDeliveryModel)

    @staticmethod
    def resolve_status(root: EventDeliveryModel, _info: Any) -> str:
        return root.status.upper()

    @staticmethod
    def resolve_event_type(root: EventDeliveryModel, _info: Any) -> str:
        return root.event_type.upper()

    @staticmethod
    def resolve_attempts(root: EventDeliveryModel, _info: Any, **kwargs: Any) -> Any:
        return paginate(
            root.attempts.all(), EventDeliveryAttemptCountableConnection, "attempts", **kwargs
        )


EventDeliveryCountableConnection = countable_connection(EventDelivery)


class Webhook(graphene.ObjectType):
    name = graphene.String()
    async_events = graphene.List(graphene.NonNull(WebhookEventAsync), required=True)
    sync_events = graphene.List(graphene.NonNull(WebhookEventSync), required=True)
    app = graphene.Field("saleor_sandbox.graphql.apps.types.App", required=True)
    event_deliveries = graphene.Field(EventDeliveryCountableConnection, **connection_args())
    target_url = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    subscription_query = graphene.String()
    custom_headers = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, WebhookModel)

    @staticmethod
    def resolve_async_events(root: WebhookModel, _info: Any) -> list[WebhookEventAsync]:
        return [WebhookEventAsync(name=_event_name(e), event_type=e) for e in root.async_events]

    @staticmethod
    def resolve_sync_events(root: WebhookModel, _info: Any) -> list[WebhookEventSync]:
        return [WebhookEventSync(name=_event_name(e), event_type=e) for e in root.sync_events]

    @staticmethod
    def resolve_event_deliveries(root: WebhookModel, _info: Any, **kwargs: Any) -> Any:
        return paginate(
            root.deliveries.all(), EventDeliveryCountableConnection, "eventDeliveries", **kwargs
        )


register_node("Webhook", WebhookModel, "MANAGE_APPS")
register_node("EventDelivery", EventDeliveryModel, "MANAGE_APPS")
register_node("EventDeliveryAttempt", EventDeliveryAttemptModel, "MANAGE_APPS")
