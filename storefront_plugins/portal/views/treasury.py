"""A cooperative's treasury: its payout runs (with their progress; start one for a currency),
a run's payouts (state, needs attention), recording a manual payment with its proof (bank
transfer, cash, mobile wallet: Morocco's rails without Stripe Connect), the second approval,
cancelling with a reason, and the cooperative's statements.

Who: the cooperative's managers and treasurers (`payout_access.runs_payouts_of`, the rule of
the payouts API's mutations); anyone else gets 404. The cooperative's statements: whoever
reads its ledger (`payouts.access`: its managers and treasurers, platform staff)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import artisan_names, cooperative_names
from storefront_plugins.core.files import file_url
from storefront_plugins.payouts.manual_payments import (
    RecordInput,
    approve_payout,
    record_manual_payment,
)
from storefront_plugins.payouts.models import Payout, PayoutRun, PayoutState
from storefront_plugins.payouts.payout_access import access_payout_for_treasury, payouts_of_run
from storefront_plugins.payouts.payout_flow import cancel_payout, needs_attention
from storefront_plugins.payouts.rails.manual import MAX_PROOF_BYTES
from storefront_plugins.payouts.rails.registry import RailNotAvailable, rail_for
from storefront_plugins.payouts.runs import request_payout_run, run_progress, runs_of, runs_progress
from storefront_plugins.payouts.splits import CURRENCY_EXPONENTS, Party, PartyKind
from storefront_plugins.portal import texts_payouts  # noqa: F401  (registers the texts)
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.payout_pages import (
    FORM,
    PAGE_SIZE,
    error_texts,
    is_not_found,
    notice_of,
    offset_of,
    paging,
    statement_page,
)
from storefront_plugins.portal.views.errors import not_found


def runs_payouts(viewer: Viewer) -> bool:
    return bool(viewer.member_reader_cooperative_ids)


add_menu_entries(MenuEntry("portal:payouts-cooperatives", "payouts_treasury", runs_payouts))


@dataclass(frozen=True)
class PayoutActions:
    """Which forms a run's page offers for a payout (pure; the services decide again)."""

    record: bool
    approve: bool
    cancel: bool


def actions_for(payout: Payout, run: PayoutRun) -> PayoutActions:
    try:
        rail = rail_for(payout.rail)
        manual, cancellable = not rail.automatic, rail.cancellable_when_submitted
    except RailNotAvailable:
        manual, cancellable = False, False
    state = payout.state
    return PayoutActions(
        record=manual and state == PayoutState.CREATED,
        approve=manual and state == PayoutState.SUBMITTED and run.requires_second_approval,
        cancel=state == PayoutState.CREATED or (state == PayoutState.SUBMITTED and cancellable),
    )


def _run_url(run_id: int, done: str) -> str:
    return f"{reverse('portal:payouts-run', args=[run_id])}?done={done}"


@portal_page
@require_GET
def cooperatives(request: HttpRequest) -> HttpResponse:
    """Who: a manager or treasurer; the cooperatives whose payouts they run (straight to
    the runs when there is one)."""
    ids = sorted(visitor_of(request).viewer.member_reader_cooperative_ids)
    if not ids:
        return not_found(request)
    if len(ids) == 1:
        return redirect("portal:payouts-runs", cooperative_id=ids[0])
    names = cooperative_names(ids)
    choices = sorted((names.get(pk, ""), pk) for pk in ids)
    return render_page(request, "portal/payouts/cooperatives.html", {"choices": choices})


