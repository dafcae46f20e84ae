"""Transactions API types, with Saleor's names."""

from typing import Any

import graphene
from graphql.language import ast

from saleor_sandbox.graphql.accounts.types import User
from saleor_sandbox.graphql.apps.types import App
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.money import Money, MoneyValue
from saleor_sandbox.graphql.core.nodes import register_node, to_global_id
from saleor_sandbox.graphql.core.scalars import PositiveDecimal
from saleor_sandbox.models import TransactionEvent as TransactionEventModel
from saleor_sandbox.models import TransactionItem as TransactionItemModel
from saleor_sandbox.permissions import has_any_permission


class JSON(graphene.Scalar):
    """Any JSON value, as Saleor's `JSON` scalar."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        if isinstance(node, ast.ObjectValueNode):
            return {f.name.value: JSON.parse_literal(f.value) for f in node.fields}
        if isinstance(node, ast.ListValueNode):
            return [JSON.parse_literal(v) for v in node.values]
        if isinstance(node, ast.IntValueNode):
            return int(node.value)
        if isinstance(node, ast.FloatValueNode):
            return float(node.value)
        if isinstance(node, (ast.StringValueNode, ast.BooleanValueNode)):
            return node.value
        return None


TransactionEventTypeEnum = saleor_enum(
    "TransactionEventTypeEnum",
    [
        "AUTHORIZATION_SUCCESS",
        "AUTHORIZATION_FAILURE",
        "AUTHORIZATION_ADJUSTMENT",
        "AUTHORIZATION_REQUEST",
        "AUTHORIZATION_ACTION_REQUIRED",
        "CHARGE_ACTION_REQUIRED",
        "CHARGE_SUCCESS",
        "CHARGE_FAILURE",
        "CHARGE_BACK",
        "CHARGE_REQUEST",
        "REFUND_SUCCESS",
        "REFUND_FAILURE",
        "REFUND_REVERSE",
        "REFUND_REQUEST",
        "CANCEL_SUCCESS",
        "CANCEL_FAILURE",
        "CANCEL_REQUEST",
        "INFO",
    ],
)
TransactionActionEnum = saleor_enum("TransactionActionEnum", ["CHARGE", "REFUND", "CANCEL"])


def _error_type(name: str, codes: list[str]) -> type[graphene.ObjectType]:
    code_enum = saleor_enum(f"{name}Code", codes)
    return type(
        name,
        (graphene.ObjectType,),
        {
            "field": graphene.String(),
            "message": graphene.String(),
            "code": code_enum(required=True),
        },
    )


TransactionInitializeError = _error_type(
    "TransactionInitializeError",
    ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "UNIQUE", "CHECKOUT_COMPLETION_IN_PROGRESS"],
)
TransactionProcessError = _error_type(
    "TransactionProcessError",
    [
        "GRAPHQL_ERROR",
        "INVALID",
        "NOT_FOUND",
        "TRANSACTION_ALREADY_PROCESSED",
        "MISSING_PAYMENT_APP_RELATION",
        "MISSING_PAYMENT_APP",
        "CHECKOUT_COMPLETION_IN_PROGRESS",
    ],
)
PaymentGatewayInitializeError = _error_type(
    "PaymentGatewayInitializeError", ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND"]
)
PaymentGatewayConfigError = _error_type(
    "PaymentGatewayConfigError", ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND"]
)
TransactionRequestActionError = _error_type(
    "TransactionRequestActionError",
    [
        "INVALID",
        "REQUIRED",
        "GRAPHQL_ERROR",
        "NOT_FOUND",
        "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
    ],
)
TransactionRequestRefundForGrantedRefundError = _error_type(
    "TransactionRequestRefundForGrantedRefundError",
    [
        "INVALID",
        "GRAPHQL_ERROR",
        "NOT_FOUND",
        "AMOUNT_GREATER_THAN_AVAILABLE",
        "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
        "REFUND_ALREADY_PROCESSED",
        "REFUND_IS_PENDING",
    ],
)
_CREATE_CODES = [
    "INVALID",
    "GRAPHQL_ERROR",
    "NOT_FOUND",
    "INCORRECT_CURRENCY",
    "METADATA_KEY_REQUIRED",
    "UNIQUE",
]
TransactionCreateError = _error_type("TransactionCreateError", _CREATE_CODES)
TransactionUpdateError = _error_type("TransactionUpdateError", _CREATE_CODES)
TransactionEventReportError = _error_type(
    "TransactionEventReportError",
    ["INVALID", "GRAPHQL_ERROR", "NOT_FOUND", "INCORRECT_DETAILS", "ALREADY_EXISTS", "REQUIRED"],
)


def _created_by(root: Any) -> Any:
    return root.app or root.user


class UserOrApp(graphene.Union):
    class Meta:
        types = (User, App)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        from saleor_sandbox.models import App as AppModel

        return App if isinstance(instance, AppModel) else User


class TransactionEvent(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True)
    message = graphene.String(required=True)
    external_url = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    type = TransactionEventTypeEnum()
    created_by = graphene.Field(UserOrApp)
    idempotency_key = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, TransactionEventModel)

    @staticmethod
    def resolve_amount(root: TransactionEventModel, _info: Any) -> MoneyValue:
        return MoneyValue(root.amount_value, root.currency)

    @staticmethod
    def resolve_type(root: TransactionEventModel, _info: Any) -> str:
        return root.type.upper()

    @staticmethod
    def resolve_created_by(root: TransactionEventModel, _info: Any) -> Any:
        return _created_by(root)


def _money(field_name: str) -> Any:
    def resolve(root: TransactionItemModel, _info: Any) -> MoneyValue:
        return MoneyValue(getattr(root, field_name), root.currency)

    return resolve


class TransactionItem(graphene.ObjectType):
    token = graphene.UUID(required=True)
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.List(graphene.NonNull(TransactionActionEnum), required=True)
    authorized_amount = graphene.Field(Money, required=True, resolver=_money("authorized_value"))
    authorize_pending_amount = graphene.Field(
        Money, required=True, resolver=_money("authorize_pending_value")
    )
    refunded_amount = graphene.Field(Money, required=True, resolver=_money("refunded_value"))
    refund_pending_amount = graphene.Field(
        Money, required=True, resolver=_money("refund_pending_value")
    )
    canceled_amount = graphene.Field(Money, required=True, resolver=_money("canceled_value"))
    cancel_pending_amount = graphene.Field(
        Money, required=True, resolver=_money("cancel_pending_value")
    )
    charged_amount = graphene.Field(Money, required=True, resolver=_money("charged_value"))
    charge_pending_amount = graphene.Field(
        Money, required=True, resolver=_money("charge_pending_value")
    )
    name = graphene.String(required=True)
    message = graphene.String(required=True)
    psp_reference = graphene.String(required=True)
    order = graphene.Field("saleor_sandbox.graphql.orders.types.Order")
    checkout = graphene.Field("saleor_sandbox.graphql.checkout.types.Checkout")
    events = graphene.List(graphene.NonNull(TransactionEvent), required=True)
    created_by = graphene.Field(UserOrApp)
    external_url = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, TransactionItemModel)

    @staticmethod
    def resolve_id(root: TransactionItemModel, _info: Any) -> str:
        return str(root.token)

    @staticmethod
    def resolve_actions(root: TransactionItemModel, _info: Any) -> list[str]:
        return [action.upper() for action in root.available_actions]

    @staticmethod
    def resolve_events(root: TransactionItemModel, _info: Any) -> list[TransactionEventModel]:
        return list(root.events.order_by("created_at", "pk"))

    @staticmethod
    def resolve_created_by(root: TransactionItemModel, _info: Any) -> Any:
        return _created_by(root)

    @staticmethod
    def resolve_order(root: TransactionItemModel, info: Any) -> Any:
        if root.order_id and not has_any_permission(
            info.context, ["MANAGE_ORDERS", "HANDLE_PAYMENTS"]
        ):
            return None
        return root.order


class TransactionAction(graphene.ObjectType):
    action_type = TransactionActionEnum(required=True)
    amount = PositiveDecimal(required=True)
    currency = graphene.String(required=True)


def transaction_global_id(transaction: TransactionItemModel) -> str:
    return to_global_id("TransactionItem", transaction.token)


register_node("TransactionItem", TransactionItemModel, "HANDLE_PAYMENTS")
register_node("TransactionEvent", TransactionEventModel, "HANDLE_PAYMENTS")
