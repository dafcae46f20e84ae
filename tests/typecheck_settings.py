"""Settings for mypy's Django plugin only: the App's apps and the sandbox's together, so
both projects' models are known. Neither project ever runs with these."""

from settings.test import *  # noqa: F403
from settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "saleor_sandbox"]
JWT_ACCESS_TTL = 300
JWT_REFRESH_TTL = 30 * 24 * 3600
JWT_APP_ACCESS_TTL = 300
RSA_PRIVATE_KEY = ""
RSA_PRIVATE_KEY_PATH = DATA_DIR / "sandbox" / "jwt_key.pem"  # noqa: F405
SALEOR_VERSION = "3.23.28"
SCHEMA_VERSION = "3.23"
MAX_CHECKOUT_LINE_QUANTITY = 50
MAX_IMAGE_FILE_SIZE = 10 * 1024 * 1024
WEBHOOK_TIMEOUT = (2, 18)
WEBHOOK_MAX_RETRIES = 5
WEBHOOK_RETRY_BACKOFF = 10
# The theme's own settings (theme/settings.py)
THEME_SALEOR_API_URL = "http://127.0.0.1:8001/graphql/"
THEME_SOUK_API_URL = "http://127.0.0.1:8000/graphql/"
THEME_PAYMENT_GATEWAY_ID = "souk"
THEME_GRAPHQL_TIMEOUT = 10
THEME_CACHE_SECONDS = 30
