"""The theme's cache of public reads: fresh entries are served; a stale entry is fetched
again by one request while the others are served what was there; an API that is down leaves
the page built from the stale entry; nothing cached and the API down is an error."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.cache import cache as django_cache

from theme import graphql_client
from theme.graphql_client import CachedRead, CacheUse, GraphQLUnavailable, cache_use


def test_what_a_read_does_with_its_entry() -> None:
    fresh = CachedRead({"a": 1}, fresh_until=100.0)

    assert cache_use(None, 50.0, refresh_claimed=False) is CacheUse.REFRESH
    assert cache_use(fresh, 99.9, refresh_claimed=False) is CacheUse.SERVE
    assert cache_use(fresh, 100.0, refresh_claimed=True) is CacheUse.REFRESH
    assert cache_use(fresh, 100.0, refresh_claimed=False) is CacheUse.SERVE_STALE


class CountingAPI(BaseHTTPRequestHandler):
    answers: list[int] = []  # the version each request answered
    down = False

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if CountingAPI.down:
            self.send_response(503)
            self.end_headers()
            return
        CountingAPI.answers.append(len(CountingAPI.answers) + 1)
        body = json.dumps({"data": {"version": CountingAPI.answers[-1]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def api(settings: Any) -> Iterator[type[CountingAPI]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingAPI)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    CountingAPI.answers, CountingAPI.down = [], False
    settings.THEME_SALEOR_API_URL = f"http://127.0.0.1:{server.server_port}/graphql/"
    settings.THEME_CACHE_SECONDS = 30
    settings.THEME_GRAPHQL_TIMEOUT = 5
    django_cache.clear()
    yield CountingAPI
    server.shutdown()


def age(query: str) -> None:
    """Makes the cached entry of `query` stale, as 30 seconds would."""
    key = graphql_client.cache_key(graphql_client.SALEOR, query, None)
    entry = django_cache.get(key)
    django_cache.set(key, CachedRead(entry.data, fresh_until=0.0), 300)


def test_a_fresh_entry_is_served_and_a_stale_one_fetched_again_once(api: Any) -> None:
    # given
    first = graphql_client.read(graphql_client.SALEOR, "{ version }")
    again = graphql_client.read(graphql_client.SALEOR, "{ version }")
    age("{ version }")

    # when another request holds the refresh, this one is served the stale entry
    key = graphql_client.cache_key(graphql_client.SALEOR, "{ version }", None)
    django_cache.add(f"{key}:refresh", 1, 10)
    while_refreshing = graphql_client.read(graphql_client.SALEOR, "{ version }")
    django_cache.delete(f"{key}:refresh")
    refreshed = graphql_client.read(graphql_client.SALEOR, "{ version }")

    # then
    assert (first, again, while_refreshing, refreshed) == (
        {"version": 1},
        {"version": 1},
        {"version": 1},
        {"version": 2},
    )
    assert api.answers == [1, 2]


def test_an_api_that_is_down_leaves_the_stale_entry_and_nothing_cached_is_an_error(
    api: Any,
) -> None:
    graphql_client.read(graphql_client.SALEOR, "{ version }")
    age("{ version }")
    api.down = True

    assert graphql_client.read(graphql_client.SALEOR, "{ version }") == {"version": 1}
    with pytest.raises(GraphQLUnavailable):
        graphql_client.read(graphql_client.SALEOR, "{ other }")
