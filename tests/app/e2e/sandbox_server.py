"""The Saleor sandbox as a separate server process, as the App meets it in production:
only over HTTP."""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SandboxServer:
    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def api_url(self) -> str:
        return f"{self.url}/graphql/"

    def manage(self, *args: str) -> str:
        """Run a sandbox management command against the same database."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = requests.post(
            self.api_url,
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        body: dict[str, Any] = response.json()
        return body

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_sandbox(
    database_url: str, log_path: Path, extra_env: dict[str, str] | None = None
) -> SandboxServer:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saleor_sandbox.settings",
        "SANDBOX_DATABASE_URL": database_url,
        "SANDBOX_PUBLIC_URL": url,
        "SANDBOX_CELERY_QUEUE": f"saleor-sandbox-e2e-{port}",
        "SANDBOX_WEBHOOK_RETRY_BACKOFF": "1",
        # The products' images it is sent (the portal's listings) go with the run's files.
        "SANDBOX_MEDIA_ROOT": str(log_path.parent / "media"),
        **(extra_env or {}),
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runsandbox", "--port", str(port), "--workers", "2"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = SandboxServer(url=url, env=env, process=process, log_path=log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The sandbox exited:\n{server.log()}")
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                return server
        except requests.RequestException:  # not listening yet, or still booting
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"The sandbox did not start:\n{server.log()}")


def parse_json_line(output: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return value
