"""How fast the App accepts a signed Stripe event: verify, store once, queue.

    .venv/bin/python -m bench.stripe_webhook_ingest [events]

Runs against the configured PostgreSQL (DATABASE_URL, else the embedded one) in a scratch
test database, and the configured broker on a queue of its own that it purges at the end.
Three signing secrets are known (the environment's and two stored endpoints'), and events
are signed with the last one tried, the worst case. Prints p50/p99 latency and throughput of
POST /api/stripe/webhooks, a redelivery's, and signature verification alone.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
os.environ.setdefault("CELERY_QUEUE", f"souk-bench-{os.getpid()}")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from settings.celery_app import app as celery_app  # noqa: E402
from storefront_plugins.stripe_gateway.models import WebhookEndpoint  # noqa: E402
from storefront_plugins.stripe_gateway.webhooks import (  # noqa: E402
    signing_secrets,
    verify_stripe_signature,
)
from tests.app.stripe_gateway.conftest import account_object, event_body, sign  # noqa: E402


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def post(client: Client, body: bytes, signature: str) -> float:
    started = time.perf_counter()
    response = client.post(
        "/api/stripe/webhooks",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )
    assert response.status_code == 200, response.content
    return (time.perf_counter() - started) * 1000


def main(events: int) -> None:
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        settings.STRIPE_WEBHOOK_SECRETS = ["whsec_bench_environment"]
        for n, scope in enumerate(("platform", "connect")):
            WebhookEndpoint.objects.create(
                api_base=f"http://stripe-{n}.bench",
                scope=scope,
                stripe_endpoint_id=f"we_bench_{n}",
                url="http://app.bench/api/stripe/webhooks",
                secret=f"whsec_bench_{scope}",
            )
        secrets = signing_secrets()
        last = secrets[-1]
        bodies = [
            event_body(f"evt_bench_{n}", account_object(f"acct_bench_{n}"), account=f"acct_{n}")
            for n in range(events)
        ]
        signed = [(body, sign(body, last)) for body in bodies]

        started = time.perf_counter()
        for body, signature in signed[:200]:
            verify_stripe_signature(body, signature, secrets)
        verify_ms = (time.perf_counter() - started) / min(200, events) * 1000

        client = Client()
        run_started = time.perf_counter()
        latencies = [post(client, body, signature) for body, signature in signed]
        elapsed = time.perf_counter() - run_started
        redeliveries = [post(client, body, signature) for body, signature in signed[:200]]

        broker = celery_app.conf.broker_url.split(":")[0]
        print(f"stripe webhook ingest: {events} events, {len(secrets)} secrets, broker {broker}")
        print(f"  signature verification alone (3 secrets tried): {verify_ms:.2f} ms")
        print(
            f"  accept (verify + store + queue): p50 {percentile(latencies, 0.5):.2f} ms, "
            f"p99 {percentile(latencies, 0.99):.2f} ms, mean {statistics.mean(latencies):.2f} ms"
        )
        print(
            f"  redelivery (acknowledged, not stored): p50 {percentile(redeliveries, 0.5):.2f} ms"
        )
        print(f"  throughput, one client: {events / elapsed:.0f} events/s")
    finally:
        celery_app.control.purge()  # this run's own queue
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
