"""Starts a real `celery worker` process on the App's test settings (tests and benches)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def start_celery_worker(
    database_url: str, log_path: Path, queue: str | None = None, **extra_env: str
) -> subprocess.Popen[bytes]:
    """A solo worker consuming this run's queue (or `queue`); returns once it says it is
    ready."""
    queue = queue or settings.CELERY_TASK_DEFAULT_QUEUE
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": database_url,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **extra_env,
    }
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "settings.celery_app",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while b"ready." not in log_path.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            raise RuntimeError(f"The Celery worker did not start:\n{log_path.read_text()}")
        time.sleep(0.2)
    return worker
