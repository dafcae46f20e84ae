"""The `orders` query's arguments as Saleor 3.23 has them (a subset of the fields):
`filter` (deprecated), `where`, `search` and `sortBy`."""

import uuid
from typing import Any

import graphene
from django.db.models import Q, QuerySet

from saleor_sandbox.graphql.catalogue.enums import OrderDirection
from saleor_sandbox.graphql.catalogue.inputs import GlobalIDFilterInput, StringFilterInput
from saleor_sandbox.graphql.core.enums import saleor_enum
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.orders.types import OrderChargeStatusEnum, OrderStatus
from saleor_sandbox.models import Order as OrderModel

OrderStatusFilter = saleor_enum(
    "OrderStatusFilter",
    [
        "READY_TO_FULFILL",
        "READY_TO_CAPTURE",
        "UNFULFILLED",
        "UNCONFIRMED",
        "PARTIALLY_FULFILLED",
        "FULFILLED",
        "CANCELED",
    ],
)
OrderSortField = saleor_enum("OrderSortField", ["NUMBER", "CREATED_AT"])


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date()
    lte = graphene.Date()


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime()
    lte = graphene.DateTime()


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int()
    lte = graphene.Int()


class IntFilterInput(graphene.InputObjectType):
    eq = graphene.Int()
    one_of = graphene.List(graphene.NonNull(graphene.Int))
    range = graphene.Field(IntRangeInput)


class OrderStatusEnumFilterInput(graphene.InputObjectType):
    eq = OrderStatus()
    one_of = graphene.List(graphene.NonNull(OrderStatus))


class OrderChargeStatusEnumFilterInput(graphene.InputObjectType):
    eq = OrderChargeStatusEnum()
    one_of = graphene.List(graphene.NonNull(OrderChargeStatusEnum))


class OrderFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(OrderStatusFilter))
    customer = graphene.String()
    created = graphene.Field(DateRangeInput)
    search = graphene.String()
    channels = graphene.List(graphene.NonNull(graphene.ID))
    charge_status = graphene.List(graphene.NonNull(OrderChargeStatusEnum))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    numbers = graphene.List(graphene.NonNull(graphene.String))


class OrderWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    number = graphene.Field(IntFilterInput)
    channel_id = graphene.Field(GlobalIDFilterInput)
    created_at = graphene.Field(DateTimeRangeInput)
    user_email = graphene.Field(StringFilterInput)
    charge_status = graphene.Field(OrderChargeStatusEnumFilterInput)
    status = graphene.Field(OrderStatusEnumFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: OrderWhereInput))
    OR = graphene.List(graphene.NonNull(lambda: OrderWhereInput))


class OrderSortingInput(graphene.InputObjectType):
    direction = OrderDirection(required=True)
    field = OrderSortField(required=True)


def _value(enum_value: Any) -> Any:
    return getattr(enum_value, "value", enum_value)


def _db_status(name: str) -> str:
    return str(name).lower().replace("_", " ")


def _pks(global_ids: list[str], type_name: str) -> list[str]:
    return [from_global_id(global_id, type_name)[1] for global_id in global_ids]


def _order_pks(global_ids: list[str]) -> list[str]:
    pks = _pks(global_ids, "Order")
    valid = []
    for pk in pks:
        try:
            valid.append(str(uuid.UUID(pk)))
        except ValueError:
            continue
    return valid


def _range(prefix: str, value: dict[str, Any] | None) -> Q:
    q = Q()
    if value:
        if value.get("gte") is not None:
            q &= Q(**{f"{prefix}__gte": value["gte"]})
        if value.get("lte") is not None:
            q &= Q(**{f"{prefix}__lte": value["lte"]})
    return q


def search_q(text: str) -> Q:
    """Saleor's order search: number, email, customer names, SKUs, references."""
    text = text.strip()
    q = (
        Q(user_email__icontains=text)
        | Q(billing_address__first_name__icontains=text)
        | Q(billing_address__last_name__icontains=text)
        | Q(lines__product_sku__icontains=text)
        | Q(payment_transactions__psp_reference=text)
        | Q(external_reference=text)
    )
    if text.isdigit():
        q |= Q(number=int(text))
    return q


