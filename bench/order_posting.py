"""How fast paid orders reach the payouts ledger: the target is 500 orders of 3 lines per
second on 2 cores, PostgreSQL on the same machine.

    .venv/bin/python -m bench.order_posting [orders] [--no-webhooks] [--no-service]

Runs against the configured PostgreSQL (DATABASE_URL, else the embedded one) in a scratch
test database, with the fixture directory and a product per line made by two potters of
cooperative-safi (70 % / 30 %). First the path the target is about, for 10 x [orders]
(default 200) paid orders of 3 lines, their ORDER_FULLY_PAID deliveries stored first as
`receive_webhook` stores verified ones (the POST itself is `bench.webhook_ingest`'s):

- stored -> `handle_delivery` (the function the Celery task runs) -> ledger, from 1 and 2
  processes taking every other delivery id as workers sharing a queue would: orders/s until
  every delivery is handled, p50/p99 per call (most calls find their delivery handled by
  an earlier batch), the number of batches, and the CPU time per order of the processes
  and of their PostgreSQL backends (read from /proc: on a machine shared with other work,
  the rate the CPU time allows on 2 idle cores is printed too);
- stored -> queued (`queue_delivery`, as on commit of their receipt: a message unless a task
  of the event is queued and not yet started, which takes them all) -> 2 real `celery
  worker` processes (solo pool) -> ledger: orders/s until the last is handled, the
  workers' and their backends' CPU per order (the broker's not counted). Needs a broker
  (REDIS_URL, else the file-system one); the run's queue is purged at the end.

Then, unless --no-service: `post_order_split` one order per transaction (orders of 1, 5
and 20 lines one after another; 3 lines from 1, 2 and 4 processes at once), and, unless
--no-webhooks, the whole webhook path one signed POST at a time (/api/webhooks/
order-fully-paid, verified, stored, queued, handled by the workers): p50/p99 from the POST
to the delivery's `handled_at`, and orders/s with every delivery POSTed at once from this
one process (bound by the POSTs).
"""

import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
os.environ.setdefault("CELERY_QUEUE", f"souk-bench-{os.getpid()}")

import django

django.setup()

from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from settings.celery_app import app as celery_app  # noqa: E402
from storefront_plugins.artisans.loading import load_directory_file  # noqa: E402
from storefront_plugins.artisans.models import Artisan, Cooperative  # noqa: E402
from storefront_plugins.payouts.models import OrderPosting  # noqa: E402
from storefront_plugins.payouts.payloads import parse_order  # noqa: E402
from storefront_plugins.payouts.services import post_order_split  # noqa: E402
from storefront_plugins.provenance.models import Contribution, ProductProvenance  # noqa: E402
from storefront_plugins.saleor_app.events import WebhookEvent  # noqa: E402
from storefront_plugins.saleor_app.models import Installation, WebhookDelivery  # noqa: E402
from storefront_plugins.saleor_app.services import handle_delivery, queue_delivery  # noqa: E402
from tests.app.artisans.conftest import DIRECTORY  # noqa: E402
from tests.app.celery_worker import start_celery_worker  # noqa: E402
from tests.app.databases import server_database_url  # noqa: E402
from tests.app.payouts.conftest import line, order_payload  # noqa: E402
from tests.app.saleor_endpoints import SigningKey, saleor_signature  # noqa: E402

API_URL = "https://bench.saleor.example/graphql/"
SIZES = (1, 5, 20)
CONCURRENT_LINES = 3
PROCESSES = (1, 2, 4)
REPO_ROOT = Path(__file__).resolve().parents[1]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def product_id(n: int) -> str:
    return f"UHJvZHVjdDpiZW5jaA{n}"


def make_products(count: int) -> None:
    cooperative = Cooperative.objects.get(slug="cooperative-safi")
    potters = list(Artisan.objects.filter(memberships__cooperative=cooperative).order_by("pk")[:2])
    for n in range(count):
        with transaction.atomic():
            provenance = ProductProvenance.objects.create(
                saleor_product_id=product_id(n), cooperative=cooperative
            )
            Contribution.objects.create(
                provenance=provenance, artisan=potters[0], share=7000, role="thrown"
            )
            Contribution.objects.create(
                provenance=provenance, artisan=potters[1], share=3000, role="glazed"
            )


