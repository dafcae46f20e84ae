"""The HTTP server: Stripe's authentication, idempotency keys, error format and headers in
front of the route table, the stand-in's pages, and the control API."""

import contextlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from stripe_sandbox import control
from stripe_sandbox.auth import authenticate, check_stripe_account
from stripe_sandbox.delivery import DEFAULT_RETRY_DELAYS, WebhookDispatcher
from stripe_sandbox.errors import StripeError
from stripe_sandbox.events import ROUTES as EVENT_ROUTES
from stripe_sandbox.expansion import expand
from stripe_sandbox.idempotency import fingerprint, scope_of, store_answer, stored_answer
from stripe_sandbox.ids import new_id
from stripe_sandbox.params import Params, decode_form
from stripe_sandbox.resources import (
    account_links,
    accounts,
    balance,
    card_form,
    charges,
    payment_intents,
    payouts,
    refunds,
    three_d_secure,
    transfers,
    webhook_endpoints,
)
from stripe_sandbox.routing import API_VERSION, ApiRequest, HtmlResponse, Route
from stripe_sandbox.state import Fault, Store

logger = logging.getLogger(__name__)

ROUTES: list[Route] = [
    *accounts.ROUTES,
    *account_links.ROUTES,
    *payment_intents.ROUTES,
    *three_d_secure.ROUTES,
    *card_form.ROUTES,
    *charges.ROUTES,
    *refunds.ROUTES,
    *balance.ROUTES,
    *transfers.ROUTES,
    *payouts.ROUTES,
    *webhook_endpoints.ROUTES,
    *EVENT_ROUTES,
]


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] | None = None


def json_answer(status: int, body: Any, headers: dict[str, str] | None = None) -> Answer:
    return Answer(status, json.dumps(body, indent=2).encode(), headers=headers)


def error_answer(error: StripeError) -> Answer:
    return json_answer(error.status, error.body())


def find_route(
    routes: Iterable[Route], method: str, path: str
) -> tuple[Route, dict[str, str]] | None:
    for candidate in routes:
        args = candidate.match(method, path)
        if args is not None:
            return candidate, args
    return None


