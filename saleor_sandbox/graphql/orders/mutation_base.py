"""What every order mutation shares: OrderError (Saleor's codes), MANAGE_ORDERS, the
deprecated `orderErrors` copy, and the order looked up (and locked) by its global id."""

import graphene

from saleor_sandbox.errors import mutation_error
from saleor_sandbox.graphql.checkout.types import AddressTypeEnum
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.mutations import SaleorMutation
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.models import Order as OrderModel

OrderErrorCode = saleor_enum(
    "OrderErrorCode",
    [
        "BILLING_ADDRESS_NOT_SET",
        "CANNOT_CANCEL_FULFILLMENT",
        "CANNOT_CANCEL_ORDER",
        "CANNOT_DELETE",
        "CANNOT_DISCOUNT",
        "CANNOT_REFUND",
        "CANNOT_FULFILL_UNPAID_ORDER",
        "CAPTURE_INACTIVE_PAYMENT",
        "GIFT_CARD_LINE",
        "NOT_EDITABLE",
        "FULFILL_ORDER_LINE",
        "GRAPHQL_ERROR",
        "INVALID",
        "PRODUCT_NOT_PUBLISHED",
        "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
        "NOT_FOUND",
        "ORDER_NO_SHIPPING_ADDRESS",
        "PAYMENT_ERROR",
        "PAYMENT_MISSING",
        "TRANSACTION_ERROR",
        "REQUIRED",
        "SHIPPING_METHOD_NOT_APPLICABLE",
        "SHIPPING_METHOD_REQUIRED",
        "TAX_ERROR",
        "UNIQUE",
        "VOID_INACTIVE_PAYMENT",
        "ZERO_QUANTITY",
        "INVALID_QUANTITY",
        "INSUFFICIENT_STOCK",
        "DUPLICATED_INPUT_ITEM",
        "NOT_AVAILABLE_IN_CHANNEL",
        "CHANNEL_INACTIVE",
        "INVALID_VOUCHER",
        "INVALID_VOUCHER_CODE",
        "NON_EDITABLE_GIFT_LINE",
        "NON_REMOVABLE_GIFT_LINE",
        "MISSING_ADDRESS_DATA",
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


def order_from_id(global_id: str, *, lock: bool = True, field: str = "id") -> OrderModel:
    _type, pk = from_global_id(global_id, "Order")
    queryset = OrderModel.objects.select_related("channel")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        order = queryset.filter(pk=pk).first()
    except (ValueError, TypeError):
        order = None
    if order is None:
        raise mutation_error(field, "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")
    return order


class OrderMutation(SaleorMutation):
    class Meta:
        abstract = True

    error_type = OrderError
    permissions = ("MANAGE_ORDERS",)
    legacy_errors_attribute = "order_errors"


def order_errors_field() -> graphene.List:
    return graphene.List(
        graphene.NonNull(OrderError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
