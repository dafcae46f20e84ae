"""orderFulfill: Saleor's validations (duplicates, quantities left, total > 0), then one
fulfillment per warehouse. FULFILLMENT_CREATED is not sent (no such event here)."""

from collections import Counter
from typing import Any

import graphene

from saleor_sandbox.errors import mutation_error
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.orders.mutation_base import (
    OrderError,
    OrderMutation,
    order_errors_field,
    order_from_id,
)
from saleor_sandbox.graphql.orders.types import Fulfillment, Order
from saleor_sandbox.models import OrderLine as OrderLineModel
from saleor_sandbox.models import Warehouse as WarehouseModel
from saleor_sandbox.services import orders as order_services


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    warehouse = graphene.ID(required=True)


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID()
    stocks = graphene.List(graphene.NonNull(OrderFulfillStockInput), required=True)


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(OrderFulfillLineInput), required=True)
    notify_customer = graphene.Boolean()
    allow_stock_to_be_exceeded = graphene.Boolean(default_value=False)
    tracking_number = graphene.String()


def _duplicates(values: list[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def _order_lines(order: Any, line_ids: list[str]) -> list[OrderLineModel]:
    pks = [from_global_id(line_id, "OrderLine")[1] for line_id in line_ids]
    try:
        found = {
            str(line.pk): line
            for line in OrderLineModel.objects.select_related("variant").filter(
                pk__in=pks, order=order
            )
        }
    except (ValueError, TypeError):
        found = {}
    missing = [line_id for line_id, pk in zip(line_ids, pks, strict=True) if pk not in found]
    if missing:
        raise mutation_error("lines", "NOT_FOUND", f"Couldn't resolve to a node: {missing[0]}")
    return [found[pk] for pk in pks]


def _warehouse_pk(global_id: str) -> int:
    _type, pk = from_global_id(global_id, "Warehouse", field="warehouse")
    warehouse = WarehouseModel.objects.filter(pk=pk if pk.isdigit() else 0).first()
    if warehouse is None:
        raise mutation_error("warehouse", "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")
    return warehouse.pk


class OrderFulfill(OrderMutation):
    fulfillments = graphene.List(graphene.NonNull(Fulfillment))
    order = graphene.Field(Order)
    order_errors = order_errors_field()
    errors = errors_field(OrderError)

    class Arguments:
        input = OrderFulfillInput(required=True)
        order = graphene.ID()

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        if not arguments.get("order"):
            raise mutation_error(None, "NOT_FOUND", "Order does not exist.")
        order = order_from_id(arguments["order"], field="order")
        data = arguments["input"]
        lines = data["lines"]
        for line in lines:
            duplicated = _duplicates([stock["warehouse"] for stock in line["stocks"]])
            if duplicated:
                raise mutation_error(
                    "warehouse",
                    "DUPLICATED_INPUT_ITEM",
                    "Duplicated warehouse ID.",
                    warehouse=duplicated[0],
                )
        line_ids = [line.get("order_line_id") or "" for line in lines]
        duplicated_lines = _duplicates(line_ids)
        if duplicated_lines:
            raise mutation_error(
                "orderLineId",
                "DUPLICATED_INPUT_ITEM",
                "Duplicated order line ID.",
                order_lines=[duplicated_lines[0]],
            )
        order_lines = _order_lines(order, line_ids)
        quantities = [[stock["quantity"] for stock in line["stocks"]] for line in lines]
        order_services.validate_fulfil_quantities(order_lines, quantities)
        requests = [
            order_services.FulfilRequest(order_line, _warehouse_pk(stock["warehouse"]), q)
            for line, order_line in zip(lines, order_lines, strict=True)
            for stock in line["stocks"]
            if (q := stock["quantity"]) > 0
        ]
        fulfillments = order_services.fulfil_order(
            info.context,
            order,
            requests,
            allow_stock_to_be_exceeded=bool(data.get("allow_stock_to_be_exceeded")),
            tracking_number=data.get("tracking_number") or "",
        )
        order.refresh_from_db()
        return {"fulfillments": fulfillments, "order": order}
