"""Payout runs: what each party of a cooperative is owed, paid out in one run per currency.

`start_payout_run(cooperative_id, currency, requested_by, period="")`:

- who: the cooperative's member artisans (`artisans.services.cooperative_member_ids`) and
  the cooperative itself, for its commission, shipping and unattributed sales (its PAYABLE
  account). The platform's revenue is not paid out. An artisan in two cooperatives is paid
  by whichever run comes first: the PAYABLE accounts are locked, the second run finds 0.
- how much: the party's PAYABLE balance, which already nets a debt (a refund after an earlier
  payout makes it negative: later sales pay it back before anything is paid out). Only
  balances >= the schedule's minimum for the currency (at least 1 minor unit) are paid.
- with what: the party's default payout method; a party owed money without one, whose rail
  is not available, or whom the rail cannot pay yet (Stripe: onboarding not finished), is
  skipped and counted (`skipped_count`), its money stays payable.
- in one transaction: the run, its payouts (state `created`, one idempotency key each), a
  `created` event each and `ledger.start_payouts` (PAYABLE -> PAYOUTS_IN_TRANSIT, in bulk:
  a run's cost grows with its parties in rows, not in queries). Then,
  on commit, automatic rails' payouts are queued for submission.
- refused: a second run for the cooperative and currency while one is open
  (RUN_ALREADY_OPEN; starts are serialized by an advisory lock per cooperative and
  currency, and a partial unique index backs it), an unknown currency, and, for a run
  started by hand, a run with nothing to pay (NOTHING_TO_PAY). A scheduled run with nothing
  to pay is kept, closed, so its period is done (unique cooperative+currency+period).

`start_scheduled_payout_runs(now)` (beat) starts the runs due (`schedules.due_period`) for
every currency a party of the cooperative has a PAYABLE account in.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import cooperative_member_ids
from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import (
    AccountKind,
    Frequency,
    LedgerAccount,
    Payout,
    PayoutEvent,
    PayoutMethod,
    PayoutRun,
    PayoutSchedule,
    PayoutState,
    Rail,
    RunState,
)
from storefront_plugins.payouts.payout_access import access_run, check_runs_payouts_of
from storefront_plugins.payouts.payout_settings import (
    default_methods,
    schedule_terms,
    validate_cooperative_exists,
)
from storefront_plugins.payouts.rails.registry import available_rails, rail_for
from storefront_plugins.payouts.schedules import due_period
from storefront_plugins.payouts.splits import CURRENCY_EXPONENTS, Party, PartyKind
from storefront_plugins.payouts.transfer_items import create_payout_items


@dataclass(frozen=True)
class RunResult:
    run: PayoutRun
    payouts: tuple[Payout, ...]
    skipped: tuple[Party, ...]
    created: bool  # False: the period's run existed already


def _error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def parties_of(cooperative_id: int) -> list[Party]:
    return [Party(PartyKind.COOPERATIVE, cooperative_id)] + [
        Party(PartyKind.ARTISAN, artisan_id)
        for artisan_id in cooperative_member_ids(cooperative_id)
    ]


def idempotency_key_for(run_id: int, party: Party) -> str:
    return f"souk-payout-{run_id}-{party.kind}-{party.id}"


def request_payout_run(viewer: Viewer, user: User, cooperative_id: int, currency: str) -> RunResult:
    """A treasurer or manager starts a run by hand."""
    validate_cooperative_exists(cooperative_id)
    check_runs_payouts_of(viewer, cooperative_id)
    return start_payout_run(cooperative_id, currency, user)


def start_payout_run(
    cooperative_id: int,
    currency: str,
    requested_by: User | None,
    period: str = "",
) -> RunResult:
    if currency not in CURRENCY_EXPONENTS:
        raise _error("currency", "A currency payouts know.", PayoutErrorCode.UNKNOWN_CURRENCY)
    validate_cooperative_exists(cooperative_id)
    parties = parties_of(cooperative_id)
    try:
        with transaction.atomic():
            return _start(cooperative_id, currency, requested_by, period, parties)
    except IntegrityError:
        # A concurrent run took the open slot or the period first.
        existing = _period_run(cooperative_id, currency, period)
        if existing is not None:
            return RunResult(existing, tuple(existing.payouts.all()), (), created=False)
        raise _run_open_error() from None


def _run_open_error() -> ValidationError:
    return _error(
        "cooperative",
        "A payout run of this cooperative in this currency is still open.",
        PayoutErrorCode.RUN_ALREADY_OPEN,
    )


def _period_run(cooperative_id: int, currency: str, period: str) -> PayoutRun | None:
    if not period:
        return None
    return PayoutRun.objects.filter(
        cooperative_id=cooperative_id, currency=currency, period=period
    ).first()


def _start(
    cooperative_id: int,
    currency: str,
    requested_by: User | None,
    period: str,
    parties: list[Party],
) -> RunResult:
    # One start at a time per cooperative and currency: a second waits here, then sees the
    # first's run (open, or the period's) rather than the balances it already moved.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"payouts-run:{cooperative_id}:{currency}"],
        )
    existing = _period_run(cooperative_id, currency, period)
    if existing is not None:
        return RunResult(existing, tuple(existing.payouts.all()), (), created=False)
    if PayoutRun.objects.filter(
        cooperative_id=cooperative_id, currency=currency, state=RunState.OPEN
    ).exists():
        raise _run_open_error()
    terms = schedule_terms(cooperative_id)
    minimum = terms.minimum_for(currency)
    balances = ledger.lock_payable_balances(parties, currency)
    owed = [(p, balances.get(p, 0)) for p in parties if balances.get(p, 0) >= minimum]
    methods = default_methods(p for p, _ in owed)
    payable_parties = _payable_by_rail(methods)
    payable = [(p, amount) for p, amount in owed if p in payable_parties]
    skipped = tuple(p for p, _ in owed if p not in payable_parties)
    if not payable and not period:
        raise _error(
            "currency",
            f"Nobody is owed at least the minimum ({minimum} minor units) with a payout method.",
            PayoutErrorCode.NOTHING_TO_PAY,
        )
    run = PayoutRun.objects.create(
        cooperative_id=cooperative_id,
        currency=currency,
        period=period,
        requested_by=requested_by,
        requires_second_approval=terms.requires_second_approval,
        payout_count=len(payable),
        total_amount=sum(amount for _, amount in payable),
        skipped_count=len(skipped),
        state=RunState.OPEN if payable else RunState.CLOSED,
        closed_at=None if payable else timezone.now(),
    )
    payouts = Payout.objects.bulk_create(
        [
            Payout(
                run=run,
                party_kind=party.kind,
                party_id=party.id,
                currency=currency,
                amount=amount,
                rail=methods[party].rail,
                method=methods[party],
                state=PayoutState.CREATED,
                idempotency_key=idempotency_key_for(run.pk, party),
            )
            for party, amount in payable
        ]
    )
    PayoutEvent.objects.bulk_create(
        [
            PayoutEvent(
                payout=payout,
                from_state="",
                to_state=PayoutState.CREATED,
                actor=requested_by,
                note=f"Run {run.pk}",
            )
            for payout in payouts
        ]
    )
    # Stripe Connect pays per Saleor order: its items, read before the money moves.
    create_payout_items([p for p in payouts if p.rail == Rail.STRIPE_CONNECT])
    ledger.start_payouts(
        currency,
        [
            ledger.PayoutMove(party, amount, f"Payout {payout.pk} of run {run.pk}")
            for payout, (party, amount) in zip(payouts, payable, strict=True)
        ],
    )
    automatic = [p.pk for p in payouts if rail_for(p.rail).automatic]
    if automatic:
        from storefront_plugins.payouts.tasks import queue_submissions  # tasks import services

        transaction.on_commit(lambda: queue_submissions(automatic))
    return RunResult(run, tuple(payouts), skipped, created=True)


def _payable_by_rail(methods: dict[Party, PayoutMethod]) -> frozenset[Party]:
    """The parties whose default method's rail is available and can pay them now."""
    by_rail: dict[str, list[Party]] = {}
    for party, method in methods.items():
        by_rail.setdefault(method.rail, []).append(party)
    accepted: set[Party] = set()
    for rail_name, parties in by_rail.items():
        if rail_name in available_rails():
            accepted |= rail_for(rail_name).accepts(parties)
    return frozenset(accepted)


