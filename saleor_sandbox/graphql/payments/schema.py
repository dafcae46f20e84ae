"""Transactions API: queries and mutations (payment sessions, actions, app reports)."""

from typing import Any
from uuid import UUID

import graphene

from saleor_sandbox.errors import PermissionDenied, mutation_error
from saleor_sandbox.graphql.channels.types import TransactionFlowStrategyEnum
from saleor_sandbox.graphql.core.metadata import MetadataInput
from saleor_sandbox.graphql.core.mutations import SaleorMutation, errors_field
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.core.scalars import PositiveDecimal
from saleor_sandbox.graphql.payments.types import (
    JSON,
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
    TransactionActionEnum,
    TransactionCreateError,
    TransactionEvent,
    TransactionEventReportError,
    TransactionEventTypeEnum,
    TransactionInitializeError,
    TransactionItem,
    TransactionProcessError,
    TransactionRequestActionError,
    TransactionRequestRefundForGrantedRefundError,
    TransactionUpdateError,
)
from saleor_sandbox.models import Checkout, Order, OrderGrantedRefund
from saleor_sandbox.models import TransactionItem as TransactionItemModel
from saleor_sandbox.permissions import has_any_permission, permission_required
from saleor_sandbox.services import (
    payment_gateways,
    transaction_actions,
    transaction_reports,
    transaction_sessions,
)
from saleor_sandbox.services.checkout import checkout_by_id_or_token
from saleor_sandbox.webhooks.sync import apps_with_sync_event, send_sync_webhook


def _value(enum_value: Any) -> Any:
    return getattr(enum_value, "value", enum_value)


def source_object(global_id: str, code_invalid: str = "INVALID") -> Checkout | Order:
    type_name, pk = from_global_id(global_id)
    if type_name == "Checkout":
        return checkout_by_id_or_token(id=global_id)
    if type_name == "Order":
        order = Order.objects.select_related("channel").filter(pk=pk).first()
        if order is None:
            raise mutation_error("id", "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")
        return order
    raise mutation_error("id", code_invalid, f"Couldn't resolve to Checkout or Order: {global_id}")


def transaction_by_id_or_token(
    id: str | None, token: UUID | str | None, *, lock: bool = False
) -> TransactionItemModel:
    if id is not None:
        _type, pk = from_global_id(id, "TransactionItem")
        token = pk
    queryset = TransactionItemModel.objects.all()
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        transaction = queryset.filter(token=token).first() if token else None
    except (ValueError, TypeError):
        transaction = None
    if transaction is None:
        raise mutation_error(
            "id" if id else "token", "NOT_FOUND", f"Couldn't resolve to a node: {id or token}"
        )
    return transaction


def customer_ip(info: Any, given: str | None) -> str | None:
    if given is not None:
        if info.context.app is None or "HANDLE_PAYMENTS" not in info.context.app.permissions:
            raise PermissionDenied(["HANDLE_PAYMENTS"])
        return given
    request = info.context.request
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    return forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True)
    data = JSON()


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = JSON()
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


class PaymentGatewayInitialize(SaleorMutation):
    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig))
    errors = errors_field(PaymentGatewayInitializeError)

    class Arguments:
        id = graphene.ID(required=True)
        amount = PositiveDecimal()
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize))

    error_type = PaymentGatewayInitializeError

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        source = source_object(arguments["id"])
        amount = arguments.get("amount")
        if amount is None:
            amount = transaction_sessions.default_amount(source)
        requested = arguments.get("payment_gateways")
        apps = apps_with_sync_event("PAYMENT_GATEWAY_INITIALIZE_SESSION")
        configs = []
        wanted = {g["id"]: g.get("data") for g in requested} if requested else None
        if wanted is None or payment_gateways.DUMMY_GATEWAY_ID in wanted:
            configs.append(
                PaymentGatewayConfig(id=payment_gateways.DUMMY_GATEWAY_ID, data=None, errors=[])
            )
        for app in apps:
            if wanted is not None and app.identifier not in wanted:
                continue
            data = (wanted or {}).get(app.identifier)
            response = send_sync_webhook(
                app,
                "PAYMENT_GATEWAY_INITIALIZE_SESSION",
                source,
                {"source_object": source, "data": data, "amount": amount},
            )
            if response.data is None or not isinstance(response.data, dict):
                configs.append(
                    PaymentGatewayConfig(
                        id=app.identifier,
                        data=None,
                        errors=[
                            PaymentGatewayConfigError(
                                field="id",
                                code="NOT_FOUND",
                                message="Unable to initialize payment gateway.",
                            )
                        ],
                    )
                )
                continue
            configs.append(
                PaymentGatewayConfig(id=app.identifier, data=response.data.get("data"), errors=[])
            )
        if wanted:
            for gateway_id in wanted:
                if gateway_id not in {c.id for c in configs}:
                    configs.append(
                        PaymentGatewayConfig(
                            id=gateway_id,
                            data=None,
                            errors=[
                                PaymentGatewayConfigError(
                                    field="id",
                                    code="NOT_FOUND",
                                    message="Active app with `HANDLE_PAYMENT` permissions or app webhook not found.",
                                )
                            ],
                        )
                    )
        return {"gateway_configs": configs}


