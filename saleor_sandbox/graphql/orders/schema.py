"""Order queries and mutations (staff and apps with MANAGE_ORDERS)."""

from typing import Any

import graphene

from saleor_sandbox.graphql.checkout.types import AddressTypeEnum
from saleor_sandbox.graphql.core.connection import connection_args, countable_connection, paginate
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.errors import mutation_error
from saleor_sandbox.graphql.core.mutations import SaleorMutation, errors_field
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.orders.types import Order
from saleor_sandbox.models import Order as OrderModel
from saleor_sandbox.permissions import permission_required
from saleor_sandbox.services import orders as order_services

OrderErrorCode = saleor_enum(
    "OrderErrorCode",
    [
        "BILLING_ADDRESS_NOT_SET",
        "CANNOT_CANCEL_ORDER",
        "GRAPHQL_ERROR",
        "INVALID",
        "NOT_FOUND",
        "PAYMENT_ERROR",
        "TRANSACTION_ERROR",
        "REQUIRED",
        "INSUFFICIENT_STOCK",
        "FULFILL_ORDER_LINE",
    ],
)


class OrderError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = OrderErrorCode(required=True)
    warehouse = graphene.ID()
    order_lines = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))
    address_type = AddressTypeEnum()


OrderCountableConnection = countable_connection(Order)


def order_from_id(global_id: str, *, lock: bool = True) -> OrderModel:
    _type, pk = from_global_id(global_id, "Order")
    queryset = OrderModel.objects.select_related("channel")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        order = queryset.filter(pk=pk).first()
    except (ValueError, TypeError):
        order = None
    if order is None:
        raise mutation_error("id", "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")
    return order


class OrderMutation(SaleorMutation):
    class Meta:
        abstract = True

    error_type = OrderError
    permissions = ("MANAGE_ORDERS",)

    @classmethod
    def mutate(cls, _root: Any, info: Any, **arguments: Any) -> Any:
        payload = super().mutate(_root, info, **arguments)
        payload.order_errors = payload.errors
        return payload


def _order_errors() -> graphene.List:
    return graphene.List(
        graphene.NonNull(OrderError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )


class OrderMarkAsPaid(OrderMutation):
    order = graphene.Field(Order)
    order_errors = _order_errors()
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
    order_errors = _order_errors()
    errors = errors_field(OrderError)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"order": order_services.cancel_order(info.context, order_from_id(arguments["id"]))}


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.ID(), external_reference=graphene.String())
    orders = graphene.Field(
        OrderCountableConnection, channel=graphene.String(), **connection_args()
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
    def resolve_orders(_root: Any, _info: Any, channel: str | None = None, **kwargs: Any) -> Any:
        queryset = OrderModel.objects.exclude(status=OrderModel.Status.DRAFT).order_by("-number")
        if channel:
            queryset = queryset.filter(channel__slug=channel)
        return paginate(queryset, OrderCountableConnection, "orders", **kwargs)


class OrderMutations(graphene.ObjectType):
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_cancel = OrderCancel.Field()