class StandIn:
    """The server's state and collaborators, shared by every request thread."""

    def __init__(
        self, base_url: str, retry_delays: tuple[float, ...] = DEFAULT_RETRY_DELAYS
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.store = Store()
        self.dispatcher = WebhookDispatcher(self.store, retry_delays)

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        split = urlsplit(target)
        path = split.path
        if path.startswith("/_stand_in/"):
            status, payload = control.handle(self.store, self.dispatcher, method, path, body)
            return json_answer(status, payload)
        found = find_route(ROUTES, method, path)
        if found is None:
            return json_answer(
                404,
                StripeError(
                    404,
                    f"Unrecognized request URL ({method}: {path}). Please see "
                    "https://stripe.com/docs or we can help at https://support.stripe.com/.",
                ).body(),
            )
        route, args = found
        request_id = new_id("req", 14)
        try:
            values = decode_form(body.decode()) if method == "POST" else decode_form(split.query)
        except (UnicodeDecodeError, StripeError) as error:
            message = error if isinstance(error, StripeError) else StripeError(400, "Invalid body.")
            return error_answer(message)
        request = ApiRequest(
            method=method,
            path=path,
            values=values,
            store=self.store,
            base_url=self.base_url,
            request_id=request_id,
            stripe_account=headers.get("stripe-account") or None,
            idempotency_key=headers.get("idempotency-key") or None,
            api_version=headers.get("stripe-version") or API_VERSION,
            accept_language=headers.get("accept-language", ""),
        )
        if not route.api:
            with self.store.lock:
                return _page_answer(route.handler(request, **args))
        try:
            api_key = authenticate(headers.get("authorization"))
        except StripeError as error:
            return error_answer(error)
        answer = self._api_answer(route, args, request, api_key, values)
        answer.headers = {
            **(answer.headers or {}),
            "Request-Id": request_id,
            "Stripe-Version": request.api_version,
        }
        if request.idempotency_key:
            answer.headers["Idempotency-Key"] = request.idempotency_key
        return answer

    def _api_answer(
        self,
        route: Route,
        args: dict[str, str],
        request: ApiRequest,
        api_key: str,
        values: dict[str, Any],
    ) -> Answer:
        store = self.store
        with store.lock:
            scope = None
            try:
                check_stripe_account(store, api_key, request.stripe_account)
                if request.method == "POST" and request.idempotency_key:
                    scope = scope_of(api_key, request.stripe_account, request.idempotency_key)
                    digest = fingerprint(request.method, request.path, values)
                    stored = stored_answer(store, scope, digest)
                    if stored is not None:
                        return Answer(
                            stored.status, stored.body, headers={"Idempotent-Replayed": "true"}
                        )
            except StripeError as error:
                return error_answer(error)
            try:
                params = Params(values, route.accepts)
                result = route.handler(request, params, **args)
                answer = json_answer(200, expand(store, result, params.expand()))
            except StripeError as error:
                answer = error_answer(error)
                if not error.replayable:
                    return answer
            if scope is not None:
                store_answer(store, scope, digest, answer.status, answer.body)
            return answer


def _page_answer(page: HtmlResponse) -> Answer:
    return Answer(page.status, page.body.encode(), "text/html; charset=utf-8", page.headers)


class Handler(BaseHTTPRequestHandler):
    server: "StandInServer"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        stand_in = self.server.stand_in
        path = urlsplit(self.path).path
        fault = None
        log_entry: dict[str, Any] | None = None
        if not path.startswith("/_stand_in/"):
            fault = control.take_fault(stand_in.store, method, path)
            log_entry = _log(stand_in.store, method, self.path, headers, body, fault)
        if fault is not None and not fault.after_effect:
            self._fail(fault)
            return
        answer = stand_in.answer(method, self.path, headers, body)
        if log_entry is not None:
            log_entry["status"] = answer.status
        if fault is not None:
            self._fail(fault, after=answer)
            return
        self._send(answer)

    def _fail(self, fault: Fault, after: Answer | None = None) -> None:
        if fault.kind == "error":
            self._send(
                json_answer(
                    500,
                    {
                        "error": {
                            "type": "api_error",
                            "message": "An unknown error occurred (injected by the stand-in).",
                        }
                    },
                )
            )
            return
        if fault.kind == "timeout":
            time.sleep(fault.seconds)
            if after is not None:
                with contextlib.suppress(OSError):
                    self._send(after)
                return
        self.close_connection = True

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in (answer.headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def _log(
    store: Store,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
    fault: Fault | None,
) -> dict[str, Any]:
    split = urlsplit(target)
    entry: dict[str, Any] = {
        "method": method,
        "path": split.path,
        "query": dict(parse_qsl(split.query, keep_blank_values=True)),
        "body": body.decode(errors="replace"),
        "idempotency_key": headers.get("idempotency-key"),
        "stripe_account": headers.get("stripe-account"),
        "fault": fault.kind if fault else None,
        "status": None,
    }
    with store.lock:
        store.requests.append(entry)
    return entry


class StandInServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], stand_in: StandIn) -> None:
        super().__init__(address, Handler)
        self.stand_in = stand_in


def make_server(
    host: str,
    port: int,
    public_url: str | None = None,
    retry_delays: tuple[float, ...] = DEFAULT_RETRY_DELAYS,
) -> StandInServer:
    stand_in = StandIn(public_url or f"http://{host}:{port}", retry_delays)
    server = StandInServer((host, port), stand_in)
    if public_url is None and port == 0:
        stand_in.base_url = f"http://{host}:{server.server_address[1]}"
    stand_in.dispatcher.start()
    return server