def paid_order(order_id: str, lines: int) -> dict[str, Any]:
    return order_payload(
        [
            line(f"{order_id}-{n}", product_id(n), f"{100 + n}.00", "16.00", category="ceramique")
            for n in range(lines)
        ],
        order_id=order_id,
    )


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, default=str).encode()  # Decimal amounts as strings


def report(label: str, latencies_ms: list[float], orders: int, seconds: float) -> None:
    print(
        f"  {label:<28} p50 {percentile(latencies_ms, 0.5):7.2f} ms"
        f"  p99 {percentile(latencies_ms, 0.99):7.2f} ms"
        f"  {orders / seconds:7.1f} orders/s  (n={orders})"
    )


def bench_service(size: int, orders: int) -> None:
    payloads = [paid_order(f"T3JkZXI6c3Zj{size}-{n}", size) for n in range(orders)]
    latencies = []
    run_started = time.perf_counter()
    for payload in payloads:
        started = time.perf_counter()
        post_order_split(API_URL, parse_order(payload))
        latencies.append((time.perf_counter() - started) * 1000)
    report(f"service, {size:>2} lines", latencies, orders, time.perf_counter() - run_started)


def _post_in_process(
    worker: int,
    orders: int,
    started: Any,  # multiprocessing.synchronize.Barrier
    results: "multiprocessing.Queue[list[float]]",
) -> None:
    payloads = [
        paid_order(f"T3JkZXI6cGFy{worker}-{n}", CONCURRENT_LINES) for n in range(orders + 1)
    ]
    post_order_split(API_URL, parse_order(payloads.pop()))  # its own connection, warmed
    latencies = []
    started.wait()
    for payload in payloads:
        began = time.perf_counter()
        post_order_split(API_URL, parse_order(payload))
        latencies.append((time.perf_counter() - began) * 1000)
    connections.close_all()
    results.put(latencies)


def bench_processes(processes: int, orders: int) -> None:
    """`processes` processes, `orders` distinct orders each, all started at once."""
    context = multiprocessing.get_context("fork")
    connections.close_all()  # every child opens its own
    started = context.Barrier(processes + 1)
    results: multiprocessing.Queue[list[float]] = context.Queue()
    children = [
        context.Process(
            target=_post_in_process, args=(processes * 100 + n, orders, started, results)
        )
        for n in range(processes)
    ]
    for child in children:
        child.start()
    started.wait(timeout=120)
    run_started = time.perf_counter()
    latencies = [ms for _ in children for ms in results.get(timeout=600)]
    elapsed = time.perf_counter() - run_started
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0, f"a posting process failed ({child.exitcode})"
    label = f"{processes} process{'es' if processes > 1 else ''}, {CONCURRENT_LINES} lines"
    report(label, latencies, len(latencies), elapsed)


def start_worker(log_path: Path) -> subprocess.Popen[bytes]:
    return start_celery_worker(server_database_url(), log_path)


def store_deliveries(installation: Installation, prefix: str, orders: int) -> list[int]:
    """ORDER_FULLY_PAID deliveries of distinct 3-line orders, stored as `receive_webhook`
    stores a verified one (pending, never attempted)."""
    bodies = []
    for n in range(orders):
        payload = paid_order(f"{prefix}-{n}", CONCURRENT_LINES)
        payload["issuedAt"] = timezone.now().isoformat()
        bodies.append(body_of(payload).decode())
    created = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                installation=installation,
                event="ORDER_FULLY_PAID",
                body=body,
                body_sha256=hashlib.sha256(body.encode()).hexdigest(),
            )
            for body in bodies
        ]
    )
    return [delivery.pk for delivery in created]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process of this machine, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # gone since
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend process (same machine)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return cpu_seconds(pid)


