"""The `/graphql/` endpoint, answering as Saleor does: 400 with `errors` for a body that
is not a query or a document that does not validate, 200 otherwise; each error carries
`extensions.exception.code`. File uploads follow the GraphQL multipart request spec: the
`map` puts each file's form key where its variable was, and mutations read the file from
the request's FILES under that key (as Saleor's `info.context.FILES.get(image)`)."""

import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphql import ExecutionResult, GraphQLError, execute, parse, validate
from graphql.error import GraphQLSyntaxError

from saleor_sandbox.errors import ALLOWED_ERRORS, MutationErrors
from saleor_sandbox.graphql.context import context_for_request

logger = logging.getLogger(__name__)

INTERNAL_ERROR_MESSAGE = "Internal Server Error"


def format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if original is None:
        code = "GraphQLSyntaxError" if isinstance(error, GraphQLSyntaxError) else "GraphQLError"
    else:
        code = type(original).__name__
        if not isinstance(original, (*ALLOWED_ERRORS, MutationErrors)) and not settings.DEBUG:
            logger.error("A query failed unexpectedly", exc_info=original)
            formatted["message"] = INTERNAL_ERROR_MESSAGE
    formatted.setdefault("extensions", {})
    formatted["extensions"]["exception"] = {"code": code}
    return formatted


def _error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"errors": [format_error(GraphQLError(message))]}, status=status)


def execute_document(body: dict[str, Any], request: HttpRequest) -> tuple[dict[str, Any], int]:
    from saleor_sandbox.graphql.api import schema

    query = body.get("query")
    if not isinstance(query, str) or not query.strip():
        return {"errors": [format_error(GraphQLError("Must provide a query string."))]}, 400
    try:
        document = parse(query)
    except GraphQLSyntaxError as error:
        return {"errors": [format_error(error)]}, 400
    validation_errors = validate(schema.graphql_schema, document)
    if validation_errors:
        return {"errors": [format_error(error) for error in validation_errors]}, 400
    variables = body.get("variables") or {}
    result = execute(  # synchronous resolvers only, so never an awaitable
        schema.graphql_schema,
        document,
        context_value=context_for_request(request),
        variable_values=variables if isinstance(variables, dict) else {},
        operation_name=body.get("operationName"),
    )
    assert isinstance(result, ExecutionResult)
    response: dict[str, Any] = {}
    if result.errors:
        response["errors"] = [format_error(error) for error in result.errors]
    response["data"] = result.data
    status = 400 if result.data is None and result.errors and not result.errors[0].path else 200
    return response, status


def _set_path(operations: Any, path: str, value: str) -> None:
    """Saleor's `obj_set`: `variables.input.image` or `0.variables.files.1` gets `value`."""
    *parents, last = path.split(".")
    target = operations
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


def multipart_operations(request: HttpRequest) -> Any:
    """The operations of a multipart request, each mapped file's key put in its place."""
    operations = json.loads(request.POST.get("operations") or "{}")
    files_map = json.loads(request.POST.get("map") or "{}")
    for file_key, paths in files_map.items():
        for path in paths:
            _set_path(operations, path, file_key)
    return operations


@csrf_exempt
def graphql_view(request: HttpRequest) -> JsonResponse:
    if request.method not in {"POST", "GET"}:
        return _error_response("Method not allowed.", 405)
    if request.method == "GET":
        body: Any = {"query": request.GET.get("query"), "variables": request.GET.get("variables")}
    elif request.content_type == "multipart/form-data":
        try:
            body = multipart_operations(request)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            return _error_response("Unable to parse query.", 400)
    else:
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            return _error_response("Unable to parse query.", 400)
    if isinstance(body, list):
        results = [execute_document(entry, request) for entry in body if isinstance(entry, dict)]
        return JsonResponse(
            [data for data, _status in results],
            safe=False,
            status=max((s for _d, s in results), default=200),
        )
    if not isinstance(body, dict):
        return _error_response("Unable to parse query.", 400)
    data, status = execute_document(body, request)
    return JsonResponse(data, status=status)