class TransactionInitialize(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()
    errors = errors_field(TransactionInitializeError)

    class Arguments:
        id = graphene.ID(required=True)
        amount = PositiveDecimal()
        action = TransactionFlowStrategyEnum()
        payment_gateway = PaymentGatewayToInitialize(required=True)
        idempotency_key = graphene.String()
        customer_ip_address = graphene.String()

    error_type = TransactionInitializeError

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        source = source_object(arguments["id"])
        action = _value(arguments.get("action"))
        if action is None:
            action = source.channel.default_transaction_flow_strategy
        elif info.context.app is None or "HANDLE_PAYMENTS" not in info.context.app.permissions:
            raise PermissionDenied(["HANDLE_PAYMENTS"])
        gateway = arguments["payment_gateway"]
        transaction, event, data = transaction_sessions.initialize_session(
            info.context,
            source,
            gateway["id"],
            gateway.get("data"),
            arguments.get("amount"),
            action,
            customer_ip(info, arguments.get("customer_ip_address")),
            arguments.get("idempotency_key"),
        )
        return {"transaction": transaction, "transaction_event": event, "data": data}


class TransactionProcess(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()
    errors = errors_field(TransactionProcessError)

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        data = JSON()
        customer_ip_address = graphene.String()

    error_type = TransactionProcessError

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        transaction = transaction_by_id_or_token(arguments.get("id"), arguments.get("token"))
        transaction, event, data = transaction_sessions.process_session(
            info.context,
            transaction,
            arguments.get("data"),
            customer_ip(info, arguments.get("customer_ip_address")),
        )
        return {"transaction": transaction, "transaction_event": event, "data": data}


class TransactionRequestAction(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    errors = errors_field(TransactionRequestActionError)

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        action_type = TransactionActionEnum(required=True)
        amount = PositiveDecimal()

    error_type = TransactionRequestActionError
    permissions = ("HANDLE_PAYMENTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        transaction = transaction_by_id_or_token(
            arguments.get("id"), arguments.get("token"), lock=True
        )
        result = transaction_actions.request_action(
            info.context, transaction, _value(arguments["action_type"]), arguments.get("amount")
        )
        return {"transaction": result}


class TransactionRequestRefundForGrantedRefund(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    errors = errors_field(TransactionRequestRefundForGrantedRefundError)

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        granted_refund_id = graphene.ID(required=True)

    error_type = TransactionRequestRefundForGrantedRefundError
    permissions = ("HANDLE_PAYMENTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        granted = granted_refund_by_id(arguments["granted_refund_id"])
        if granted.transaction_item_id is not None:
            transaction = TransactionItemModel.objects.select_for_update().get(
                pk=granted.transaction_item_id
            )
        else:
            transaction = transaction_by_id_or_token(
                arguments.get("id"), arguments.get("token"), lock=True
            )
        result = transaction_actions.request_refund_for_granted_refund(
            info.context, transaction, granted
        )
        return {"transaction": result}


def granted_refund_by_id(global_id: str) -> OrderGrantedRefund:
    _type, pk = from_global_id(global_id, "OrderGrantedRefund")
    granted = (
        OrderGrantedRefund.objects.select_for_update(of=("self",))
        .filter(pk=pk if pk.isdigit() else 0)
        .first()
    )
    if granted is None:
        raise mutation_error(
            "grantedRefundId", "NOT_FOUND", f"Couldn't resolve to a node: {global_id}"
        )
    return granted


class MoneyInput(graphene.InputObjectType):
    currency = graphene.String(required=True)
    amount = PositiveDecimal(required=True)


class TransactionFields:
    name = graphene.String()
    message = graphene.String()
    psp_reference = graphene.String()
    available_actions = graphene.List(graphene.NonNull(TransactionActionEnum))
    amount_authorized = MoneyInput()
    amount_charged = MoneyInput()
    amount_refunded = MoneyInput()
    amount_canceled = MoneyInput()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    external_url = graphene.String()


class TransactionCreateInput(TransactionFields, graphene.InputObjectType):
    pass


class TransactionUpdateInput(TransactionFields, graphene.InputObjectType):
    pass


class TransactionEventInput(graphene.InputObjectType):
    psp_reference = graphene.String()
    message = graphene.String()


class TransactionCreate(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    errors = errors_field(TransactionCreateError)

    class Arguments:
        id = graphene.ID(required=True)
        transaction = TransactionCreateInput(required=True)
        transaction_event = TransactionEventInput()

    error_type = TransactionCreateError
    permissions = ("HANDLE_PAYMENTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        source = source_object(arguments["id"], "INVALID")
        created = transaction_reports.create_transaction(
            info.context, source, arguments["transaction"], arguments.get("transaction_event")
        )
        return {"transaction": created}


class TransactionUpdate(SaleorMutation):
    transaction = graphene.Field(TransactionItem)
    errors = errors_field(TransactionUpdateError)

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        transaction = TransactionUpdateInput()
        transaction_event = TransactionEventInput()

    error_type = TransactionUpdateError
    permissions = ("HANDLE_PAYMENTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        transaction = transaction_by_id_or_token(
            arguments.get("id"), arguments.get("token"), lock=True
        )
        updated = transaction_reports.update_transaction(
            info.context,
            transaction,
            arguments.get("transaction") or {},
            arguments.get("transaction_event"),
        )
        return {"transaction": updated}


class TransactionEventReport(SaleorMutation):
    already_processed = graphene.Boolean()
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    errors = errors_field(TransactionEventReportError)

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        psp_reference = graphene.String(required=True)
        type = TransactionEventTypeEnum(required=True)
        amount = PositiveDecimal()
        time = graphene.DateTime()
        external_url = graphene.String()
        message = graphene.String()
        available_actions = graphene.List(graphene.NonNull(TransactionActionEnum))

    error_type = TransactionEventReportError
    permissions = ("HANDLE_PAYMENTS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        transaction = transaction_by_id_or_token(
            arguments.get("id"), arguments.get("token"), lock=True
        )
        actions = arguments.get("available_actions")
        already, event = transaction_reports.report_event(
            info.context,
            transaction,
            event_type=_value(arguments["type"]),
            psp_reference=arguments["psp_reference"],
            amount=arguments.get("amount"),
            message=arguments.get("message"),
            external_url=arguments.get("external_url"),
            available_actions=[_value(a) for a in actions] if actions is not None else None,
        )
        transaction.refresh_from_db()
        return {
            "already_processed": already,
            "transaction": transaction,
            "transaction_event": event,
        }


class PaymentQueries(graphene.ObjectType):
    transaction = graphene.Field(TransactionItem, id=graphene.ID(), token=graphene.UUID())

    @staticmethod
    @permission_required("HANDLE_PAYMENTS")
    def resolve_transaction(
        _root: Any, info: Any, id: str | None = None, token: UUID | None = None
    ) -> TransactionItemModel | None:
        if id is not None:
            _type, token_str = from_global_id(id, "TransactionItem")
            try:
                return TransactionItemModel.objects.filter(token=token_str).first()
            except ValueError:
                return None
        if token is None:
            return None
        if not has_any_permission(info.context, ["HANDLE_PAYMENTS"]):
            raise PermissionDenied(["HANDLE_PAYMENTS"])
        return TransactionItemModel.objects.filter(token=token).first()


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    transaction_request_action = TransactionRequestAction.Field()
    transaction_request_refund_for_granted_refund = TransactionRequestRefundForGrantedRefund.Field()
    transaction_create = TransactionCreate.Field()
    transaction_update = TransactionUpdate.Field()
    transaction_event_report = TransactionEventReport.Field()