@portal_page
@require_http_methods(["GET", "POST"])
def runs(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: the cooperative's managers and treasurers. POST starts a run for a currency."""
    visitor = visitor_of(request)
    errors: dict[str, str] = {}
    currency = request.POST.get("currency", "").strip().upper()
    if request.method == "POST":
        assert visitor.user is not None
        try:
            result = request_payout_run(visitor.viewer, visitor.user, cooperative_id, currency)
        except PermissionDenied:
            return not_found(request)
        except ValidationError as error:
            if is_not_found(error):
                return not_found(request)
            errors = error_texts(error, visitor.language)
        else:
            return redirect(_run_url(result.run.pk, "payouts_run_started"))
    try:
        found = runs_of(visitor.viewer, cooperative_id)
    except (PermissionDenied, ValidationError):
        return not_found(request)
    offset = offset_of(request)
    page = list(found[offset : offset + PAGE_SIZE + 1])
    shown = page[:PAGE_SIZE]
    context: dict[str, Any] = {
        "cooperative_id": cooperative_id,
        "name": cooperative_names([cooperative_id]).get(cooperative_id, ""),
        # Its managers allocate its unattributed sales (views/unattributed.py decides again).
        "allocates": visitor.viewer.manages(cooperative_id),
        "runs": list(zip(shown, runs_progress(shown), strict=True)),
        "currencies": list(CURRENCY_EXPONENTS),
        "currency": currency or "MAD",
        "errors": errors,
        "error": errors.get(FORM),
        **paging(offset, len(page) > PAGE_SIZE),
    }
    return render_page(request, "portal/payouts/runs.html", context, status=400 if errors else 200)


def _name_of(payout: Payout, artisans: dict[int, str]) -> str:
    """An artisan's name; empty for the cooperative."""
    return artisans.get(payout.party_id, "") if payout.party_kind == PartyKind.ARTISAN else ""


def _run_page(
    request: HttpRequest, run_id: int, error: str | None = None, status: int = 200
) -> HttpResponse:
    try:
        run, payouts = payouts_of_run(visitor_of(request).viewer, run_id)
    except (PermissionDenied, ValidationError):
        return not_found(request)
    names = artisan_names(p.party_id for p in payouts if p.party_kind == PartyKind.ARTISAN)
    rows = [
        {
            "payout": payout,
            "name": names.get(payout.party_id, "")
            if payout.party_kind == PartyKind.ARTISAN
            else "",
            "needs_attention": needs_attention(payout.state, payout.submit_attempts),
            "actions": actions_for(payout, run),
            "proof_url": file_url(request, payout.proof, public=False),
        }
        for payout in payouts
    ]
    context = {
        "run": run,
        "progress": run_progress(run),
        "rows": rows,
        "error": error,
        "notice": notice_of(request),
    }
    return render_page(request, "portal/payouts/run.html", context, status=status)


@portal_page
@require_GET
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    """Who: the run's cooperative's managers and treasurers."""
    return _run_page(request, run_id)


def _treasury_payout(request: HttpRequest, payout_id: int) -> Payout | None:
    try:
        return access_payout_for_treasury(visitor_of(request).viewer, payout_id)
    except (PermissionDenied, ValidationError):
        return None


def _record_input(request: HttpRequest, payout_id: int) -> RecordInput | dict[str, str]:
    """The form as the service's input, or the errors of what cannot be read at all."""
    language = visitor_of(request).language
    try:
        paid_on = date.fromisoformat(request.POST.get("paid_on", ""))
    except ValueError:
        return error_texts(_field("paidOn", "REQUIRED"), language)
    proof = request.FILES.get("proof")
    # Never more than the limit plus one byte in memory: enough to refuse a larger file.
    content = proof.read(MAX_PROOF_BYTES + 1) if isinstance(proof, UploadedFile) else None
    return RecordInput(payout_id, request.POST.get("reference", ""), paid_on, content)


def _field(field: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(code, code=code)})


@portal_page
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Who: the payout's cooperative's managers and treasurers."""
    payout = _treasury_payout(request, payout_id)
    if payout is None:
        return not_found(request)
    visitor = visitor_of(request)
    context: dict[str, Any] = {
        "payout": payout,
        "reference": request.POST.get("reference", ""),
        "paid_on": request.POST.get("paid_on", ""),
        "errors": {},
    }
    if request.method == "GET":
        return render_page(request, "portal/payouts/record.html", context)
    assert visitor.user is not None
    wanted = _record_input(request, payout_id)
    if isinstance(wanted, RecordInput):
        try:
            record_manual_payment(visitor.viewer, visitor.user, wanted)
        except PermissionDenied:
            return not_found(request)
        except ValidationError as error:
            wanted = error_texts(error, visitor.language)
        else:
            return redirect(_run_url(payout.run_id, "payouts_recorded"))
    context |= {"errors": wanted, "error": wanted.get(FORM)}
    return render_page(request, "portal/payouts/record.html", context, status=400)


@portal_page
@require_POST
def approve(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Who: the payout's cooperative's managers and treasurers, not the one who recorded it."""
    payout = _treasury_payout(request, payout_id)
    if payout is None:
        return not_found(request)
    visitor = visitor_of(request)
    assert visitor.user is not None
    try:
        approve_payout(visitor.viewer, visitor.user, payout_id)
    except PermissionDenied:
        return not_found(request)
    except ValidationError as error:
        message = " ".join(error_texts(error, visitor.language).values())
        return _run_page(request, payout.run_id, error=message, status=400)
    return redirect(_run_url(payout.run_id, "payouts_approved"))


@portal_page
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, payout_id: int) -> HttpResponse:
    """Who: the payout's cooperative's managers and treasurers. GET asks for the reason."""
    payout = _treasury_payout(request, payout_id)
    if payout is None:
        return not_found(request)
    visitor = visitor_of(request)
    reason = request.POST.get("reason", "").strip()
    context: dict[str, Any] = {"payout": payout, "reason": reason}
    if request.method == "GET":
        return render_page(request, "portal/payouts/cancel.html", context)
    assert visitor.user is not None
    try:
        cancel_payout(visitor.viewer, visitor.user, payout_id, reason)
    except PermissionDenied:
        return not_found(request)
    except ValidationError as error:
        context["error"] = " ".join(error_texts(error, visitor.language).values())
        return render_page(request, "portal/payouts/cancel.html", context, status=400)
    return redirect(_run_url(payout.run_id, "payouts_cancelled"))


@portal_page
@require_GET
def cooperative_statements(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Who: whoever reads the cooperative's ledger (its managers and treasurers, staff)."""
    party = Party(PartyKind.COOPERATIVE, cooperative_id)
    context = {
        "cooperative_id": cooperative_id,
        "name": cooperative_names([cooperative_id]).get(cooperative_id, ""),
    }
    return statement_page(request, party, "portal/payouts/cooperative_statements.html", context)
