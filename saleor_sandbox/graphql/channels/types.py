from typing import Any

import graphene
from django_countries import countries

from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.money import Money, MoneyValue
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.graphql.core.scalars import Day, Minute
from saleor_sandbox.models import Channel as ChannelModel
from saleor_sandbox.models import ShippingMethod as ShippingMethodModel
from saleor_sandbox.models import Warehouse as WarehouseModel
from saleor_sandbox.permissions import STAFF_OR_APP, permission_required

MarkAsPaidStrategyEnum = saleor_enum("MarkAsPaidStrategyEnum", ["TRANSACTION_FLOW", "PAYMENT_FLOW"])
TransactionFlowStrategyEnum = saleor_enum(
    "TransactionFlowStrategyEnum", ["AUTHORIZATION", "CHARGE"]
)
AllocationStrategyEnum = saleor_enum(
    "AllocationStrategyEnum", ["PRIORITIZE_SORTING_ORDER", "PRIORITIZE_HIGH_STOCK"]
)
ChannelErrorCode = saleor_enum(
    "ChannelErrorCode",
    [
        "ALREADY_EXISTS",
        "GRAPHQL_ERROR",
        "INVALID",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "CHANNELS_CURRENCY_MUST_BE_THE_SAME",
        "CHANNEL_WITH_ORDERS",
        "DUPLICATED_INPUT_ITEM",
    ],
)


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


def country_display(code: str) -> CountryDisplay:
    return CountryDisplay(code=code, country=str(countries.name(code)))


class OrderSettings(graphene.ObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(required=True)
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(required=True)
    expire_orders_after = Minute()
    mark_as_paid_strategy = MarkAsPaidStrategyEnum(required=True)
    delete_expired_orders_after = Day(required=True)
    allow_unpaid_orders = graphene.Boolean(required=True)
    include_draft_order_in_voucher_usage = graphene.Boolean(required=True)


class CheckoutSettings(graphene.ObjectType):
    use_legacy_error_flow = graphene.Boolean(required=True)
    automatically_complete_fully_paid_checkouts = graphene.Boolean(required=True)


class PaymentSettings(graphene.ObjectType):
    default_transaction_flow_strategy = TransactionFlowStrategyEnum(required=True)


class StockSettings(graphene.ObjectType):
    allocation_strategy = AllocationStrategyEnum(required=True)


class Warehouse(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    email = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, WarehouseModel)


class Channel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    warehouses = graphene.List(graphene.NonNull(Warehouse), required=True)
    order_settings = graphene.Field(OrderSettings, required=True)
    checkout_settings = graphene.Field(CheckoutSettings, required=True)
    payment_settings = graphene.Field(PaymentSettings, required=True)
    stock_settings = graphene.Field(StockSettings, required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ChannelModel)

    # As Saleor: anonymous users read only a channel's slug (and id, metadata).
    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_name(root: ChannelModel, _info: Any) -> str:
        return root.name

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_is_active(root: ChannelModel, _info: Any) -> bool:
        return root.is_active

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_currency_code(root: ChannelModel, _info: Any) -> str:
        return root.currency_code

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_default_country(root: ChannelModel, _info: Any) -> CountryDisplay:
        return country_display(root.default_country)

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_warehouses(root: ChannelModel, _info: Any) -> list[WarehouseModel]:
        return list(root.warehouses.all())

    @staticmethod
    @permission_required("MANAGE_CHANNELS", "MANAGE_ORDERS")
    def resolve_order_settings(root: ChannelModel, _info: Any) -> ChannelModel:
        return root

    @staticmethod
    @permission_required("MANAGE_CHANNELS", "MANAGE_CHECKOUTS")
    def resolve_checkout_settings(root: ChannelModel, _info: Any) -> ChannelModel:
        return root

    @staticmethod
    @permission_required("MANAGE_CHANNELS", "HANDLE_PAYMENTS")
    def resolve_payment_settings(root: ChannelModel, _info: Any) -> ChannelModel:
        return root

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_stock_settings(root: ChannelModel, _info: Any) -> ChannelModel:
        return root


class ShippingMethod(graphene.ObjectType):
    """A shipping method as a checkout or an order offers it (Saleor's `ShippingMethod`)."""

    name = graphene.String(required=True)
    description = graphene.JSONString()
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    message = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ShippingMethodModel)

    @staticmethod
    def resolve_price(root: ShippingMethodModel, _info: Any) -> MoneyValue:
        # The checkout/order domain annotates `channel_price` for the channel in question.
        return getattr(root, "channel_price", MoneyValue(0, "USD"))  # type: ignore[arg-type]

    @staticmethod
    def resolve_active(root: ShippingMethodModel, _info: Any) -> bool:
        return bool(getattr(root, "active", True))


register_node("Channel", ChannelModel, "MANAGE_CHANNELS")
register_node("Warehouse", WarehouseModel, "MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SHIPPING")
register_node("ShippingMethod", ShippingMethodModel, "MANAGE_SHIPPING")
