"""The marketplace's payouts as Saleor staff see them from the Dashboard: the latest runs
with their progress, and the payouts in transit whose rail has gone silent."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from graphql_relay import to_global_id

from storefront_plugins.artisans.services import artisan_names, cooperative_names
from storefront_plugins.payouts.models import Payout, PayoutRun, PayoutState
from storefront_plugins.payouts.runs import RunProgress, runs_progress
from storefront_plugins.payouts.splits import PartyKind
from storefront_plugins.payouts.statement_texts import format_amount

LATEST_RUNS = 20
MAX_NEEDING_ATTENTION = 50


@dataclass(frozen=True)
class RunRow:
    run_id: str  # the API's global id
    cooperative: str
    period: str
    state: str
    currency: str
    created_at: datetime
    progress: RunProgress
    total: str  # formatted in the page's language
    link: str

    @property
    def failed(self) -> int:
        return self.progress.count_by_state.get(PayoutState.FAILED, 0)


@dataclass(frozen=True)
class AttentionRow:
    run_id: str
    party: str
    amount: str  # formatted in the page's language
    rail: str
    submit_attempts: int
    since: datetime
    link: str


@dataclass(frozen=True)
class PayoutsOverview:
    runs: list[RunRow]
    needing_attention: list[AttentionRow]


def run_link(run_id: int) -> str:
    """The run's page in the portal (`portal:payouts-run`)."""
    return f"{settings.SOUK_PORTAL_URL.rstrip('/')}/payouts/runs/{run_id}"


def payouts_overview(language: str) -> PayoutsOverview:
    """Five queries whatever the number of runs and payouts."""
    runs = list(PayoutRun.objects.order_by("-pk")[:LATEST_RUNS])
    stuck = list(
        Payout.objects.filter(
            state=PayoutState.SUBMITTED,
            submit_attempts__gte=settings.SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS,
        )
        .select_related("run")
        .order_by("state_changed_at", "pk")[:MAX_NEEDING_ATTENTION]
    )
    progress = runs_progress(runs) if runs else []
    cooperatives = cooperative_names(
        {run.cooperative_id for run in runs}
        | {p.party_id for p in stuck if p.party_kind == PartyKind.COOPERATIVE}
        | {p.run.cooperative_id for p in stuck}
    )
    artisans = artisan_names({p.party_id for p in stuck if p.party_kind == PartyKind.ARTISAN})
    run_rows = []
    for run, run_progress in zip(runs, progress, strict=True):
        global_id = to_global_id("PayoutRun", run.pk)
        run_rows.append(
            RunRow(
                run_id=global_id,
                cooperative=cooperatives.get(run.cooperative_id, ""),
                period=run.period,
                state=run.state,
                currency=run.currency,
                created_at=run.created_at,
                progress=run_progress,
                total=format_amount(run.total_amount, run.currency, language),
                link=run_link(run.pk),
            )
        )
    attention_rows = []
    for payout in stuck:
        names = artisans if payout.party_kind == PartyKind.ARTISAN else cooperatives
        global_id = to_global_id("PayoutRun", payout.run_id)
        attention_rows.append(
            AttentionRow(
                run_id=global_id,
                party=names.get(payout.party_id, ""),
                amount=format_amount(payout.amount, payout.currency, language),
                rail=payout.rail,
                submit_attempts=payout.submit_attempts,
                since=payout.state_changed_at,
                link=run_link(payout.run_id),
            )
        )
    return PayoutsOverview(runs=run_rows, needing_attention=attention_rows)
