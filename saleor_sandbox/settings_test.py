"""The sandbox's settings under its own test suite."""

import os

os.environ.setdefault("SANDBOX_CELERY_QUEUE", f"saleor-sandbox-test-{os.getpid()}")

from saleor_sandbox.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WEBHOOK_RETRY_BACKOFF = 0
