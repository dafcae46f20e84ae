"""The theme as a separate server process (its own Django settings), as shoppers meet it:
it reaches the sandbox and the App only over HTTP."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.app.e2e.sandbox_server import REPO_ROOT, free_port


@dataclass
class ThemeServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_theme(
    saleor_api_url: str, souk_api_url: str, log_path: Path, extra_env: dict[str, str] | None = None
) -> ThemeServer:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},  # local-memory cache
        "DJANGO_SETTINGS_MODULE": "theme.settings",
        "DEBUG": "0",
        "THEME_SECRET_KEY": "theme-tests-secret-key",
        "THEME_ALLOWED_HOSTS": "*",
        "THEME_SECURE_COOKIES": "0",
        "SALEOR_API_URL": saleor_api_url,
        "SOUK_API_URL": souk_api_url,
        "THEME_CACHE_SECONDS": "0",  # each test loads its own App data
        **(extra_env or {}),
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                gunicorn,
                "theme.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = ThemeServer(url=url, process=process, log_path=log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The theme exited:\n{server.log()}")
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                return server
        except requests.RequestException:  # not listening yet
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"The theme did not start:\n{server.log()}")