def other_backends_cpu_seconds() -> dict[int, float]:
    """CPU time of the other PostgreSQL backends connected to this database, by pid."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid: cpu_seconds(pid) for (pid,) in cursor.fetchall()}


def _handle_in_process(
    delivery_ids: list[int],
    started: Any,  # multiprocessing.synchronize.Barrier
    results: "multiprocessing.Queue[tuple[list[float], float, float]]",
) -> None:
    WebhookDelivery.objects.exists()  # its own connection, opened before the start
    latencies = []
    started.wait()
    cpu, db_cpu = time.process_time(), backend_cpu_seconds()
    for delivery_id in delivery_ids:
        began = time.perf_counter()
        handle_delivery(delivery_id)
        latencies.append((time.perf_counter() - began) * 1000)
    cpu, db_cpu = time.process_time() - cpu, backend_cpu_seconds() - db_cpu
    connections.close_all()
    results.put((latencies, cpu, db_cpu))


def bench_stored_deliveries(installation: Installation, processes: int, orders: int) -> None:
    """`processes` processes call `handle_delivery` (what the Celery task runs) for stored
    deliveries, each taking every `processes`-th id as workers sharing one queue would; a
    call that finds its delivery pending handles it with up to SALEOR_WEBHOOK_BATCH_SIZE - 1
    others (one transaction), later calls find theirs handled or claimed. Also the CPU time
    spent per order by the processes and by their PostgreSQL backends (what bounds the
    rate on a machine shared with other work)."""
    delivery_ids = store_deliveries(installation, f"T3JkZXI6YmF0{processes}", orders)
    context = multiprocessing.get_context("fork")
    connections.close_all()
    started = context.Barrier(processes + 1)
    results: multiprocessing.Queue[tuple[list[float], float, float]] = context.Queue()
    children = [
        context.Process(
            target=_handle_in_process, args=(delivery_ids[n::processes], started, results)
        )
        for n in range(processes)
    ]
    for child in children:
        child.start()
    started.wait(timeout=120)
    run_started = time.perf_counter()
    outcomes = [results.get(timeout=600) for _ in children]
    elapsed = time.perf_counter() - run_started
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0, f"a handling process failed ({child.exitcode})"
    wait_until_handled(delivery_ids, poll=0.01)
    label = f"{processes} process{'es' if processes > 1 else ''}, stored"
    report(label, [ms for latencies, _, _ in outcomes for ms in latencies], orders, elapsed)
    batches = (
        WebhookDelivery.objects.filter(pk__in=delivery_ids).values("handled_at").distinct().count()
    )
    cpu = sum(c for _, c, _ in outcomes) / orders * 1000
    db_cpu = sum(d for _, _, d in outcomes) / orders * 1000
    print(
        f"    (p50/p99 per handle_delivery call, one per delivery; {batches} batches of up to"
        f" {batch_size()}; CPU per order: {cpu:.2f} ms Python + {db_cpu:.2f} ms PostgreSQL"
        f" = {1000 / (cpu + db_cpu) * (os.cpu_count() or 1):.0f} orders/s on"
        f" {os.cpu_count()} idle cores)"
    )


def bench_celery_workers(
    installation: Installation, worker_processes: list[subprocess.Popen[bytes]], orders: int
) -> None:
    """Stored deliveries queued at once (`queue_delivery`, as on commit of their receipt: a
    message unless a task of the event is queued and not yet started) and handled by solo
    worker processes; until the last is handled. The CPU time of the workers and of the
    database's other backends (theirs) per order."""
    delivery_ids = store_deliveries(installation, "T3JkZXI6Y2Vs", orders)
    workers_cpu = sum(cpu_seconds(p.pid) for p in worker_processes)
    backends_before = other_backends_cpu_seconds()
    run_started = time.perf_counter()
    for delivery_id in delivery_ids:
        queue_delivery(delivery_id, WebhookEvent.ORDER_FULLY_PAID)
    wait_until_handled(delivery_ids, poll=0.05)
    elapsed = time.perf_counter() - run_started
    workers_cpu = sum(cpu_seconds(p.pid) for p in worker_processes) - workers_cpu
    backends_cpu = sum(
        cpu - backends_before.get(pid, 0.0) for pid, cpu in other_backends_cpu_seconds().items()
    )
    print(
        f"  {len(worker_processes)} celery workers, queued at once"
        f"  {orders / elapsed:7.1f} orders/s  (n={orders}, {elapsed:.2f} s)\n"
        f"    (CPU per order: {workers_cpu / orders * 1000:.2f} ms workers +"
        f" {backends_cpu / orders * 1000:.2f} ms PostgreSQL, the broker's not counted)"
    )


def batch_size() -> int:
    from django.conf import settings

    return int(settings.SALEOR_WEBHOOK_BATCH_SIZE)


