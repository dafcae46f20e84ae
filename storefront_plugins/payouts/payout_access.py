"""Who may do what with payouts, on the directory's `Viewer` (artisans.permissions).

- A cooperative's treasurers and managers run its payouts: start runs, record manual
  payments, approve, cancel, download the bank batch file, set the cooperative's payout
  method and its members' (artisans without a smartphone are helped by their treasurer).
- An artisan reads their own payouts and sets their own payout method.
Anything else: `PermissionDenied` (a top-level error in the API). Who reads the ledger
(balances, entries, statements) is `access.py`'s.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import cooperative_member_ids
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.models import Payout, PayoutRun
from storefront_plugins.payouts.splits import Party, PartyKind


def not_found(field: str, what: str) -> ValidationError:
    return ValidationError(
        {field: ValidationError(f"{what} not found.", code=PayoutErrorCode.NOT_FOUND.value)}
    )


def runs_payouts_of(viewer: Viewer, cooperative_id: int) -> bool:
    return viewer.reads_members_of(cooperative_id)  # manager or treasurer


def check_runs_payouts_of(viewer: Viewer, cooperative_id: int) -> None:
    if not runs_payouts_of(viewer, cooperative_id):
        raise PermissionDenied("Only the cooperative's treasurers and managers run its payouts.")


def access_run(viewer: Viewer, run_id: int) -> PayoutRun:
    run = PayoutRun.objects.filter(pk=run_id).first()
    if run is None:
        raise not_found("id", "Payout run")
    check_runs_payouts_of(viewer, run.cooperative_id)
    return run


def access_payout_for_treasury(viewer: Viewer, payout_id: int) -> Payout:
    """The payout, if the viewer runs its cooperative's payouts (not locked: the writer
    locks it again in its own transaction)."""
    payout = Payout.objects.select_related("run").filter(pk=payout_id).first()
    if payout is None:
        raise not_found("id", "Payout")
    check_runs_payouts_of(viewer, payout.run.cooperative_id)
    return payout


def reads_payout(viewer: Viewer, payout: Payout) -> bool:
    own = payout.party_kind == PartyKind.ARTISAN and payout.party_id == viewer.artisan_id
    return own or runs_payouts_of(viewer, payout.run.cooperative_id)


def check_sets_method_of(viewer: Viewer, party: Party, cooperative_id: int | None) -> None:
    """An artisan sets their own method; a treasurer or manager sets the cooperative's and
    its members' (`cooperative_id`: the cooperative they act for)."""
    if party.kind == PartyKind.ARTISAN and party.id == viewer.artisan_id:
        return
    if cooperative_id is None or not runs_payouts_of(viewer, cooperative_id):
        raise PermissionDenied("Only the party or its cooperative's treasurer may set this.")
    if party.kind == PartyKind.COOPERATIVE and party.id == cooperative_id:
        return
    if party.kind == PartyKind.ARTISAN and party.id in cooperative_member_ids(cooperative_id):
        return
    raise ValidationError(
        {
            "artisan": ValidationError(
                "This artisan is not a member of the cooperative.",
                code=PayoutErrorCode.NOT_A_MEMBER.value,
            )
        }
    )


def own_payouts(viewer: Viewer) -> "QuerySet[Payout]":
    """An artisan's own payouts, newest first (none for a viewer who is not an artisan)."""
    if viewer.artisan_id is None:
        return Payout.objects.none()
    return Payout.objects.filter(party_kind=PartyKind.ARTISAN, party_id=viewer.artisan_id).order_by(
        "-created_at", "-pk"
    )


def payouts_of_run(viewer: Viewer, run_id: int) -> tuple[PayoutRun, list[Payout]]:
    """A run and its payouts, for its cooperative's treasury (two queries)."""
    run = access_run(viewer, run_id)
    payouts = list(run.payouts.order_by("pk"))
    for payout in payouts:
        payout.run = run  # no query per payout for its run
    return run, payouts
