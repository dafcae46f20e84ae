"""Order types, with Saleor's names; payment amounts come from the order's transactions."""

from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Sum

from saleor_sandbox.graphql.catalogue.types import Page, ProductVariant
from saleor_sandbox.graphql.channels.types import Channel, Warehouse
from saleor_sandbox.graphql.checkout.types import Address, DeliveryMethod
from saleor_sandbox.graphql.core.connection import countable_connection
from saleor_sandbox.graphql.core.enums import LanguageCodeEnum, saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.money import Money, MoneyValue, TaxedMoney, TaxedMoneyValue
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.graphql.payments.types import TransactionEvent, TransactionItem
from saleor_sandbox.models import Fulfillment as FulfillmentModel
from saleor_sandbox.models import FulfillmentLine as FulfillmentLineModel
from saleor_sandbox.models import Order as OrderModel
from saleor_sandbox.models import OrderEvent as OrderEventModel
from saleor_sandbox.models import OrderGrantedRefund as OrderGrantedRefundModel
from saleor_sandbox.models import OrderGrantedRefundLine as OrderGrantedRefundLineModel
from saleor_sandbox.models import OrderLine as OrderLineModel
from saleor_sandbox.models import TransactionItem as TransactionItemModel

ZERO = Decimal(0)

OrderStatus = saleor_enum(
    "OrderStatus",
    [
        "DRAFT",
        "UNCONFIRMED",
        "UNFULFILLED",
        "PARTIALLY_FULFILLED",
        "PARTIALLY_RETURNED",
        "RETURNED",
        "FULFILLED",
        "CANCELED",
        "EXPIRED",
    ],
)
OrderChargeStatusEnum = saleor_enum(
    "OrderChargeStatusEnum", ["NONE", "PARTIAL", "FULL", "OVERCHARGED"]
)
OrderAuthorizeStatusEnum = saleor_enum("OrderAuthorizeStatusEnum", ["NONE", "PARTIAL", "FULL"])
OrderOriginEnum = saleor_enum("OrderOriginEnum", ["CHECKOUT", "DRAFT", "REISSUE", "BULK_CREATE"])
FulfillmentStatus = saleor_enum(
    "FulfillmentStatus",
    [
        "FULFILLED",
        "REFUNDED",
        "RETURNED",
        "REPLACED",
        "REFUNDED_AND_RETURNED",
        "CANCELED",
        "WAITING_FOR_APPROVAL",
    ],
)
OrderGrantedRefundStatusEnum = saleor_enum(
    "OrderGrantedRefundStatusEnum", ["NONE", "PENDING", "SUCCESS", "FAILURE"]
)
OrderEventsEnum = saleor_enum(
    "OrderEventsEnum",
    [
        "DRAFT_CREATED",
        "ADDED_PRODUCTS",
        "PLACED",
        "PLACED_FROM_DRAFT",
        "CANCELED",
        "ORDER_MARKED_AS_PAID",
        "ORDER_FULLY_PAID",
        "CONFIRMED",
        "TRANSACTION_EVENT",
        "TRANSACTION_CHARGE_REQUESTED",
        "TRANSACTION_REFUND_REQUESTED",
        "TRANSACTION_CANCEL_REQUESTED",
        "TRANSACTION_MARK_AS_PAID_FAILED",
        "FULFILLMENT_FULFILLED_ITEMS",
        "NOTE_ADDED",
        "OTHER",
    ],
)


def _taxed(amount: Decimal, currency: str) -> TaxedMoneyValue:
    return TaxedMoneyValue.untaxed(amount, currency)


