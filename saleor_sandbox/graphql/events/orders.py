"""Order, checkout and payment events: the `Event` types webhook payloads are built from.
Async events resolve their object from `root.subject`; the sync payment events also read
`root.extra` (action, data, sourceObject, ...), filled by services/transactions.py."""

from typing import Any

import graphene

from saleor_sandbox.graphql.channels.types import TransactionFlowStrategyEnum
from saleor_sandbox.graphql.checkout.types import Checkout
from saleor_sandbox.graphql.core.scalars import PositiveDecimal
from saleor_sandbox.graphql.events.schema import Event
from saleor_sandbox.graphql.orders.types import Order, OrderGrantedRefund
from saleor_sandbox.graphql.payments.types import (
    JSON,
    TransactionAction,
    TransactionItem,
)


def _subject(root: Any, _info: Any) -> Any:
    return root.subject


def _is_event(cls: Any, root: Any, _info: Any) -> bool:
    """`Event.resolve_type` gives a name, which graphene ignores: match on it here."""
    return getattr(root, "type_name", None) == cls._meta.name


class EventType(graphene.ObjectType):
    class Meta:
        abstract = True

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return _is_event(cls, root, info)


def _order_event(name: str) -> type[graphene.ObjectType]:
    return type(
        name,
        (EventType,),
        {
            "order": graphene.Field(Order, resolver=_subject),
            "Meta": type("Meta", (), {"interfaces": (Event,)}),
        },
    )


def _checkout_event(name: str) -> type[graphene.ObjectType]:
    return type(
        name,
        (EventType,),
        {
            "checkout": graphene.Field(Checkout, resolver=_subject),
            "Meta": type("Meta", (), {"interfaces": (Event,)}),
        },
    )


class OrderOrCheckout(graphene.Union):
    class Meta:
        types = (Checkout, Order)


class TransactionProcessAction(graphene.ObjectType):
    amount = PositiveDecimal(required=True)
    currency = graphene.String(required=True)
    action_type = TransactionFlowStrategyEnum(required=True)


def _extra(name: str) -> Any:
    def resolve(root: Any, _info: Any) -> Any:
        return root.extra.get(name)

    return resolve


def _action(root: Any, _info: Any) -> dict[str, Any]:
    return dict(root.extra["action"])


class TransactionInitializeSession(EventType):
    transaction = graphene.Field(TransactionItem, required=True, resolver=_subject)
    source_object = graphene.Field(OrderOrCheckout, required=True, resolver=_extra("source_object"))
    data = JSON(resolver=_extra("data"))
    merchant_reference = graphene.String(required=True, resolver=_extra("merchant_reference"))
    customer_ip_address = graphene.String(resolver=_extra("customer_ip_address"))
    action = graphene.Field(TransactionProcessAction, required=True, resolver=_action)
    idempotency_key = graphene.String(required=True, resolver=_extra("idempotency_key"))

    class Meta:
        interfaces = (Event,)


class TransactionProcessSession(EventType):
    transaction = graphene.Field(TransactionItem, required=True, resolver=_subject)
    source_object = graphene.Field(OrderOrCheckout, required=True, resolver=_extra("source_object"))
    data = JSON(resolver=_extra("data"))
    merchant_reference = graphene.String(required=True, resolver=_extra("merchant_reference"))
    customer_ip_address = graphene.String(resolver=_extra("customer_ip_address"))
    action = graphene.Field(TransactionProcessAction, required=True, resolver=_action)

    class Meta:
        interfaces = (Event,)


class PaymentGatewayInitializeSession(EventType):
    source_object = graphene.Field(OrderOrCheckout, required=True, resolver=_extra("source_object"))
    data = JSON(resolver=_extra("data"))
    amount = PositiveDecimal(resolver=_extra("amount"))

    class Meta:
        interfaces = (Event,)


class TransactionChargeRequested(EventType):
    transaction = graphene.Field(TransactionItem, resolver=_subject)
    action = graphene.Field(TransactionAction, required=True, resolver=_action)

    class Meta:
        interfaces = (Event,)


class TransactionRefundRequested(EventType):
    transaction = graphene.Field(TransactionItem, resolver=_subject)
    action = graphene.Field(TransactionAction, required=True, resolver=_action)
    granted_refund = graphene.Field(OrderGrantedRefund, resolver=_extra("granted_refund"))

    class Meta:
        interfaces = (Event,)


class TransactionCancelationRequested(EventType):
    transaction = graphene.Field(TransactionItem, resolver=_subject)
    action = graphene.Field(TransactionAction, required=True, resolver=_action)

    class Meta:
        interfaces = (Event,)


ORDER_EVENT_TYPES: list[type[graphene.ObjectType]] = [
    *[
        _order_event(name)
        for name in (
            "OrderCreated",
            "OrderConfirmed",
            "OrderPaid",
            "OrderFullyPaid",
            "OrderRefunded",
            "OrderFullyRefunded",
            "OrderUpdated",
            "OrderCancelled",
            "OrderFulfilled",
            "DraftOrderCreated",
        )
    ],
    *[
        _checkout_event(name)
        for name in ("CheckoutCreated", "CheckoutUpdated", "CheckoutFullyPaid")
    ],
    TransactionInitializeSession,
    TransactionProcessSession,
    PaymentGatewayInitializeSession,
    TransactionChargeRequested,
    TransactionRefundRequested,
    TransactionCancelationRequested,
]