# Schedules


def currencies_owed(parties: list[Party]) -> list[str]:
    """One query: currencies in which any of the parties has a PAYABLE account."""
    condition_ids: dict[str, list[int]] = {}
    for party in parties:
        condition_ids.setdefault(party.kind, []).append(party.id)
    accounts = LedgerAccount.objects.none()
    for kind, ids in condition_ids.items():
        accounts = accounts | LedgerAccount.objects.filter(
            party_kind=kind, party_id__in=ids, kind=AccountKind.PAYABLE
        )
    return sorted(set(accounts.values_list("currency", flat=True)))


@dataclass(frozen=True)
class ScheduledRun:
    cooperative_id: int
    currency: str
    period: str
    run_id: int | None  # None: refused (a run still open)
    created: bool


def start_scheduled_payout_runs(now: datetime | None = None) -> list[ScheduledRun]:
    today = timezone.localdate(now or timezone.now())
    results = []
    schedules = PayoutSchedule.objects.exclude(frequency=Frequency.MANUAL).order_by("pk")
    for schedule in schedules:
        period = due_period(
            Frequency(schedule.frequency), schedule.weekday, schedule.day_of_month, today
        )
        if period is None:
            continue
        parties = parties_of(schedule.cooperative_id)
        for currency in currencies_owed(parties):
            if currency not in CURRENCY_EXPONENTS:
                continue
            try:
                result = start_payout_run(schedule.cooperative_id, currency, None, period)
            except ValidationError:
                results.append(ScheduledRun(schedule.cooperative_id, currency, period, None, False))
                continue
            results.append(
                ScheduledRun(
                    schedule.cooperative_id, currency, period, result.run.pk, result.created
                )
            )
    return results


