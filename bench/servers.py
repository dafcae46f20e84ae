"""Servers for the benchmarks, as in production: scratch databases (DATABASE_URL's server,
else the embedded PostgreSQL), the Saleor sandbox seeded, the App and the theme under
gunicorn, and `manage.py` commands against them."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent


def server_url(database: str) -> str:
    configured = os.environ.get("DATABASE_URL")
    if configured:
        parts = urlsplit(configured)
        return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))
    from configuration.embedded_postgres import embedded_database_url

    return (
        embedded_database_url(REPO_ROOT / ".data" / "postgres", database="postgres").rsplit("/", 1)[
            0
        ]
        + f"/{database}"
    )


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url(name)
    finally:
        with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)}:\n{result.stderr[-2000:]}")
    return result.stdout


def serve(module: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A WSGI application under gunicorn (2 workers of 4 threads), on the loopback."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            module,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_sandbox(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The Saleor sandbox, seeded with the fixture catalogue."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "runsandbox", "--port", str(port), "--seed"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@dataclass(frozen=True)
class SandboxAndApp:
    sandbox_url: str
    app_url: str
    sandbox_env: dict[str, str]
    app_env: dict[str, str]


def sandbox_and_app(
    sandbox_db: str, app_db: str, sandbox_port: int, app_port: int
) -> SandboxAndApp:
    """The environments of a sandbox and an App that trusts it (production settings)."""
    sandbox_url, app_url = f"http://127.0.0.1:{sandbox_port}", f"http://127.0.0.1:{app_port}"
    sandbox_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saleor_sandbox.settings",
        "SANDBOX_DATABASE_URL": sandbox_db,
        "SANDBOX_PUBLIC_URL": sandbox_url,
        "SANDBOX_CELERY_QUEUE": f"saleor-sandbox-bench-{sandbox_port}",
    }
    app_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.base",
        "DEBUG": "0",
        "SECRET_KEY": "souk-bench-secret-key-long-enough-for-hs256",
        "DATABASE_URL": app_db,
        "PUBLIC_URL": app_url,
        "SALEOR_API_URL_ALLOWLIST": f"{sandbox_url}/graphql/",
        "CELERY_QUEUE": f"souk-bench-{app_port}",
    }
    return SandboxAndApp(sandbox_url, app_url, sandbox_env, app_env)


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_sandbox_and_app(
    name: str, app_loads: tuple[str, ...] = ()
) -> Iterator[tuple[SandboxAndApp, list[subprocess.Popen[bytes]]]]:
    """The seeded sandbox and the App on scratch databases (`souk_bench_<name>_*`), the App
    with its directory (and `app_loads`), installed into the sandbox and its provenance
    loaded; the servers' processes, to which a caller may add its own (all stopped at the
    end), and the databases dropped."""
    from tests.app.e2e.sandbox_server import free_port

    processes: list[subprocess.Popen[bytes]] = []
    with (
        scratch_database(f"souk_bench_{name}_sandbox") as sandbox_db,
        scratch_database(f"souk_bench_{name}_app") as app_db,
    ):
        sandbox_port, app_port = free_port(), free_port()
        servers = sandbox_and_app(sandbox_db, app_db, sandbox_port, app_port)
        try:
            processes.append(start_sandbox(sandbox_port, servers.sandbox_env))
            manage(servers.app_env, "migrate", "--noinput")
            for command in ("load_directory", *app_loads):
                manage(servers.app_env, command)
            processes.append(serve("settings.wsgi", app_port, servers.app_env))
            wait_until_up(f"{servers.sandbox_url}/healthz", processes[0])
            wait_until_up(f"{servers.app_url}/healthz", processes[1])
            manage(
                servers.sandbox_env,
                "sandbox_install_app",
                f"{servers.app_url}/api/manifest",
                "--activate",
                "--replace",
            )
            manage(
                servers.app_env,
                "load_provenance",
                "--saleor-api-url",
                f"{servers.sandbox_url}/graphql/",
            )
            yield servers, processes
        finally:
            stop(processes)
