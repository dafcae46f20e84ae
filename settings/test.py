"""Settings for the test suite: the same as production, with a fixed key and fast hashing."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "souk-test-secret-key-long-enough-for-hs256")
# Each test run queues its tasks on a queue of its own; its worker processes inherit it.
os.environ.setdefault("CELERY_QUEUE", f"souk-test-{os.getpid()}")

from configuration.object_storage import default_storage_settings
from settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# bin/test runs the end-to-end tests in a process of their own, beside the others, on a test
# database of their own.
if os.environ.get("SOUK_TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SOUK_TEST_DATABASE_NAME"]}  # noqa: F405
STORAGES = {
    # The local folder whatever the environment says; tests that need S3 use the
    # `s3_storage` fixture (moto's server).
    "default": default_storage_settings(bucket="", media_root=MEDIA_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A worker process started by a test that stores its files in moto's S3 (the portal's
# browser test) is told the bucket by the environment; tests themselves use `s3_storage`.
if os.environ.get("SOUK_TEST_S3_BUCKET"):
    STORAGES["default"] = default_storage_settings(
        bucket=os.environ["SOUK_TEST_S3_BUCKET"],
        media_root=MEDIA_ROOT,  # noqa: F405
        endpoint_url=os.environ["SOUK_S3_ENDPOINT_URL"],
        region=os.environ["SOUK_S3_REGION"],
    )
# Query counts in tests are those of executing; the response cache's own tests turn it on.
SOUK_PUBLIC_RESPONSE_CACHE_SECONDS = 0
# In memory, emptied before each test: a test database's versions start again at 1.
CACHES["public_responses"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-responses",
}
# In memory, emptied before each test that counts attempts.
CACHES["rate_limits"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "rate-limits",
}
# Retries are exercised in tests; they need not wait.
SALEOR_RETRY_BACKOFF = 0.01
