"""Requests, responses and the route table: which handler answers `METHOD /path`, with
which accepted parameters, named after stripe-python's typed parameter class they mirror."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stripe_sandbox.state import Store, StripeObject

API_VERSION = "2026-10-28.endive"


@dataclass
class ApiRequest:
    method: str
    path: str
    values: dict[str, Any]
    store: Store
    base_url: str
    request_id: str
    stripe_account: str | None = None
    idempotency_key: str | None = None
    api_version: str = API_VERSION
    accept_language: str = ""


@dataclass
class HtmlResponse:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


ApiHandler = Callable[..., StripeObject]
PageHandler = Callable[..., HtmlResponse]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str
    handler: Callable[..., Any]
    accepts: frozenset[str] = frozenset()
    stripe_params: str | None = None
    """The stripe-python class (`stripe.params.<name>`) whose fields `accepts` must be among."""
    api: bool = True
    """False for the stand-in's own HTML pages (onboarding, 3-D Secure): no key, no params check."""

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if method != self.method:
            return None
        found = _compiled(self.pattern).fullmatch(path)
        return found.groupdict() if found else None


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern))
    return _CACHE[pattern]


def route(
    method: str,
    pattern: str,
    handler: Callable[..., Any],
    accepts: set[str] | frozenset[str] = frozenset(),
    stripe_params: str | None = None,
    *,
    expandable: bool = True,
) -> Route:
    """An API route; it accepts `expand` too unless `expandable` is False (as deletes)."""
    names = frozenset(accepts) | ({"expand"} if expandable else set())
    return Route(method, pattern, handler, names, stripe_params)


def page(method: str, pattern: str, handler: Callable[..., Any]) -> Route:
    return Route(method, pattern, handler, api=False)
