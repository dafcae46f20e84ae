"""The types of a cooperative's unattributed funds and of their allocations."""

from typing import Any

import graphene
from graphql_relay import to_global_id

from storefront_plugins.payouts.graphql.types import LedgerMoney, Money, money_field
from storefront_plugins.payouts.unattributed import Allocation, AllocationLine


class UnattributedFunds(graphene.ObjectType):
    """A cooperative's makers' shares of pieces sold without a known artisan."""

    cooperative_id = graphene.ID(required=True)
    currency = graphene.String(required=True)
    available = money_field(
        "available",
        "Released: may be allocated to member artisans now (at most the "
        "cooperative's payable balance).",
    )
    held = money_field("held", "Still held until the orders' holds end: not allocatable yet.")

    @staticmethod
    def resolve_cooperative_id(root: Any, info: Any) -> str:
        return to_global_id("Cooperative", root.cooperative_id)


class UnattributedAllocationLine(graphene.ObjectType):
    artisan_id = graphene.ID(required=True)
    amount = graphene.Field(LedgerMoney, required=True)

    @staticmethod
    def resolve_artisan_id(root: tuple[AllocationLine, str], info: Any) -> str:
        return to_global_id("Artisan", root[0].artisan_id)

    @staticmethod
    def resolve_amount(root: tuple[AllocationLine, str], info: Any) -> Money:
        return Money(root[0].amount, root[1])


class UnattributedAllocation(graphene.ObjectType):
    id = graphene.ID(required=True)
    cooperative_id = graphene.ID(required=True)
    lines = graphene.List(graphene.NonNull(UnattributedAllocationLine), required=True)
    total = graphene.Field(LedgerMoney, required=True)
    note = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    transaction_id = graphene.ID(required=True, description="The ledger's ADJUSTMENT.")

    @staticmethod
    def resolve_id(root: Allocation, info: Any) -> str:
        return to_global_id("UnattributedAllocation", root.id)

    @staticmethod
    def resolve_cooperative_id(root: Allocation, info: Any) -> str:
        return to_global_id("Cooperative", root.cooperative_id)

    @staticmethod
    def resolve_lines(root: Allocation, info: Any) -> list[tuple[AllocationLine, str]]:
        return [(line, root.currency) for line in root.lines]

    @staticmethod
    def resolve_total(root: Allocation, info: Any) -> Money:
        return Money(root.total, root.currency)

    @staticmethod
    def resolve_transaction_id(root: Allocation, info: Any) -> str:
        return to_global_id("LedgerTransaction", root.transaction_id)
