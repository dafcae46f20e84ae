"""Order queries and mutations (staff and apps with MANAGE_ORDERS)."""

from typing import Any

import graphene

from saleor_sandbox.graphql.core.connection import connection_args, paginate
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.orders.draft_orders import DraftOrderMutations, DraftOrderQueries
from saleor_sandbox.graphql.orders.filters import (
    OrderFilterInput,
    OrderSortingInput,
    OrderWhereInput,
    filtered_orders,
)
from saleor_sandbox.graphql.orders.fulfillment import OrderFulfill
from saleor_sandbox.graphql.orders.mutation_base import (
    OrderError,
    OrderMutation,
    order_errors_field,
    order_from_id,
)
from saleor_sandbox.graphql.orders.refunds import RefundMutations, RefundQueries
from saleor_sandbox.graphql.orders.types import Order, OrderCountableConnection
from saleor_sandbox.models import Order as OrderModel
from saleor_sandbox.permissions import permission_required
from saleor_sandbox.services import orders as order_services


class OrderMarkAsPaid(OrderMutation):
    order = graphene.Field(Order)
    order_errors = order_errors_field()
    errors = errors_field(OrderError)

    class Arguments:
        id = graphene.ID(required=True)
        transaction_reference = graphene.String()

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        order = order_services.mark_as_paid(
            info.context, order_from_id(arguments["id"]), arguments.get("transaction_reference")
        )
        return {"order": order}


class OrderCancel(OrderMutation):
    order = graphene.Field(Order)
    order_errors = order_errors_field()
    errors = errors_field(OrderError)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"order": order_services.cancel_order(info.context, order_from_id(arguments["id"]))}


class OrderQueries(RefundQueries, DraftOrderQueries, graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.ID(), external_reference=graphene.String())
    orders = graphene.Field(
        OrderCountableConnection,
        sort_by=OrderSortingInput(),
        filter=OrderFilterInput(),
        where=OrderWhereInput(),
        channel=graphene.String(),
        search=graphene.String(),
        **connection_args(),
    )

    @staticmethod
    @permission_required("MANAGE_ORDERS")
    def resolve_order(
        _root: Any, _info: Any, id: str | None = None, external_reference: str | None = None
    ) -> OrderModel | None:
        if id is not None:
            _type, pk = from_global_id(id, "Order")
            try:
                return OrderModel.objects.filter(pk=pk).first()
            except (ValueError, TypeError):
                return None
        if external_reference is not None:
            return OrderModel.objects.filter(external_reference=external_reference).first()
        return None

    @staticmethod
    @permission_required("MANAGE_ORDERS")
    def resolve_orders(
        _root: Any,
        _info: Any,
        channel: str | None = None,
        filter: dict[str, Any] | None = None,
        where: dict[str, Any] | None = None,
        search: str | None = None,
        sort_by: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        queryset = OrderModel.objects.exclude(status=OrderModel.Status.DRAFT)
        if channel:
            queryset = queryset.filter(channel__slug=channel)
        queryset = filtered_orders(
            queryset, filter=filter, where=where, search=search, sort_by=sort_by
        )
        return paginate(queryset, OrderCountableConnection, "orders", **kwargs)


class OrderMutations(RefundMutations, DraftOrderMutations, graphene.ObjectType):
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_cancel = OrderCancel.Field()
    order_fulfill = OrderFulfill.Field()
