"""GraphQL over HTTP to Saleor and to the Souk App: the theme's only source of data.

Documents live in `theme/graphql/<api>/<name>.graphql` (validated against each API's schema
in the tests). Public reads are cached for `THEME_CACHE_SECONDS`, keyed by the endpoint, the
document and its variables; a checkout's reads and every mutation go straight to the API.
"""

import hashlib
import json
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache as django_cache

DOCUMENTS_DIR = Path(__file__).resolve().parent / "graphql"
SALEOR = "saleor"
SOUK = "souk"


class GraphQLUnavailable(Exception):
    """The API did not answer, or answered with top-level errors: the page cannot be built."""


FRAGMENT_SPREAD = re.compile(r"\.\.\.\s*(?!on\b)([A-Z]\w*)")


@cache
def document(api: str, name: str) -> str:
    """`<name>.graphql` followed by every fragment it spreads (each from `_<Name>.graphql`)."""
    text = (DOCUMENTS_DIR / api / f"{name}.graphql").read_text()
    return text + "".join("\n" + fragment(api, f) for f in spread_fragments(api, text))


@cache
def fragment(api: str, name: str) -> str:
    return (DOCUMENTS_DIR / api / f"_{name}.graphql").read_text()


def spread_fragments(api: str, text: str) -> list[str]:
    """The fragments a text spreads, and theirs, each once, in the order first met."""
    found: list[str] = []
    pending = FRAGMENT_SPREAD.findall(text)
    while pending:
        name = pending.pop(0)
        if name not in found:
            found.append(name)
            pending.extend(FRAGMENT_SPREAD.findall(fragment(api, name)))
    return found


def endpoint_url(api: str) -> str:
    return str(settings.THEME_SALEOR_API_URL if api == SALEOR else settings.THEME_SOUK_API_URL)


_sessions = threading.local()


def _session() -> requests.Session:
    """One keep-alive session per thread (gunicorn threads and the test server's)."""
    session: requests.Session | None = getattr(_sessions, "session", None)
    if session is None:
        session = requests.Session()
        _sessions.session = session
    return session


def post(api: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `data` of the answer; top-level errors and transport failures raise."""
    url = endpoint_url(api)
    try:
        response = _session().post(
            url,
            json={"query": query, "variables": variables or {}},
            timeout=settings.THEME_GRAPHQL_TIMEOUT,
        )
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise GraphQLUnavailable(f"{url}: {error}") from error
    if not isinstance(body, dict):
        raise GraphQLUnavailable(f"{url}: HTTP {response.status_code}, not a GraphQL answer")
    if body.get("errors"):
        messages = "; ".join(str(e.get("message")) for e in body["errors"])
        raise GraphQLUnavailable(f"{url}: {messages}")
    data: dict[str, Any] | None = body.get("data")
    if data is None:
        raise GraphQLUnavailable(f"{url}: HTTP {response.status_code} without data")
    return data


def cache_key(api: str, query: str, variables: dict[str, Any] | None) -> str:
    material = json.dumps(
        [endpoint_url(api), query, variables or {}], sort_keys=True, separators=(",", ":")
    )
    return "gql:" + hashlib.sha256(material.encode()).hexdigest()


def read(api: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """A public read: served from the cache for a short while (THEME_CACHE_SECONDS)."""
    seconds = settings.THEME_CACHE_SECONDS
    if seconds <= 0:
        return post(api, query, variables)
    key = cache_key(api, query, variables)
    cached: dict[str, Any] | None = django_cache.get(key)
    if cached is not None:
        return cached
    data = post(api, query, variables)
    django_cache.set(key, data, seconds)
    return data


def saleor_read(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return read(SALEOR, document(SALEOR, name), variables)


def souk_read(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return read(SOUK, document(SOUK, name), variables)


def saleor_call(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Uncached: a checkout's state and every mutation."""
    return post(SALEOR, document(SALEOR, name), variables)
