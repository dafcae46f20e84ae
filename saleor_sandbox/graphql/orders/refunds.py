"""Granted refunds (orderGrantRefundCreate) and the shop's refund settings."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.types.structure import PageType
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.mutations import (
    SaleorMutation,
    deprecated_errors_field,
    errors_field,
)
from saleor_sandbox.graphql.orders.mutation_base import order_from_id
from saleor_sandbox.graphql.orders.types import Order, OrderGrantedRefund
from saleor_sandbox.models import RefundSettings as RefundSettingsModel
from saleor_sandbox.services import orders_refunds

OrderGrantRefundCreateErrorCode = saleor_enum(
    "OrderGrantRefundCreateErrorCode",
    [
        "GRAPHQL_ERROR",
        "NOT_FOUND",
        "NOT_CONFIGURED",
        "SHIPPING_COSTS_ALREADY_GRANTED",
        "AMOUNT_GREATER_THAN_AVAILABLE",
        "REQUIRED",
        "INVALID",
    ],
)
OrderGrantRefundCreateLineErrorCode = saleor_enum(
    "OrderGrantRefundCreateLineErrorCode",
    ["GRAPHQL_ERROR", "NOT_FOUND", "QUANTITY_GREATER_THAN_AVAILABLE", "INVALID", "NOT_CONFIGURED"],
)
RefundSettingsErrorCode = saleor_enum(
    "RefundSettingsErrorCode", ["INVALID", "REQUIRED", "GRAPHQL_ERROR"]
)


class OrderGrantRefundCreateLineError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = OrderGrantRefundCreateLineErrorCode(required=True)
    line_id = graphene.ID(required=True)


class OrderGrantRefundCreateError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = OrderGrantRefundCreateErrorCode(required=True)
    lines = graphene.List(graphene.NonNull(OrderGrantRefundCreateLineError))


class OrderGrantRefundCreateLineInput(graphene.InputObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    reason = graphene.String()
    reason_reference = graphene.ID()


class OrderGrantRefundCreateInput(graphene.InputObjectType):
    amount = graphene.Decimal()
    reason = graphene.String()
    reason_reference = graphene.ID()
    lines = graphene.List(graphene.NonNull(OrderGrantRefundCreateLineInput))
    grant_refund_for_shipping = graphene.Boolean()
    transaction_id = graphene.ID(required=True)


class OrderGrantRefundCreate(SaleorMutation):
    order = graphene.Field(Order)
    granted_refund = graphene.Field(OrderGrantedRefund)
    errors = errors_field(OrderGrantRefundCreateError)

    class Arguments:
        id = graphene.ID(required=True)
        input = OrderGrantRefundCreateInput(required=True)

    error_type = OrderGrantRefundCreateError
    permissions = ("MANAGE_ORDERS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        order = order_from_id(arguments["id"])
        data = arguments["input"]
        order, granted = orders_refunds.grant_refund(
            info.context,
            order,
            orders_refunds.GrantRefundInput(
                amount=data.get("amount"),
                reason=data.get("reason") or "",
                reason_reference_id=data.get("reason_reference"),
                lines=[dict(line) for line in data.get("lines") or []],
                grant_refund_for_shipping=bool(data.get("grant_refund_for_shipping")),
                transaction_id=data.get("transaction_id"),
            ),
        )
        return {"order": order, "granted_refund": granted}


class RefundSettings(graphene.ObjectType):
    reason_reference_type = graphene.Field(PageType)


class RefundSettingsUpdateError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = RefundSettingsErrorCode(required=True)


class RefundSettingsUpdateInput(graphene.InputObjectType):
    refund_reason_reference_type = graphene.ID(required=True)


class RefundSettingsUpdate(SaleorMutation):
    refund_settings = graphene.Field(RefundSettings)
    refund_settings_errors = deprecated_errors_field(RefundSettingsUpdateError)
    errors = errors_field(RefundSettingsUpdateError)

    class Arguments:
        input = RefundSettingsUpdateInput(required=True)

    error_type = RefundSettingsUpdateError
    permissions = ("MANAGE_SETTINGS",)
    legacy_errors_attribute = "refund_settings_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        settings = orders_refunds.update_refund_settings(
            arguments["input"].get("refund_reason_reference_type")
        )
        return {"refund_settings": settings}


class RefundQueries(graphene.ObjectType):
    refund_settings = graphene.Field(RefundSettings, required=True)

    @staticmethod
    def resolve_refund_settings(_root: Any, _info: Any) -> RefundSettingsModel:
        return RefundSettingsModel.load()


class RefundMutations(graphene.ObjectType):
    order_grant_refund_create = OrderGrantRefundCreate.Field()
    refund_settings_update = RefundSettingsUpdate.Field()
