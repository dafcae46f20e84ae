from decimal import Decimal
from typing import Any

import graphene

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.payouts.graphql.context import ledger_access_of
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.graphql.unattributed_types import (
    UnattributedAllocation,
    UnattributedFunds,
)
from storefront_plugins.payouts.unattributed import (
    AllocationLine,
    AllocationRequest,
    allocate_unattributed_funds,
    check_allocates,
    minor_amounts,
    unattributed_funds,
)


class UnattributedAllocationLineInput(graphene.InputObjectType):
    artisan_id = graphene.ID(required=True, description="A member of the cooperative.")
    amount = graphene.Decimal(
        required=True, description="In the currency's units, at most its decimals (12.50 MAD)."
    )


class UnattributedFundsAllocate(graphene.Mutation):
    """A cooperative's manager (or platform staff) gives its released unattributed sales to
    member artisans: one ledger adjustment, the cooperative's payable to theirs, with a note.
    Funds still held cannot be allocated until their orders are released. A second request
    with the same idempotency key returns the first's allocation and moves nothing."""

    class Arguments:
        cooperative_id = graphene.ID(required=True)
        currency = graphene.String(required=True)
        lines = graphene.List(graphene.NonNull(UnattributedAllocationLineInput), required=True)
        idempotency_key = graphene.String(
            required=True, description="Chosen by the client, at most 64 characters."
        )
        note = graphene.String(required=True, description="Why: shown in the audit trail.")

    allocation = graphene.Field(UnattributedAllocation)
    funds = graphene.Field(UnattributedFunds, description="What is left to allocate.")
    replayed = graphene.Boolean(description="True: the key's earlier allocation, nothing moved.")
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        cooperative_id: str,
        currency: str,
        lines: list[Any],
        idempotency_key: str,
        note: str,
    ) -> "UnattributedFundsAllocate":
        user = signed_in_user(info)
        pk = pk_from_global_id(cooperative_id, "Cooperative")
        currency = currency.strip().upper()
        artisan_ids = [pk_from_global_id(line["artisan_id"], "Artisan") for line in lines]
        access = ledger_access_of(info)

        def allocate() -> dict[str, Any]:
            check_allocates(access, pk)
            amounts = minor_amounts([Decimal(line["amount"]) for line in lines], currency)
            request = AllocationRequest(
                cooperative_id=pk,
                currency=currency,
                lines=tuple(map(AllocationLine, artisan_ids, amounts)),
                idempotency_key=idempotency_key,
                note=note,
            )
            result = allocate_unattributed_funds(access, user, request)
            return {
                "allocation": result.allocation,
                "replayed": result.replayed,
                "funds": unattributed_funds(pk, currency),
            }

        return payload(cls, allocate)
