"""Saleor's `Subscription.event` and the `Event` types: webhook payloads are the result of
running an app's subscription query against these, as Saleor does."""

from typing import Any

import graphene

from saleor_sandbox.graphql.accounts.types import User
from saleor_sandbox.graphql.apps.types import App
from saleor_sandbox.graphql.core.nodes import graphene_type_named


class IssuingPrincipal(graphene.Union):
    class Meta:
        types = (App, User)


class Event(graphene.Interface):
    issued_at = graphene.DateTime(description="Time of the event.")
    version = graphene.String(description="Saleor version that triggered the event.")
    issuing_principal = graphene.Field(
        IssuingPrincipal, description="The user or application that triggered the event."
    )
    recipient = graphene.Field(App, description="The application receiving the webhook.")

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        """The event's graphene type, named by the `EventRoot` (graphene ignores names)."""
        return graphene_type_named(info, instance.type_name)


class Subscription(graphene.ObjectType):
    event = graphene.Field(Event, description="Look up subscription event.")

    @staticmethod
    def resolve_event(root: Any, _info: Any) -> Any:
        return root


def _event_types() -> list[type[graphene.ObjectType]]:
    from saleor_sandbox.graphql.events.catalogue import CATALOGUE_EVENT_TYPES
    from saleor_sandbox.graphql.events.orders import ORDER_EVENT_TYPES

    return [*CATALOGUE_EVENT_TYPES, *ORDER_EVENT_TYPES]


EVENT_TYPES = _event_types()
