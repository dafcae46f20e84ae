"""GraphQL types of paying out: runs, payouts, methods, schedules and their errors."""

from decimal import Decimal
from typing import Any

import graphene
from graphql_relay import to_global_id

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.files import file_url
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.dataloaders import then
from storefront_plugins.core.graphql.pagination import CountableConnection
from storefront_plugins.payouts import models
from storefront_plugins.payouts.graphql.payout_dataloaders import (
    PayoutItemsByPayoutIdLoader,
    PayoutRunProgressByRunLoader,
)
from storefront_plugins.payouts.payout_access import reads_payout, runs_payouts_of
from storefront_plugins.payouts.payout_flow import needs_attention
from storefront_plugins.payouts.runs import RunProgress
from storefront_plugins.payouts.splits import PartyKind, from_minor

PayoutStateEnum = graphene.Enum.from_enum(models.PayoutState, name="PayoutStateEnum")
PayoutRunStateEnum = graphene.Enum.from_enum(models.RunState, name="PayoutRunStateEnum")
PayoutRailEnum = graphene.Enum.from_enum(models.Rail, name="PayoutRailEnum")
PayoutFrequencyEnum = graphene.Enum.from_enum(models.Frequency, name="PayoutFrequencyEnum")


def _money(amount: int, currency: str) -> Decimal:
    return from_minor(amount, currency)


def _party_ids(party_kind: str, party_id: int) -> tuple[str | None, str | None]:
    if party_kind == PartyKind.ARTISAN:
        return to_global_id("Artisan", party_id), None
    return None, to_global_id("Cooperative", party_id)


class PayoutEvent(graphene.ObjectType):
    from_state = graphene.Field(PayoutStateEnum)
    to_state = graphene.Field(PayoutStateEnum, required=True)
    note = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)


class PayoutItem(graphene.ObjectType):
    """The part of a payout that pays one Saleor order's share (a Stripe transfer each), or
    the rest of the balance (netted debts, unattributed funds) when no order is named."""

    saleor_order_id = graphene.ID(description="Null for the part not tied to one order.")
    order_number = graphene.String(required=True)
    amount = graphene.Decimal(required=True)
    stripe_transfer_id = graphene.String(required=True)

    @staticmethod
    def resolve_saleor_order_id(root: models.PayoutItem, info: Any) -> str | None:
        return root.order.saleor_order_id if root.order else None

    @staticmethod
    def resolve_order_number(root: models.PayoutItem, info: Any) -> str:
        return root.order.order_number if root.order else ""

    @staticmethod
    def resolve_amount(root: models.PayoutItem, info: Any) -> Decimal:
        return _money(root.amount, root.payout.currency)


class Payout(graphene.ObjectType):
    """A payment to an artisan or to the cooperative, in a run."""

    artisan_id = graphene.ID(description="The artisan paid, or null for the cooperative.")
    cooperative_id = graphene.ID(description="The cooperative paid, or null for an artisan.")
    currency = graphene.String(required=True)
    amount = graphene.Decimal(required=True)
    rail = graphene.Field(PayoutRailEnum, required=True)
    state = graphene.Field(PayoutStateEnum, required=True)
    external_reference = graphene.String(required=True)
    paid_on = graphene.Date()
    has_proof = graphene.Boolean(required=True)
    proof_url = graphene.String(
        description="The proof document (a short-lived link in S3), for the treasury."
    )
    failure_reason = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    reconciliation_attempts = graphene.Int(
        required=True, description="How often its rail was asked what became of it."
    )
    needs_attention = graphene.Boolean(
        required=True,
        description="In transit, and its rail has not said whether it was paid for too many "
        "attempts: check it with the rail.",
    )
    events = graphene.List(graphene.NonNull(PayoutEvent), required=True)
    items = graphene.List(
        graphene.NonNull(PayoutItem),
        required=True,
        description="Its Stripe transfers, one per Saleor order paid (none for manual rails).",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Payout)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Payout | None:
        payout = models.Payout.objects.select_related("run").filter(pk=id).first()
        return payout if payout is not None and reads_payout(viewer_of(info), payout) else None

    @staticmethod
    def resolve_artisan_id(root: models.Payout, info: Any) -> str | None:
        return _party_ids(root.party_kind, root.party_id)[0]

    @staticmethod
    def resolve_cooperative_id(root: models.Payout, info: Any) -> str | None:
        return _party_ids(root.party_kind, root.party_id)[1]

    @staticmethod
    def resolve_amount(root: models.Payout, info: Any) -> Decimal:
        return _money(root.amount, root.currency)

    @staticmethod
    def resolve_reconciliation_attempts(root: models.Payout, info: Any) -> int:
        return root.submit_attempts

    @staticmethod
    def resolve_needs_attention(root: models.Payout, info: Any) -> bool:
        return needs_attention(root.state, root.submit_attempts)

    @staticmethod
    def resolve_has_proof(root: models.Payout, info: Any) -> bool:
        return bool(root.proof)

    @staticmethod
    def resolve_proof_url(root: models.Payout, info: Any) -> str | None:
        if not root.proof or not runs_payouts_of(viewer_of(info), root.run.cooperative_id):
            return None
        return file_url(context_of(info).request, root.proof, public=False)

    @staticmethod
    def resolve_events(root: models.Payout, info: Any) -> Any:
        return [
            PayoutEvent(
                from_state=e.from_state or None,
                to_state=e.to_state,
                note=e.note,
                created_at=e.created_at,
            )
            for e in root.events.all()  # prefetched by lists
        ]

    @staticmethod
    def resolve_items(root: models.Payout, info: Any) -> Any:
        def with_payout(items: list[models.PayoutItem]) -> list[models.PayoutItem]:
            for item in items:
                item.payout = root  # the amount's currency, without a query per item
            return items

        return then(PayoutItemsByPayoutIdLoader(context_of(info)).load(root.pk), with_payout)


