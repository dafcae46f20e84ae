"""The App's GraphQL endpoint: authenticates the bearer token, builds the request context."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, execute
from graphql_sync_dataloaders import DeferredExecutionContext

from storefront_plugins.accounts.authentication import (
    ExpiredAccessToken,
    InvalidAccessToken,
    authenticate_request,
)
from storefront_plugins.accounts.models import User
from storefront_plugins.api import response_cache
from storefront_plugins.api.documents import check_document
from storefront_plugins.core.graphql.context import RequestContext
from storefront_plugins.core.graphql.uploads import MultipartRequestError, operations_with_files


class SoukGraphQLView(GraphQLView):
    execution_context_class = DeferredExecutionContext

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            request.user = authenticate_request(request)
        except InvalidAccessToken as error:
            code = (
                "ExpiredSignatureError"
                if isinstance(error, ExpiredAccessToken)
                else "InvalidTokenError"
            )
            body = {
                "errors": [{"message": str(error), "extensions": {"exception": {"code": code}}}]
            }
            return JsonResponse(body, status=401)
        return super().dispatch(request, *args, **kwargs)

    def get_response(
        self, request: HttpRequest, data: dict[str, Any], show_graphiql: bool = False
    ) -> tuple[str | None, int]:
        """Anonymous public reads come from the response cache when it has them."""
        slot = None
        if not show_graphiql and not self.batch and not request.user.is_authenticated:
            query, variables, operation_name, _id = self.get_graphql_params(request, data)
            slot = response_cache.slot_for(
                origin=f"{request.scheme}://{request.get_host()}",
                query=query,
                variables=variables,
                operation_name=operation_name,
            )
        if slot is not None and (cached := slot.get()) is not None:
            return cached, 200
        result, status_code = super().get_response(request, data, show_graphiql)
        executed = result is not None and status_code == 200
        if slot is not None and executed and not getattr(request, "souk_execution_failed", True):
            slot.store(result)
        return result, status_code

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: dict[str, Any],
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> Any:
        result = self._execute_checked_document(request, query, variables, operation_name)
        if result is None:
            result = super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        request.souk_execution_failed = result is None or bool(result.errors)  # type: ignore[attr-defined]
        return result

    def parse_body(self, request: HttpRequest) -> Any:
        """JSON as usual; multipart by the GraphQL multipart request spec (file uploads).
        A multipart body over SOUK_MAX_UPLOAD_BYTES is refused (413) before it is read."""
        is_multipart = self.get_content_type(request) == "multipart/form-data"
        if is_multipart and _content_length(request) > settings.SOUK_MAX_UPLOAD_BYTES:
            too_large = HttpResponse(
                f"A request carries at most {settings.SOUK_MAX_UPLOAD_BYTES} bytes.", status=413
            )
            raise HttpError(too_large)
        if is_multipart and "operations" in request.POST:
            try:
                return operations_with_files(request.POST, request.FILES)
            except MultipartRequestError as error:
                raise HttpError(HttpResponseBadRequest(str(error))) from error
        return super().parse_body(request)

    def _execute_checked_document(
        self, request: HttpRequest, query: str | None, variables: Any, operation_name: str | None
    ) -> ExecutionResult | None:
        """Executes a POSTed document parsed and validated once (`documents`); None leaves
        everything else (GraphiQL, GET, no query) to graphene-django's own path."""
        if not query or request.method != "POST":
            return None
        schema = self.schema.graphql_schema
        checked = check_document(schema, query)
        if checked.document is None or checked.errors:
            return ExecutionResult(data=None, errors=list(checked.errors))
        try:
            result = execute(
                schema,
                checked.document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                execution_context_class=self.execution_context_class,
            )
        except Exception as error:  # as graphene-django does: an error result, not a 500
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])
        assert isinstance(result, ExecutionResult), "the schema's resolvers are synchronous"
        return result

    def get_context(self, request: HttpRequest) -> RequestContext:
        user = request.user
        language = user.language if isinstance(user, User) else None
        return RequestContext(request=request, user=user, language=language)

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        formatted: dict[str, Any] = GraphQLView.format_error(error)
        if isinstance(error, GraphQLError) and _is_permission_denied(error.original_error):
            formatted["extensions"] = {"exception": {"code": "PermissionDenied"}}
        return formatted


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_permission_denied(error: BaseException | None) -> bool:

    return isinstance(error, PermissionDenied)
