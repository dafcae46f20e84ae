"""How fast the App accepts a signed Saleor webhook: verify, store, queue.

    .venv/bin/python -m bench.webhook_ingest [deliveries]

Runs against the configured PostgreSQL (DATABASE_URL, else the embedded one) in a scratch
test database, and the configured broker on a queue of its own that it purges at the end.
Prints p50/p99 latency and throughput of POST /api/webhooks/product-updated, and the time
of signature verification alone.
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
os.environ.setdefault("CELERY_QUEUE", f"souk-bench-{os.getpid()}")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from settings.celery_app import app as celery_app  # noqa: E402
from storefront_plugins.saleor_app.models import Installation  # noqa: E402
from storefront_plugins.saleor_app.signatures import verify_webhook_signature  # noqa: E402
from tests.app.saleor_endpoints import SigningKey, saleor_signature  # noqa: E402

API_URL = "https://bench.saleor.example/graphql/"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(deliveries: int) -> None:
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        key = SigningKey.generate("bench-key")
        Installation.objects.create(
            saleor_api_url=API_URL,
            saleor_app_id="QXBwOjE=",
            auth_token="bench-token",  # noqa: S106
            jwks={"keys": [key.public_jwk()]},
            jwks_fetched_at=timezone.now(),
        )
        bodies = [
            json.dumps(
                {
                    "issuedAt": f"2026-11-22T10:00:00.{n:06d}+00:00",
                    "product": {"id": f"UHJvZHVjdDo{n}", "slug": f"tajine-{n}", "name": "Tajine"},
                }
            ).encode()
            for n in range(deliveries)
        ]
        signed = [(body, saleor_signature(body, key)) for body in bodies]

        started = time.perf_counter()
        for body, signature in signed[:200]:
            verify_webhook_signature(signature, body, {"keys": [key.public_jwk()]})
        verify_ms = (time.perf_counter() - started) / 200 * 1000

        client = Client()
        latencies = []
        run_started = time.perf_counter()
        for body, signature in signed:
            started = time.perf_counter()
            response = client.post(
                "/api/webhooks/product-updated",
                data=body,
                content_type="application/json",
                headers={
                    "Saleor-Event": "product_updated",
                    "Saleor-Api-Url": API_URL,
                    "Saleor-Signature": signature,
                },
            )
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
        elapsed = time.perf_counter() - run_started

        broker = celery_app.conf.broker_url.split(":")[0]
        print(f"webhook ingest: {deliveries} deliveries, broker {broker}")
        print(f"  signature verification alone: {verify_ms:.2f} ms")
        print(
            f"  accept (verify + store + queue): p50 {percentile(latencies, 0.5):.2f} ms, "
            f"p99 {percentile(latencies, 0.99):.2f} ms, mean {statistics.mean(latencies):.2f} ms"
        )
        print(f"  throughput, one client: {deliveries / elapsed:.0f} deliveries/s")
    finally:
        celery_app.control.purge()  # this run's own queue
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
