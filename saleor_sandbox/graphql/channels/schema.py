from typing import Any

import graphene

from saleor_sandbox.errors import mutation_error
from saleor_sandbox.graphql.channels.types import (
    Channel,
    ChannelErrorCode,
    MarkAsPaidStrategyEnum,
    TransactionFlowStrategyEnum,
)
from saleor_sandbox.graphql.core.mutations import (
    SaleorMutation,
    deprecated_errors_field,
    errors_field,
)
from saleor_sandbox.graphql.core.nodes import from_global_id
from saleor_sandbox.graphql.core.scalars import Day, Minute
from saleor_sandbox.models import Channel as ChannelModel
from saleor_sandbox.permissions import STAFF_OR_APP, permission_required


class ChannelError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = ChannelErrorCode(required=True)


class OrderSettingsInput(graphene.InputObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean()
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean()
    expire_orders_after = Minute()
    delete_expired_orders_after = Day()
    mark_as_paid_strategy = MarkAsPaidStrategyEnum()
    allow_unpaid_orders = graphene.Boolean()
    include_draft_order_in_voucher_usage = graphene.Boolean()


class CheckoutSettingsInput(graphene.InputObjectType):
    use_legacy_error_flow = graphene.Boolean()
    automatically_complete_fully_paid_checkouts = graphene.Boolean()


class PaymentSettingsInput(graphene.InputObjectType):
    default_transaction_flow_strategy = TransactionFlowStrategyEnum()


class ChannelUpdateInput(graphene.InputObjectType):
    is_active = graphene.Boolean()
    name = graphene.String()
    slug = graphene.String()
    order_settings = graphene.Field(OrderSettingsInput)
    checkout_settings = graphene.Field(CheckoutSettingsInput)
    payment_settings = graphene.Field(PaymentSettingsInput)


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(Channel, id=graphene.ID(), slug=graphene.String())
    channels = graphene.List(graphene.NonNull(Channel))

    @staticmethod
    def resolve_channel(
        _root: Any, _info: Any, id: str | None = None, slug: str | None = None
    ) -> Any:
        if id is not None:
            _type, pk = from_global_id(id, "Channel")
            return ChannelModel.objects.filter(pk=pk).first()
        if slug is not None:
            return ChannelModel.objects.filter(slug=slug).first()
        return None

    @staticmethod
    @permission_required(*STAFF_OR_APP)
    def resolve_channels(_root: Any, _info: Any) -> list[ChannelModel]:
        return list(ChannelModel.objects.all())


SETTING_INPUTS = ("order_settings", "checkout_settings", "payment_settings")


class ChannelUpdate(SaleorMutation):
    channel_errors = deprecated_errors_field(ChannelError)
    errors = errors_field(ChannelError)
    channel = graphene.Field(Channel)

    class Arguments:
        id = graphene.ID(required=True)
        input = ChannelUpdateInput(required=True)

    error_type = ChannelError
    legacy_errors_attribute = "channel_errors"
    permissions = ("MANAGE_CHANNELS",)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        _type, pk = from_global_id(arguments["id"], "Channel")
        channel = ChannelModel.objects.select_for_update().filter(pk=pk).first()
        if channel is None:
            raise mutation_error(
                "id", "NOT_FOUND", f"Couldn't resolve to a node: {arguments['id']}"
            )
        data = arguments["input"]
        if (
            data.get("slug")
            and ChannelModel.objects.filter(slug=data["slug"]).exclude(pk=pk).exists()
        ):
            raise mutation_error("slug", "UNIQUE", "Channel with this Slug already exists.")
        for name in ("is_active", "name", "slug"):
            if data.get(name) is not None:
                setattr(channel, name, data[name])
        for group in SETTING_INPUTS:
            for name, value in (data.get(group) or {}).items():
                if value is not None:
                    setattr(channel, name, value.value if hasattr(value, "value") else value)
        channel.save()
        return {"channel": channel}


class ChannelMutations(graphene.ObjectType):
    channel_update = ChannelUpdate.Field()