class PayoutRunProgress(graphene.ObjectType):
    created = graphene.Int(required=True)
    submitted = graphene.Int(required=True)
    paid = graphene.Int(required=True)
    failed = graphene.Int(required=True)
    cancelled = graphene.Int(required=True)
    amount_paid = graphene.Decimal(required=True)
    done = graphene.Int(required=True, description="Payouts paid, failed or cancelled.")
    needs_attention = graphene.Int(
        required=True, description="Payouts in transit whose rail has not answered for long."
    )


class PayoutRun(graphene.ObjectType):
    """One cooperative's payouts in one currency, with their progress."""

    cooperative_id = graphene.ID(required=True)
    currency = graphene.String(required=True)
    period = graphene.String(required=True, description="2026-W48, 2026-11; empty by hand.")
    state = graphene.Field(PayoutRunStateEnum, required=True)
    requires_second_approval = graphene.Boolean(required=True)
    payout_count = graphene.Int(required=True)
    total_amount = graphene.Decimal(required=True)
    skipped_count = graphene.Int(
        required=True, description="Parties owed at least the minimum but without a method."
    )
    progress = graphene.Field(PayoutRunProgress, required=True)
    payouts = graphene.List(graphene.NonNull(Payout), required=True)
    bank_batch_url = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.PayoutRun)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.PayoutRun | None:
        run = models.PayoutRun.objects.filter(pk=id).first()
        visible = run is not None and runs_payouts_of(viewer_of(info), run.cooperative_id)
        return run if visible else None

    @staticmethod
    def resolve_cooperative_id(root: models.PayoutRun, info: Any) -> str:
        return to_global_id("Cooperative", root.cooperative_id)

    @staticmethod
    def resolve_total_amount(root: models.PayoutRun, info: Any) -> Decimal:
        return _money(root.total_amount, root.currency)

    @staticmethod
    def resolve_progress(root: models.PayoutRun, info: Any) -> Any:
        def of(progress: RunProgress) -> PayoutRunProgress:
            counts = progress.count_by_state
            return PayoutRunProgress(
                created=counts[models.PayoutState.CREATED],
                submitted=counts[models.PayoutState.SUBMITTED],
                paid=counts[models.PayoutState.PAID],
                failed=counts[models.PayoutState.FAILED],
                cancelled=counts[models.PayoutState.CANCELLED],
                amount_paid=_money(
                    progress.amount_by_state[models.PayoutState.PAID], root.currency
                ),
                done=progress.done,
                needs_attention=progress.needs_attention,
            )

        return then(PayoutRunProgressByRunLoader(context_of(info)).load(root), of)

    @staticmethod
    def resolve_payouts(root: models.PayoutRun, info: Any) -> Any:
        return list(root.payouts.select_related("run").prefetch_related("events").order_by("pk"))

    @staticmethod
    def resolve_bank_batch_url(root: models.PayoutRun, info: Any) -> str:
        path = f"/payouts/runs/{to_global_id('PayoutRun', root.pk)}/bank-batch.csv"
        return context_of(info).request.build_absolute_uri(path)


class PayoutMethod(graphene.ObjectType):
    rail = graphene.Field(PayoutRailEnum, required=True)
    holder_name = graphene.String(required=True)
    rib_last_digits = graphene.String(required=True, description="The RIB's last 4 digits.")
    wallet_number_last_digits = graphene.String(required=True)
    wallet_provider = graphene.String(required=True)
    is_default = graphene.Boolean(required=True)

    @staticmethod
    def resolve_rib_last_digits(root: models.PayoutMethod, info: Any) -> str:
        return root.rib[-4:]

    @staticmethod
    def resolve_wallet_number_last_digits(root: models.PayoutMethod, info: Any) -> str:
        return root.wallet_number[-4:]


class PayoutSchedule(graphene.ObjectType):
    frequency = graphene.Field(PayoutFrequencyEnum, required=True)
    weekday = graphene.Int()
    day_of_month = graphene.Int()
    minimums = graphene.JSONString(required=True, description="Minor units per currency.")
    requires_second_approval = graphene.Boolean(required=True)


class PayoutRunCountableConnection(CountableConnection):
    class Meta:
        node = PayoutRun
