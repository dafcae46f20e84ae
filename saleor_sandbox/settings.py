"""Settings of the Saleor sandbox: a Django project of its own, beside the App's."""

import os
from pathlib import Path

import dj_database_url

from configuration.celery_broker import CELERY_TASK_DEFAULTS, broker_settings
from configuration.embedded_postgres import embedded_database_url
from configuration.environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SOUK_DATA_DIR", str(BASE_DIR / ".data")))
SANDBOX_DATA_DIR = DATA_DIR / "sandbox"
SANDBOX_DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("SANDBOX_DEBUG", False)
SECRET_KEY = env_str("SANDBOX_SECRET_KEY", "saleor-sandbox-development-key")
PUBLIC_URL = env_str("SANDBOX_PUBLIC_URL", "http://127.0.0.1:8001").rstrip("/")
ALLOWED_HOSTS = env_list("SANDBOX_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
MEDIA_ROOT = Path(env_str("SANDBOX_MEDIA_ROOT", str(SANDBOX_DATA_DIR / "media")))
MEDIA_URL = "/media/"
MAX_IMAGE_FILE_SIZE = env_int("SANDBOX_MAX_IMAGE_FILE_SIZE", 10 * 1024 * 1024)  # as Saleor

INSTALLED_APPS = ["saleor_sandbox"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "saleor_sandbox.urls"
WSGI_APPLICATION = "saleor_sandbox.wsgi.application"
TEMPLATES: list[dict[str, object]] = []

_database_url = env_str("SANDBOX_DATABASE_URL", "") or embedded_database_url(
    DATA_DIR / "postgres", database="saleor_sandbox"
)
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"

REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = broker_settings(REDIS_URL, DATA_DIR)
CELERY_TASK_DEFAULT_QUEUE = env_str("SANDBOX_CELERY_QUEUE", "saleor-sandbox")
globals().update(CELERY_TASK_DEFAULTS)

# As Saleor: access tokens (also apps' and extensions') live 5 minutes, refresh tokens 30 days.
JWT_ACCESS_TTL = env_int("SANDBOX_JWT_ACCESS_TTL", 300)
JWT_REFRESH_TTL = env_int("SANDBOX_JWT_REFRESH_TTL", 30 * 24 * 3600)
JWT_APP_ACCESS_TTL = env_int("SANDBOX_JWT_APP_ACCESS_TTL", 300)  # Saleor's JWT_TTL_APP_ACCESS
RSA_PRIVATE_KEY = os.environ.get("SANDBOX_RSA_PRIVATE_KEY", "")
RSA_PRIVATE_KEY_PATH = SANDBOX_DATA_DIR / "jwt_key.pem"

# Saleor's defaults for outgoing webhooks: (connect, read) timeouts, retries after
# 10, 20, 40, 80 and 160 s.
WEBHOOK_TIMEOUT = (2, 18)
WEBHOOK_MAX_RETRIES = 5
WEBHOOK_RETRY_BACKOFF = env_int("SANDBOX_WEBHOOK_RETRY_BACKOFF", 10)

SALEOR_VERSION = "3.23.28"
SCHEMA_VERSION = "3.23"
MAX_CHECKOUT_LINE_QUANTITY = 50  # Saleor's MAX_CHECKOUT_LINE_QUANTITY default

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}
