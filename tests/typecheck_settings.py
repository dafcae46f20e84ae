"""Settings for mypy's Django plugin only: the App's apps and the sandbox's together, so
both projects' models are known. Neither project ever runs with these."""

from settings.test import *  # noqa: F403
from settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "saleor_sandbox"]
JWT_ACCESS_TTL = 300
JWT_REFRESH_TTL = 30 * 24 * 3600
RSA_PRIVATE_KEY = ""
RSA_PRIVATE_KEY_PATH = DATA_DIR / "sandbox" / "jwt_key.pem"  # noqa: F405
SALEOR_VERSION = "3.23.28"
SCHEMA_VERSION = "3.23"
MAX_CHECKOUT_LINE_QUANTITY = 50
WEBHOOK_TIMEOUT = (2, 18)
WEBHOOK_MAX_RETRIES = 5
WEBHOOK_RETRY_BACKOFF = 10