class OrderLine(graphene.ObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True)
    tax_rate = graphene.Float(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field(ProductVariant)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, OrderLineModel)

    @staticmethod
    def resolve_quantity_to_fulfill(root: OrderLineModel, _info: Any) -> int:
        return root.quantity - root.quantity_fulfilled

    @staticmethod
    def resolve_unit_price(root: OrderLineModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.unit_price_net_amount, root.currency),
            MoneyValue(root.unit_price_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_undiscounted_unit_price(root: OrderLineModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.undiscounted_unit_price_net_amount, root.currency),
            MoneyValue(root.undiscounted_unit_price_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_total_price(root: OrderLineModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.total_price_net_amount, root.currency),
            MoneyValue(root.total_price_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_undiscounted_total_price(root: OrderLineModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.undiscounted_total_price_net_amount, root.currency),
            MoneyValue(root.undiscounted_total_price_gross_amount, root.currency),
        )


class FulfillmentLine(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, FulfillmentLineModel)


class Fulfillment(graphene.ObjectType):
    fulfillment_order = graphene.Int(required=True)
    status = FulfillmentStatus(required=True)
    tracking_number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))
    warehouse = graphene.Field(Warehouse)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, FulfillmentModel)

    @staticmethod
    def resolve_status(root: FulfillmentModel, _info: Any) -> str:
        return root.status.upper()

    @staticmethod
    def resolve_created(root: FulfillmentModel, _info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: FulfillmentModel, _info: Any) -> list[FulfillmentLineModel]:
        return list(root.lines.order_by("pk"))

    @staticmethod
    def resolve_warehouse(root: FulfillmentModel, _info: Any) -> Any:
        line = root.lines.select_related("stock__warehouse").first()
        return line.stock.warehouse if line and line.stock else None


class OrderEvent(graphene.ObjectType):
    date = graphene.DateTime()
    type = OrderEventsEnum()
    user = graphene.Field("saleor_sandbox.graphql.accounts.types.User")
    app = graphene.Field("saleor_sandbox.graphql.apps.types.App")
    message = graphene.String()
    amount = graphene.Float()
    reference = graphene.String()
    transaction_reference = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, OrderEventModel)

    @staticmethod
    def resolve_message(root: OrderEventModel, _info: Any) -> str | None:
        return root.parameters.get("message")

    @staticmethod
    def resolve_amount(root: OrderEventModel, _info: Any) -> float | None:
        amount = root.parameters.get("amount")
        return float(amount) if amount is not None else None

    @staticmethod
    def resolve_reference(root: OrderEventModel, _info: Any) -> str | None:
        return root.parameters.get("reference")

    @staticmethod
    def resolve_transaction_reference(root: OrderEventModel, _info: Any) -> str | None:
        return root.parameters.get("transaction_reference")


class OrderGrantedRefundLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine, required=True)
    reason = graphene.String()
    reason_reference = graphene.Field(Page)

    @staticmethod
    def resolve_id(root: OrderGrantedRefundLineModel, _info: Any) -> str:
        from saleor_sandbox.graphql.core.nodes import to_global_id

        return to_global_id("OrderGrantedRefundLine", root.pk)


