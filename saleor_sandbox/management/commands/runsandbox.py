"""`manage.py runsandbox [--port 8001]` (with DJANGO_SETTINGS_MODULE=saleor_sandbox.settings):
migrates the sandbox's database, starts its Celery worker, and serves it with gunicorn."""

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the Saleor sandbox: migrations, a Celery worker and the HTTP server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a Celery worker."
        )
        parser.add_argument("--seed", action="store_true", help="Load the demo catalogue first.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SETTINGS_MODULE not in {
            "saleor_sandbox.settings",
            "saleor_sandbox.settings_test",
        }:
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=saleor_sandbox.settings.")
        call_command("migrate", interactive=False, verbosity=0)
        if options["seed"]:
            call_command("sandbox_seed")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        children: list[subprocess.Popen[bytes]] = []
        if not options["no_worker"]:
            children.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and module
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "saleor_sandbox.celery_app",
                        "worker",
                        "--pool=threads",
                        "--concurrency=4",
                        "--loglevel=INFO",
                        "-Q",
                        settings.CELERY_TASK_DEFAULT_QUEUE,
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    env=env,
                )
            )
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "saleor_sandbox.wsgi",
                "--bind",
                f"{options['host']}:{options['port']}",
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        children.append(server)

        def stop(*_args: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            server.wait()
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
