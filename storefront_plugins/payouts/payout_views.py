"""Payouts' HTTP endpoints outside GraphQL: `GET /payouts/runs/<PayoutRun global id>/
bank-batch.csv`, the run's bank transfers (`bank_batch`) for the cooperative's treasurers and
managers; 401 without a valid bearer token, 403 for anyone else, errors as the mutations
answer them (`{"errors": [{field, code, message}]}`, PayoutErrorCode)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from graphql_relay import from_global_id

from storefront_plugins.accounts.authentication import InvalidAccessToken, authenticate_request
from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.core.graphql.errors import errors_from_validation_error
from storefront_plugins.payouts.bank_batch import batch_file_for
from storefront_plugins.payouts.error_codes import PayoutErrorCode


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
    return JsonResponse({"errors": [e.__dict__ for e in errors]}, status=400)


def _denied(error: PermissionDenied) -> JsonResponse:
    return JsonResponse({"error": {"code": "PermissionDenied", "message": str(error)}}, status=403)


def _field_error(field: str, message: str, code: PayoutErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


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
