"""Server time and bytes of the theme's storefront pages (issue 6): the storefront home, the
catalogue and a product page with its provenance, at concurrency 1 and 8.

    .venv/bin/python -m bench.storefront_pages [seconds per run, default 10]

Starts the three servers as in production (gunicorn; PostgreSQL: DATABASE_URL's server, else
the embedded one) on scratch databases it drops at the end: the Saleor sandbox seeded, the App
with the fixture directory, storefronts and provenance, installed into the sandbox, and the
theme reading both over GraphQL, twice: with its public-read cache (THEME_CACHE_SECONDS=30,
Redis when REDIS_URL is set) and without (every page asks Saleor and the App). Latencies are
measured by the client on the loopback (the server's time plus a few hundred microseconds).
Targets: p50 under 50 ms on 2 cores; the product page under 150 KB before images (HTML and
CSS, as sent: gzip).
"""

import os
import sys
from collections.abc import Callable

import requests

from bench.http_load import run_load
from bench.servers import running_sandbox_and_app, serve, wait_until_up
from tests.app.e2e.sandbox_server import free_port

PAGES = {
    "storefront home": "/fr/s/safi/",
    "catalogue (filtered, sorted)": "/fr/s/safi/catalogue/?material=safi_red_clay&sort=price_asc",
    "product page with provenance": "/fr/s/safi/p/tajine-safi-vert/",
}


def page_getter(url: str) -> Callable[[requests.Session], requests.Response]:
    def get(session: requests.Session) -> requests.Response:
        return session.get(url, timeout=30)

    return get


def page_bytes(url: str) -> tuple[int, int]:
    """(bytes as HTML, bytes sent gzip-compressed) of one page."""
    plain = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=30)
    packed = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=30, stream=True)
    sent = len(packed.raw.read(decode_content=False))
    return len(plain.content), sent


def main(seconds: float) -> None:
    with running_sandbox_and_app("theme", app_loads=("load_storefronts",)) as (
        servers,
        processes,
    ):
        sandbox_url, app_url = servers.sandbox_url, servers.app_url
        themes = {"cached": (free_port(), "30"), "uncached": (free_port(), "0")}
        for port, cache_seconds in themes.values():
            theme_env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "theme.settings",
                "DEBUG": "0",
                "THEME_SECRET_KEY": "souk-bench-theme-secret-key",
                "SALEOR_API_URL": f"{sandbox_url}/graphql/",
                "SOUK_API_URL": f"{app_url}/graphql/",
                "THEME_CACHE_SECONDS": cache_seconds,
            }
            processes.append(serve("theme.wsgi", port, theme_env))
            wait_until_up(f"http://127.0.0.1:{port}/healthz", processes[-1])

        cached_url = f"http://127.0.0.1:{themes['cached'][0]}"
        css = requests.get(f"{cached_url}/static/theme/theme.css", timeout=30)
        css_plain, css_sent = (
            len(css.content),
            page_bytes(f"{cached_url}/static/theme/theme.css")[1],
        )
        print(f"theme pages, {seconds:g} s per run, {os.cpu_count()} cores")
        for label, path in PAGES.items():
            plain, sent = page_bytes(cached_url + path)
            print(
                f"{label:<32} HTML {plain / 1024:6.1f} KB ({sent / 1024:5.1f} KB gzip);"
                f" with the CSS {(plain + css_plain) / 1024:6.1f} KB"
                f" ({(sent + css_sent) / 1024:5.1f} KB gzip) before images"
            )
        for mode, (port, _) in themes.items():
            for concurrency in (1, 8):
                for label, path in PAGES.items():
                    url = f"http://127.0.0.1:{port}{path}"
                    result = run_load(
                        page_getter(url),
                        concurrency=concurrency,
                        seconds=seconds,
                    )
                    print(result.line(f"{label}, {mode}"))


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)
