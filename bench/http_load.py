"""A small closed-loop HTTP load generator: N threads, each with a keep-alive session,
send the same request for a fixed time; latencies in milliseconds."""

import itertools
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests


@dataclass(frozen=True)
class LoadResult:
    concurrency: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    mean_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def line(self, label: str) -> str:
        return (
            f"{label:<45} c={self.concurrency}: p50 {self.p50_ms:7.2f} ms"
            f"  p99 {self.p99_ms:7.2f} ms  mean {self.mean_ms:7.2f} ms"
            f"  {self.throughput:7.1f} req/s  (n={self.requests})"
        )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run_load(
    send: Callable[[requests.Session], requests.Response],
    *,
    concurrency: int,
    seconds: float,
    warmup: int = 5,
    max_requests: int = 20_000,
) -> LoadResult:
    """Every response must be 200; the loop is bounded in time and in count."""
    latencies: list[float] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        try:
            measure()
        except Exception as error:  # reported by the caller's thread
            with lock:
                failures.append(error)

    def measure() -> None:
        session = requests.Session()
        for _ in range(warmup):
            send(session)
        local: list[float] = []
        # At least one measured request per thread, however slow the warm-up was.
        while not local or (
            time.monotonic() < deadline and len(local) < max_requests // concurrency
        ):
            started = time.perf_counter()
            response = send(session)
            local.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if failures:
        raise RuntimeError(f"{len(failures)} of {concurrency} load threads failed") from failures[0]
    return LoadResult(
        concurrency=concurrency,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        mean_ms=statistics.mean(latencies),
    )


def graphql_sender(
    url: str, query: str, variables: dict[str, Any] | None = None
) -> Callable[[requests.Session], requests.Response]:
    return rotating_graphql_sender(url, query, [variables or {}])


def rotating_graphql_sender(
    url: str, query: str, variable_sets: list[dict[str, Any]]
) -> Callable[[requests.Session], requests.Response]:
    """Sends the query with each set of variables in turn (threads share the rotation)."""
    bodies = itertools.cycle([{"query": query, "variables": v} for v in variable_sets])
    lock = threading.Lock()

    def send(session: requests.Session) -> requests.Response:
        with lock:
            body = next(bodies)
        response = session.post(url, json=body, timeout=30)
        # A substring test, not a JSON parse: the client's own time stays out of the latency.
        if response.status_code == 200 and b'"errors"' in response.content:
            raise RuntimeError(f"GraphQL errors: {response.json()['errors'][:2]}")
        return response

    return send
