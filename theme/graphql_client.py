"""GraphQL over HTTP to Saleor and to the Souk App: the theme's only source of data.

Documents live in `theme/graphql/<api>/<name>.graphql` (validated against each API's schema
in the tests). Public reads are cached for `THEME_CACHE_SECONDS`, keyed by the endpoint, the
document and its variables; a checkout's reads and every mutation go straight to the API.

When an entry has aged past `THEME_CACHE_SECONDS`, one request (the one that takes a short
lock in the cache) fetches it again while the others are served the entry they had: a busy
page never sends every waiting request to the APIs at once. An entry is kept for
`STALE_FACTOR` times as long, so a page also survives an API's short outage.
"""

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass
from enum import Enum
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
    return "gql:v2:" + hashlib.sha256(material.encode()).hexdigest()  # v2: CachedRead entries


STALE_FACTOR = 10
REFRESH_LOCK_SECONDS = 10


class CacheUse(Enum):
    SERVE = "serve"  # fresh: serve it
    REFRESH = "refresh"  # missing, or stale and ours to refresh: ask the API
    SERVE_STALE = "serve_stale"  # stale, another request is refreshing it


@dataclass(frozen=True)
class CachedRead:
    data: dict[str, Any]
    fresh_until: float


def cache_use(entry: CachedRead | None, now: float, refresh_claimed: bool) -> CacheUse:
    """What a public read does with its cache entry (pure)."""
    if entry is None:
        return CacheUse.REFRESH
    if now < entry.fresh_until:
        return CacheUse.SERVE
    return CacheUse.REFRESH if refresh_claimed else CacheUse.SERVE_STALE


def read(api: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """A public read: served from the cache for a short while (THEME_CACHE_SECONDS)."""
    seconds = settings.THEME_CACHE_SECONDS
    if seconds <= 0:
        return post(api, query, variables)
    key = cache_key(api, query, variables)
    entry: CachedRead | None = django_cache.get(key)
    now = time.time()
    stale = entry is not None and now >= entry.fresh_until
    claimed = stale and django_cache.add(f"{key}:refresh", 1, REFRESH_LOCK_SECONDS)
    use = cache_use(entry, now, claimed)
    if use is not CacheUse.REFRESH:
        assert entry is not None
        return entry.data
    try:
        data = post(api, query, variables)
    except GraphQLUnavailable:
        if entry is None:
            raise
        return entry.data  # the API is down: the page is built from what it had
    finally:
        if claimed:
            django_cache.delete(f"{key}:refresh")
    django_cache.set(key, CachedRead(data, now + seconds), seconds * STALE_FACTOR)
    return data


def saleor_read(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return read(SALEOR, document(SALEOR, name), variables)


def souk_read(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return read(SOUK, document(SOUK, name), variables)


def saleor_call(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Uncached: a checkout's state and every mutation."""
    return post(SALEOR, document(SALEOR, name), variables)
