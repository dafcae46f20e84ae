"""The Stripe stand-in as a separate server process, as the App meets it: only over HTTP.

`start_stripe_sandbox()` runs `python -m stripe_sandbox` on a free port and waits for it;
the returned object gives a `StripeClient` pointed at it and the stand-in's control API
(reset, faults, received requests, webhook deliveries)."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import stripe

REPO_ROOT = Path(__file__).resolve().parents[2]
API_KEY = "sk_test_souk_stand_in"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class StripeSandbox:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def client(
        self, api_key: str = API_KEY, *, timeout: float = 10, max_network_retries: int = 0
    ) -> stripe.StripeClient:
        return stripe.StripeClient(
            api_key,
            base_addresses={"api": self.url, "connect": self.url, "files": self.url},
            http_client=stripe.RequestsClient(timeout=timeout),
            max_network_retries=max_network_retries,
        )

    def control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = requests.request(method, f"{self.url}/_stand_in/{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def reset(self) -> None:
        self.control("POST", "reset")

    def inject_fault(
        self,
        path: str,
        kind: str,
        *,
        method: str = "POST",
        count: int = 1,
        seconds: float = 0,
        after_effect: bool = False,
    ) -> None:
        """`kind`: `error` (500 api_error), `timeout` (answer after `seconds`) or `drop`
        (close the connection); with `after_effect` the request runs and only its answer is lost."""
        self.control(
            "POST",
            "faults",
            {
                "path": path,
                "kind": kind,
                "method": method,
                "count": count,
                "seconds": seconds,
                "after_effect": after_effect,
            },
        )

    def received_requests(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = self.control("GET", "requests")["data"]
        return data

    def deliveries(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = self.control("GET", "deliveries")["data"]
        return data

    def wait_for_deliveries(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        """The recorded webhook attempts once there are `count` (an attempt is recorded
        after its endpoint answered, so just after the endpoint saw it)."""
        deadline = time.monotonic() + timeout
        while True:
            attempts = self.deliveries()
            if len(attempts) >= count:
                return attempts
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(attempts)} delivery attempts, {count} expected")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_stripe_sandbox(
    log_path: Path, *, webhook_retry_delays: str = "0.2,0.4,0.8", extra_args: tuple[str, ...] = ()
) -> StripeSandbox:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stripe_sandbox",
                "--port",
                str(port),
                "--webhook-retry-delays",
                webhook_retry_delays,
                *extra_args,
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    sandbox = StripeSandbox(url=url, process=process, log_path=log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The Stripe stand-in exited:\n{sandbox.log()}")
        try:
            if requests.get(f"{url}/_stand_in/health", timeout=2).status_code == 200:
                return sandbox
        except requests.RequestException:  # not listening yet
            pass
        time.sleep(0.1)
    sandbox.stop()
    raise RuntimeError(f"The Stripe stand-in did not start:\n{sandbox.log()}")