class OrderGrantedRefund(graphene.ObjectType):
    id = graphene.ID(required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    amount = graphene.Field(Money, required=True)
    reason = graphene.String()
    reason_reference = graphene.Field(Page)
    user = graphene.Field("saleor_sandbox.graphql.accounts.types.User")
    app = graphene.Field("saleor_sandbox.graphql.apps.types.App")
    shipping_costs_included = graphene.Boolean(required=True)
    lines = graphene.List(graphene.NonNull(OrderGrantedRefundLine))
    status = OrderGrantedRefundStatusEnum(required=True)
    transaction_events = graphene.List(graphene.NonNull(TransactionEvent))
    transaction = graphene.Field(TransactionItem)

    @staticmethod
    def resolve_id(root: OrderGrantedRefundModel, _info: Any) -> str:
        from saleor_sandbox.graphql.core.nodes import to_global_id

        return to_global_id("OrderGrantedRefund", root.pk)

    @staticmethod
    def resolve_amount(root: OrderGrantedRefundModel, _info: Any) -> MoneyValue:
        return MoneyValue(root.amount_value, root.currency)

    @staticmethod
    def resolve_status(root: OrderGrantedRefundModel, _info: Any) -> str:
        return root.status.upper()

    @staticmethod
    def resolve_lines(root: OrderGrantedRefundModel, _info: Any) -> list[Any]:
        return list(root.lines.order_by("pk"))

    @staticmethod
    def resolve_transaction_events(root: OrderGrantedRefundModel, _info: Any) -> list[Any]:
        return list(root.transaction_events.order_by("created_at", "pk"))

    @staticmethod
    def resolve_transaction(root: OrderGrantedRefundModel, _info: Any) -> Any:
        return root.transaction_item


def _transaction_sum(order: OrderModel, field_name: str) -> Decimal:
    value = TransactionItemModel.objects.filter(order=order).aggregate(s=Sum(field_name))["s"]
    return value or ZERO


def _granted(order: OrderModel) -> Decimal:
    return order.granted_refunds.aggregate(s=Sum("amount_value"))["s"] or ZERO


def _money_sum(field_name: str) -> Any:
    def resolve(root: OrderModel, _info: Any) -> MoneyValue:
        return MoneyValue(_transaction_sum(root, field_name), root.currency)

    return resolve


class Order(graphene.ObjectType):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = OrderStatus(required=True)
    user = graphene.Field("saleor_sandbox.graphql.accounts.types.User")
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    shipping_method_name = graphene.String()
    channel = graphene.Field(Channel, required=True)
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    number = graphene.String(required=True)
    origin = OrderOriginEnum(required=True)
    is_paid = graphene.Boolean(required=True)
    authorize_status = OrderAuthorizeStatusEnum(required=True)
    charge_status = OrderChargeStatusEnum(required=True)
    transactions = graphene.List(graphene.NonNull(TransactionItem), required=True)
    total = graphene.Field(TaxedMoney, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    customer_note = graphene.String(required=True)
    redirect_url = graphene.String()
    subtotal = graphene.Field(TaxedMoney, required=True)
    total_authorized = graphene.Field(Money, required=True, resolver=_money_sum("authorized_value"))
    total_charged = graphene.Field(Money, required=True)
    total_canceled = graphene.Field(Money, required=True, resolver=_money_sum("canceled_value"))
    events = graphene.List(graphene.NonNull(OrderEvent), required=True)
    total_balance = graphene.Field(Money, required=True)
    user_email = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    delivery_method = graphene.Field(DeliveryMethod)
    language_code_enum = graphene.Field(LanguageCodeEnum, required=True)
    external_reference = graphene.String()
    checkout_id = graphene.ID()
    granted_refunds = graphene.List(graphene.NonNull(OrderGrantedRefund), required=True)
    total_granted_refund = graphene.Field(Money, required=True)
    total_refunded = graphene.Field(Money, required=True, resolver=_money_sum("refunded_value"))
    total_refund_pending = graphene.Field(
        Money, required=True, resolver=_money_sum("refund_pending_value")
    )
    total_authorize_pending = graphene.Field(
        Money, required=True, resolver=_money_sum("authorize_pending_value")
    )
    total_charge_pending = graphene.Field(
        Money, required=True, resolver=_money_sum("charge_pending_value")
    )
    total_cancel_pending = graphene.Field(
        Money, required=True, resolver=_money_sum("cancel_pending_value")
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, OrderModel)

    @staticmethod
    def resolve_created(root: OrderModel, _info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_status(root: OrderModel, _info: Any) -> str:
        return root.status.upper().replace(" ", "_")

    @staticmethod
    def resolve_fulfillments(root: OrderModel, _info: Any) -> list[Any]:
        return list(root.fulfillments.order_by("pk"))

    @staticmethod
    def resolve_lines(root: OrderModel, _info: Any) -> list[Any]:
        return list(root.lines.order_by("created_at", "id"))

    @staticmethod
    def resolve_number(root: OrderModel, _info: Any) -> str:
        return str(root.number)

    @staticmethod
    def resolve_is_paid(root: OrderModel, _info: Any) -> bool:
        return root.charge_status in (
            OrderModel.ChargeStatus.FULL,
            OrderModel.ChargeStatus.OVERCHARGED,
        )

    @staticmethod
    def resolve_authorize_status(root: OrderModel, _info: Any) -> str:
        return root.authorize_status.upper()

    @staticmethod
    def resolve_charge_status(root: OrderModel, _info: Any) -> str:
        return root.charge_status.upper()

    @staticmethod
    def resolve_transactions(root: OrderModel, _info: Any) -> list[Any]:
        return list(TransactionItemModel.objects.filter(order=root).order_by("created_at", "pk"))

    @staticmethod
    def resolve_total(root: OrderModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.total_net_amount, root.currency),
            MoneyValue(root.total_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_undiscounted_total(root: OrderModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.undiscounted_total_net_amount, root.currency),
            MoneyValue(root.undiscounted_total_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_shipping_price(root: OrderModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.shipping_price_net_amount, root.currency),
            MoneyValue(root.shipping_price_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_subtotal(root: OrderModel, _info: Any) -> TaxedMoneyValue:
        return TaxedMoneyValue(
            MoneyValue(root.subtotal_net_amount, root.currency),
            MoneyValue(root.subtotal_gross_amount, root.currency),
        )

    @staticmethod
    def resolve_events(root: OrderModel, _info: Any) -> list[Any]:
        return list(root.events.order_by("date", "pk"))

    @staticmethod
    def resolve_total_charged(root: OrderModel, _info: Any) -> MoneyValue:
        """Stored as Saleor does: transactions' charged amounts plus manual payments."""
        return MoneyValue(root.total_charged_amount, root.currency)

    @staticmethod
    def resolve_total_balance(root: OrderModel, _info: Any) -> MoneyValue:
        charged = root.total_charged_amount + _transaction_sum(root, "charge_pending_value")
        return MoneyValue(charged - (root.total_gross_amount - _granted(root)), root.currency)

    @staticmethod
    def resolve_user_email(root: OrderModel, _info: Any) -> str | None:
        return root.user_email or None

    @staticmethod
    def resolve_is_shipping_required(root: OrderModel, _info: Any) -> bool:
        return root.lines.filter(is_shipping_required=True).exists()

    @staticmethod
    def resolve_delivery_method(root: OrderModel, _info: Any) -> Any:
        method = root.shipping_method
        if method is None:
            return None
        method.channel_price = MoneyValue(root.shipping_price_gross_amount, root.currency)  # type: ignore[attr-defined]
        return method

    @staticmethod
    def resolve_language_code_enum(root: OrderModel, _info: Any) -> str:
        return root.language_code.upper().replace("-", "_")

    @staticmethod
    def resolve_checkout_id(root: OrderModel, _info: Any) -> str | None:
        from saleor_sandbox.graphql.core.nodes import to_global_id

        return to_global_id("Checkout", root.checkout_token) if root.checkout_token else None

    @staticmethod
    def resolve_granted_refunds(root: OrderModel, _info: Any) -> list[Any]:
        return list(root.granted_refunds.order_by("created_at", "pk"))

    @staticmethod
    def resolve_total_granted_refund(root: OrderModel, _info: Any) -> MoneyValue:
        return MoneyValue(_granted(root), root.currency)


OrderCountableConnection = countable_connection(Order)

register_node("Order", OrderModel, "MANAGE_ORDERS")
register_node("OrderLine", OrderLineModel, "MANAGE_ORDERS")
register_node("Fulfillment", FulfillmentModel, "MANAGE_ORDERS")
register_node("OrderEvent", OrderEventModel, "MANAGE_ORDERS")
