"""draftOrderCreate, draftOrderComplete and the draftOrders list (MANAGE_ORDERS)."""

from typing import Any

import graphene

from saleor_sandbox.graphql.checkout.schema import AddressInput
from saleor_sandbox.graphql.core.connection import connection_args, paginate
from saleor_sandbox.graphql.core.enums import LanguageCodeEnum
from saleor_sandbox.graphql.core.metadata import MetadataInput
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.graphql.core.scalars import PositiveDecimal
from saleor_sandbox.graphql.orders.filters import OrderSortingInput, filtered_orders
from saleor_sandbox.graphql.orders.mutation_base import (
    OrderError,
    OrderMutation,
    order_errors_field,
    order_from_id,
)
from saleor_sandbox.graphql.orders.types import Order, OrderCountableConnection
from saleor_sandbox.models import Order as OrderModel
from saleor_sandbox.permissions import permission_required
from saleor_sandbox.services.draft_orders import create_draft_order
from saleor_sandbox.services.draft_orders_complete import complete_draft_order


class OrderLineCreateInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)
    force_new_line = graphene.Boolean(default_value=False)
    price = PositiveDecimal()


class DraftOrderCreateInput(graphene.InputObjectType):
    billing_address = AddressInput()
    save_billing_address = graphene.Boolean()
    user = graphene.ID()
    user_email = graphene.String()
    shipping_address = AddressInput()
    save_shipping_address = graphene.Boolean()
    shipping_method = graphene.ID()
    customer_note = graphene.String()
    channel_id = graphene.ID()
    redirect_url = graphene.String()
    external_reference = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    language_code = LanguageCodeEnum()
    lines = graphene.List(graphene.NonNull(OrderLineCreateInput))


class DraftOrderCreate(OrderMutation):
    order_errors = order_errors_field()
    errors = errors_field(OrderError)
    order = graphene.Field(Order)

    class Arguments:
        input = DraftOrderCreateInput(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"order": create_draft_order(info.context, dict(arguments["input"]))}


class DraftOrderComplete(OrderMutation):
    order = graphene.Field(Order)
    order_errors = order_errors_field()
    errors = errors_field(OrderError)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        order = complete_draft_order(info.context, order_from_id(arguments["id"]))
        return {"order": order}


class DraftOrderQueries(graphene.ObjectType):
    draft_orders = graphene.Field(
        OrderCountableConnection,
        sort_by=OrderSortingInput(),
        search=graphene.String(),
        **connection_args(),
    )

    @staticmethod
    @permission_required("MANAGE_ORDERS")
    def resolve_draft_orders(
        _root: Any,
        _info: Any,
        search: str | None = None,
        sort_by: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        queryset = filtered_orders(
            OrderModel.objects.filter(status=OrderModel.Status.DRAFT),
            filter=None,
            where=None,
            search=search,
            sort_by=sort_by,
        )
        return paginate(queryset, OrderCountableConnection, "draftOrders", **kwargs)


class DraftOrderMutations(graphene.ObjectType):
    draft_order_create = DraftOrderCreate.Field()
    draft_order_complete = DraftOrderComplete.Field()
