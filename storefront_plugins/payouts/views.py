"""Payouts' HTTP endpoints outside GraphQL (the App's GraphQL endpoint has no multipart
uploads yet):

- `POST /payouts/payouts/<Payout global id>/manual-payment`, multipart: `reference`,
  `paidOn` (YYYY-MM-DD), `proof` (the document). Answers `{"payout": {id, state}, "errors":
  []}` or `{"payout": null, "errors": [{field, code, message}]}` with PayoutErrorCode, as
  the mutations do; 401 without a valid bearer token, 403 for someone who does not run the
  cooperative's payouts.
- `GET /payouts/runs/<PayoutRun global id>/bank-batch.csv`: the run's bank transfers
  (`bank_batch`), for the same people.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from graphql_relay import from_global_id, to_global_id

from storefront_plugins.accounts.authentication import InvalidAccessToken, authenticate_request
from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.core.graphql.errors import errors_from_validation_error
from storefront_plugins.payouts.bank_batch import batch_file_for
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.manual_payments import RecordInput, record_manual_payment
from storefront_plugins.payouts.rails.manual import MAX_PROOF_BYTES


def _pk(global_id: str, type_name: str) -> int | None:
    try:
        kind, pk = from_global_id(global_id)
        return int(pk) if kind == type_name else None
    except (ValueError, TypeError):
        return None


def _signed_in(request: HttpRequest) -> tuple[User, Viewer] | JsonResponse:
    try:
        user = authenticate_request(request)
    except InvalidAccessToken as error:
        return JsonResponse({"error": {"code": "INVALID_TOKEN", "message": str(error)}}, status=401)
    if not isinstance(user, User):
        return JsonResponse(
            {"error": {"code": "NOT_AUTHENTICATED", "message": "Sign in first."}}, status=401
        )
    return user, viewer_for(user)


def _errors(error: ValidationError) -> JsonResponse:
    errors = errors_from_validation_error(error, PayoutErrorCode.INVALID)
    return JsonResponse({"payout": None, "errors": [e.__dict__ for e in errors]}, status=400)


def _denied(error: PermissionDenied) -> JsonResponse:
    return JsonResponse({"error": {"code": "PermissionDenied", "message": str(error)}}, status=403)


def _field_error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def _record_input(request: HttpRequest, payout_id: int) -> RecordInput:
    try:
        paid_on = date.fromisoformat(request.POST.get("paidOn", ""))
    except ValueError:
        raise _field_error("paidOn", "A date, YYYY-MM-DD.", PayoutErrorCode.INVALID) from None
    upload = request.FILES.get("proof")
    if upload is not None and upload.size is not None and upload.size > MAX_PROOF_BYTES:
        raise _field_error(
            "proof",
            f"At most {MAX_PROOF_BYTES // (1024 * 1024)} MB.",
            PayoutErrorCode.PROOF_TOO_LARGE,
        )
    return RecordInput(
        payout_id=payout_id,
        reference=request.POST.get("reference", ""),
        paid_on=paid_on,
        proof=upload.read(MAX_PROOF_BYTES + 1) if upload is not None else None,
    )


@csrf_exempt
@require_POST
def manual_payment(request: HttpRequest, payout_id: str) -> HttpResponse:
    signed_in = _signed_in(request)
    if isinstance(signed_in, JsonResponse):
        return signed_in
    user, viewer = signed_in
    pk = _pk(payout_id, "Payout")
    if pk is None:
        return _errors(_field_error("id", "Not a Payout id.", PayoutErrorCode.NOT_FOUND))
    try:
        payout = record_manual_payment(viewer, user, _record_input(request, pk))
    except PermissionDenied as error:
        return _denied(error)
    except ValidationError as error:
        return _errors(error)
    body: dict[str, Any] = {
        "payout": {"id": to_global_id("Payout", payout.pk), "state": payout.state.upper()},
        "errors": [],
    }
    return JsonResponse(body)


@require_GET
def bank_batch(request: HttpRequest, run_id: str) -> HttpResponse:
    signed_in = _signed_in(request)
    if isinstance(signed_in, JsonResponse):
        return signed_in
    _user, viewer = signed_in
    pk = _pk(run_id, "PayoutRun")
    if pk is None:
        return _errors(_field_error("id", "Not a PayoutRun id.", PayoutErrorCode.NOT_FOUND))
    try:
        batch = batch_file_for(viewer, pk)
    except PermissionDenied as error:
        return _denied(error)
    except ValidationError as error:
        return _errors(error)
    response = HttpResponse(batch.content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.filename}"'
    return response