def deliver(client: Client, key: SigningKey, order_id: str, size: int) -> int:
    payload = paid_order(order_id, size)
    payload["issuedAt"] = timezone.now().isoformat()
    body = body_of(payload)
    response = client.post(
        "/api/webhooks/order-fully-paid",
        data=body,
        content_type="application/json",
        headers={
            "Saleor-Event": "order_fully_paid",
            "Saleor-Api-Url": API_URL,
            "Saleor-Signature": saleor_signature(body, key),
        },
    )
    assert response.status_code == 200, response.content
    delivery_id: int = response.json()["delivery"]
    return delivery_id


def wait_until_handled(delivery_ids: list[int], poll: float) -> None:
    deadline = time.monotonic() + 600
    while WebhookDelivery.objects.filter(pk__in=delivery_ids, status="pending").exists():
        if time.monotonic() > deadline:
            raise RuntimeError("The worker did not handle every delivery in 10 minutes.")
        time.sleep(poll)
    failed = WebhookDelivery.objects.filter(pk__in=delivery_ids).exclude(status="handled")
    assert not failed.exists(), f"deliveries not handled: {list(failed.values('pk', 'last_error'))}"


def bench_webhooks(size: int, orders: int, key: SigningKey) -> None:
    """Latency: one delivery at a time, from the POST to its `handled_at`. Throughput: every
    delivery POSTed at once, until the last is handled."""
    client = Client()
    latencies = []
    for n in range(orders):
        posted_at = timezone.now()
        delivery_id = deliver(client, key, f"T3JkZXI6bGF0{size}-{n}", size)
        wait_until_handled([delivery_id], poll=0.002)
        handled_at = WebhookDelivery.objects.get(pk=delivery_id).handled_at
        assert handled_at is not None
        latencies.append((handled_at - posted_at).total_seconds() * 1000)
    run_started = time.perf_counter()
    burst = [deliver(client, key, f"T3JkZXI6YnVy{size}-{n}", size) for n in range(orders)]
    wait_until_handled(burst, poll=0.02)
    elapsed = time.perf_counter() - run_started
    report(f"webhook path, {size:>2} lines", latencies, orders, elapsed)


def main(orders: int, webhooks: bool, service: bool) -> None:
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        load_directory_file(DIRECTORY)
        make_products(max(SIZES))
        key = SigningKey.generate("bench-key")
        installation = Installation.objects.create(
            saleor_api_url=API_URL,
            saleor_app_id="QXBwOjE=",
            auth_token="bench-token",  # noqa: S106
            jwks={"keys": [key.public_jwk()]},
            jwks_fetched_at=timezone.now(),
        )
        post_order_split(API_URL, parse_order(paid_order("T3JkZXI6d2FybQ", 3)))  # warm
        batched = orders * 10
        print(
            f"paid orders of {CONCURRENT_LINES} lines, stored deliveries -> ledger, batches of"
            f" up to {batch_size()} ({os.cpu_count()} cores, PostgreSQL on the same machine):"
        )
        for processes in (1, 2):
            bench_stored_deliveries(installation, processes, batched)
        if webhooks:
            log_dir = Path(tempfile.mkdtemp(prefix="souk-bench-"))
            workers = [start_worker(log_dir / f"worker-{n}.log") for n in range(2)]
            broker = celery_app.conf.broker_url.split(":")[0]
            print(f"  (2 solo celery worker processes, broker {broker})")
            bench_celery_workers(installation, workers, batched)
        if service:
            print(f"order posting alone: {orders} orders per size, one at a time")
            for size in SIZES:  # a first order warms the caches
                post_order_split(API_URL, parse_order(paid_order(f"T3JkZXI6d2FybQ{size}", size)))
                bench_service(size, orders)
            print("  concurrent posting, one order per transaction:")
            for processes in PROCESSES:
                bench_processes(processes, orders)
        if webhooks:
            print("  whole webhook path, signed POST -> stored -> worker -> ledger:")
            for size in SIZES:
                bench_webhooks(size, orders, key)
        postings = OrderPosting.objects.count()
        print(f"  {postings} orders posted at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
        celery_app.control.purge()  # this run's own queue
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(
        int(arguments[0]) if arguments else 200,
        webhooks="--no-webhooks" not in sys.argv,
        service="--no-service" not in sys.argv,
    )