# Progress


@dataclass(frozen=True)
class RunProgress:
    run_id: int
    state: RunState
    payout_count: int
    total_amount: int
    skipped_count: int
    count_by_state: dict[PayoutState, int]
    amount_by_state: dict[PayoutState, int]
    needs_attention: int = 0  # in transit, their rail silent for too many reconciliations

    @property
    def done(self) -> int:
        return sum(
            self.count_by_state.get(s, 0)
            for s in (PayoutState.PAID, PayoutState.FAILED, PayoutState.CANCELLED)
        )


def runs_progress(runs: Sequence[PayoutRun]) -> list[RunProgress]:
    """Counted from the runs' payouts (one query for any number of runs): nothing stored
    twice."""
    rows = (
        Payout.objects.filter(run__in=[run.pk for run in runs])
        .values_list("run_id", "state")
        .annotate(
            count=Count("pk"),
            amount=Sum("amount"),
            stuck=Count(
                "pk",
                filter=Q(
                    state=PayoutState.SUBMITTED,
                    submit_attempts__gte=settings.SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS,
                ),
            ),
        )
        .order_by()
    )
    counts: dict[int, Counter[PayoutState]] = {run.pk: Counter() for run in runs}
    amounts: dict[int, Counter[PayoutState]] = {run.pk: Counter() for run in runs}
    stuck: Counter[int] = Counter()
    for run_id, state, count, amount, stuck_count in rows:
        counts[run_id][PayoutState(state)] = count
        amounts[run_id][PayoutState(state)] = amount
        stuck[run_id] += stuck_count
    return [
        RunProgress(
            run_id=run.pk,
            state=RunState(run.state),
            payout_count=run.payout_count,
            total_amount=run.total_amount,
            skipped_count=run.skipped_count,
            count_by_state={s: counts[run.pk][s] for s in PayoutState},
            amount_by_state={s: amounts[run.pk][s] for s in PayoutState},
            needs_attention=stuck[run.pk],
        )
        for run in runs
    ]


def run_progress(run: PayoutRun) -> RunProgress:
    return runs_progress([run])[0]


def runs_of(viewer: Viewer, cooperative_id: int) -> "QuerySet[PayoutRun]":
    """A cooperative's runs, newest first, for its treasurers and managers."""
    validate_cooperative_exists(cooperative_id)
    check_runs_payouts_of(viewer, cooperative_id)
    return PayoutRun.objects.filter(cooperative_id=cooperative_id).order_by("-pk")


def progress_for(viewer: Viewer, run_id: int) -> RunProgress:
    return run_progress(access_run(viewer, run_id))
