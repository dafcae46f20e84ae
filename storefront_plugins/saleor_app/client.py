"""A GraphQL client for one Saleor installation.

Network errors and 5xx answers are retried with exponential backoff, a bounded number of
times; 4xx answers and GraphQL errors are not (sending the same request again would fail
the same way). Top-level GraphQL errors and mutation payload `errors` become typed
exceptions from `exceptions.py`.
"""

import json
import logging
import random
import time
from typing import Any

import requests
from django.conf import settings

from storefront_plugins.saleor_app.exceptions import (
    GraphQLErrorDetail,
    MutationErrorDetail,
    SaleorGraphQLError,
    SaleorHTTPError,
    SaleorMutationError,
    SaleorPermissionDenied,
    SaleorTransportError,
)

logger = logging.getLogger(__name__)

PERMISSION_ERROR_CODES = {
    "PermissionDenied",
    "InvalidTokenError",
    "ExpiredSignatureError",
    "JSONWebTokenError",
}
USER_AGENT = "Souk-Saleor-App/0.1"


class SaleorClient:
    def __init__(
        self,
        api_url: str,
        token: str | None = None,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.api_url = api_url
        self._token = token
        self.timeout = settings.SALEOR_REQUEST_TIMEOUT if timeout is None else timeout
        self.retries = settings.SALEOR_REQUEST_RETRIES if retries is None else retries
        self.backoff = settings.SALEOR_RETRY_BACKOFF if backoff is None else backoff
        self.session = session or requests.Session()

    def __repr__(self) -> str:  # never the token
        return f"SaleorClient({self.api_url})"

    def execute(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a document; return `data`, or raise a `SaleorError`.

        A payload in `data` that carries a non-empty `errors` list (Saleor's mutation
        errors) raises `SaleorMutationError` naming that mutation.
        """
        response_json = self._post({"query": document, "variables": variables or {}})
        return _data_or_raise(response_json)

    def execute_with_files(
        self,
        document: str,
        variables: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]],
    ) -> dict[str, Any]:
        """`execute` as a GraphQL multipart request (the spec Saleor follows for `Upload`):
        `files` maps a variable's name to (filename, content, content type); the variable is
        sent as null and the file in its place."""
        operations = {
            "query": document,
            "variables": {**variables, **dict.fromkeys(files)},
        }
        names = list(files)
        form = {
            "operations": json.dumps(operations),
            "map": json.dumps({str(i): [f"variables.{name}"] for i, name in enumerate(names)}),
        }
        parts = {str(i): files[name] for i, name in enumerate(names)}
        return _data_or_raise(self._post_request(data=form, files=parts))

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._post_request(json_body=body)

    def _post_request(
        self,
        *,
        json_body: dict[str, Any] | None = None,
        data: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        headers = {"User-Agent": USER_AGENT}
        if json_body is not None:
            headers["Content-Type"] = "application/json"
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.post(
                    self.api_url,
                    json=json_body,
                    data=data,
                    files=files,
                    headers=headers,
                    timeout=self.timeout,
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                failure = f"{type(error).__name__} reaching {self.api_url}"
            else:
                if response.status_code < 500:
                    return _response_json(response)
                failure = f"{self.api_url} answered {response.status_code}"
            if attempt > self.retries:
                raise SaleorTransportError(f"{failure} (after {attempt} attempts)")
            delay = self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 2)
            logger.warning("Saleor request failed, retrying in %.2fs: %s", delay, failure)
            time.sleep(delay)


def _data_or_raise(response_json: dict[str, Any]) -> dict[str, Any]:
    """`data`, or the typed error for the response's top-level or mutation errors."""
    errors = response_json.get("errors")
    data = response_json.get("data")
    if errors:
        details = [_graphql_error_detail(error) for error in errors]
        error_class = (
            SaleorPermissionDenied
            if any(detail.code in PERMISSION_ERROR_CODES for detail in details)
            else SaleorGraphQLError
        )
        raise error_class(details, data)
    if not isinstance(data, dict):
        raise SaleorHTTPError("Saleor answered without data.", status=200)
    _raise_mutation_errors(data)
    return data


def _response_json(response: requests.Response) -> dict[str, Any]:
    try:
        payload = response.json()
    except ValueError as error:
        raise SaleorHTTPError(
            f"Saleor answered {response.status_code} with a body that is not JSON.",
            status=response.status_code,
        ) from error
    if not isinstance(payload, dict) or ("data" not in payload and "errors" not in payload):
        raise SaleorHTTPError(
            f"Saleor answered {response.status_code} without a GraphQL response.",
            status=response.status_code,
        )
    return payload


def _graphql_error_detail(error: dict[str, Any]) -> GraphQLErrorDetail:
    extensions = error.get("extensions") or {}
    exception = extensions.get("exception") or {}
    code = exception.get("code") or extensions.get("code")
    return GraphQLErrorDetail(
        message=str(error.get("message", "")),
        code=code,
        path=tuple(error.get("path") or ()),
        extensions=extensions,
    )


def _raise_mutation_errors(data: dict[str, Any]) -> None:
    for mutation, payload in data.items():
        if isinstance(payload, dict) and payload.get("errors"):
            raise SaleorMutationError(
                mutation,
                [
                    MutationErrorDetail(
                        field=error.get("field"),
                        code=error.get("code"),
                        message=error.get("message"),
                    )
                    for error in payload["errors"]
                ],
            )