FILTER_STATUSES = {
    "UNFULFILLED": [OrderModel.Status.UNFULFILLED],
    "UNCONFIRMED": [OrderModel.Status.UNCONFIRMED],
    "PARTIALLY_FULFILLED": [OrderModel.Status.PARTIALLY_FULFILLED],
    "FULFILLED": [OrderModel.Status.FULFILLED],
    "CANCELED": [OrderModel.Status.CANCELED],
}


def filter_q(data: dict[str, Any]) -> Q:
    q = Q()
    if data.get("ids"):
        q &= Q(pk__in=_order_pks(data["ids"]))
    if data.get("numbers"):
        q &= Q(number__in=[int(n) for n in data["numbers"] if str(n).isdigit()])
    if data.get("channels"):
        q &= Q(channel_id__in=_pks(data["channels"], "Channel"))
    if data.get("charge_status"):
        q &= Q(charge_status__in=[str(_value(s)).lower() for s in data["charge_status"]])
    if data.get("status"):
        status_q = Q()
        for status in data["status"]:
            name = _value(status)
            if name == "READY_TO_FULFILL":
                status_q |= Q(
                    status__in=[
                        OrderModel.Status.UNFULFILLED,
                        OrderModel.Status.PARTIALLY_FULFILLED,
                    ],
                    charge_status__in=[
                        OrderModel.ChargeStatus.FULL,
                        OrderModel.ChargeStatus.OVERCHARGED,
                    ],
                )
            elif name == "READY_TO_CAPTURE":
                status_q |= Q(authorize_status=OrderModel.AuthorizeStatus.FULL) & ~Q(
                    charge_status__in=[
                        OrderModel.ChargeStatus.FULL,
                        OrderModel.ChargeStatus.OVERCHARGED,
                    ]
                )
            else:
                status_q |= Q(status__in=FILTER_STATUSES[name])
        q &= status_q
    if data.get("customer"):
        text = data["customer"]
        q &= (
            Q(user_email__icontains=text)
            | Q(user__email__icontains=text)
            | Q(billing_address__first_name__icontains=text)
            | Q(billing_address__last_name__icontains=text)
        )
    q &= _range("created_at__date", data.get("created"))
    if data.get("search"):
        q &= search_q(data["search"])
    return q


def _one_of(field: str, value: dict[str, Any] | None, convert: Any = lambda v: v) -> Q:
    if not value:
        return Q()
    if value.get("eq") is not None:
        return Q(**{field: convert(value["eq"])})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": [convert(v) for v in value["one_of"]]})
    return Q()


def where_q(data: dict[str, Any]) -> Q:
    q = Q()
    if data.get("ids"):
        q &= Q(pk__in=_order_pks(data["ids"]))
    number = data.get("number")
    if number:
        q &= _one_of("number", number) & _range("number", number.get("range"))
    channel = data.get("channel_id")
    if channel:
        q &= _one_of("channel_id", channel, lambda gid: from_global_id(gid, "Channel")[1])
    q &= _range("created_at", data.get("created_at"))
    q &= _one_of("user_email", data.get("user_email"))
    q &= _one_of("charge_status", data.get("charge_status"), lambda v: str(_value(v)).lower())
    q &= _one_of("status", data.get("status"), lambda v: _db_status(_value(v)))
    for nested in data.get("AND") or []:
        q &= where_q(nested)
    if data.get("OR"):
        any_q = Q()
        for nested in data["OR"]:
            any_q |= where_q(nested)
        q &= any_q
    return q


def filtered_orders(
    queryset: QuerySet[OrderModel],
    *,
    filter: dict[str, Any] | None,
    where: dict[str, Any] | None,
    search: str | None,
    sort_by: dict[str, Any] | None,
) -> QuerySet[OrderModel]:
    if filter:
        queryset = queryset.filter(filter_q(filter))
    if where:
        queryset = queryset.filter(where_q(where))
    if search:
        queryset = queryset.filter(search_q(search))
    if filter or where or search:
        # Joins (lines, transactions) may repeat an order: keep each once.
        queryset = OrderModel.objects.filter(pk__in=queryset.values("pk"))
    field, direction = "-number", "DESC"
    if sort_by:
        direction = _value(sort_by["direction"])
        field = "number" if _value(sort_by["field"]) == "NUMBER" else "created_at"
        field = field if direction == "ASC" else f"-{field}"
    return queryset.order_by(field, "-pk" if direction == "DESC" else "pk")
