"""The sandbox's settings under its own test suite."""

import os

os.environ.setdefault("SANDBOX_CELERY_QUEUE", f"saleor-sandbox-test-{os.getpid()}")

from saleor_sandbox.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WEBHOOK_RETRY_BACKOFF = 0
# The sandbox's own tests run its tasks in-process; the App's end-to-end tests run the
# sandbox as a server with a real worker.
CELERY_TASK_ALWAYS_EAGER = True
