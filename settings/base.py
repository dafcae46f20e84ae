"""Django settings, read from the environment. README.md lists every variable."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from configuration.celery_broker import CELERY_TASK_DEFAULTS, broker_settings
from configuration.embedded_postgres import embedded_database_url
from configuration.environment import env_bool, env_float, env_int, env_list, env_str
from configuration.object_storage import default_storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SOUK_DATA_DIR", str(BASE_DIR / ".data")))

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET_KEY = "souk-development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

PUBLIC_URL = env_str("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "storefront_plugins.saleor_app",
    "storefront_plugins.accounts",
    "storefront_plugins.stripe_gateway",
    "storefront_plugins.artisans",
    "storefront_plugins.provenance",
    "storefront_plugins.payouts",
    "storefront_plugins.storefronts",
    "storefront_plugins.payments",
    "storefront_plugins.listings",
    "storefront_plugins.portal",
    "storefront_plugins.api",
    "storefront_plugins.dashboard",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

_database_url = env_str("DATABASE_URL", "") or embedded_database_url(DATA_DIR / "postgres")
# Persistent connections, checked before their first use in each request or task.
DATABASES = {
    "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("Souk supports PostgreSQL only; DATABASE_URL must be postgres://...")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("ar", "العربية"), ("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("SOUK_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded files: the S3 bucket SOUK_S3_BUCKET when set, else MEDIA_ROOT.
DEFAULT_FILE_STORAGE_SETTINGS = default_storage_settings(
    bucket=env_str("SOUK_S3_BUCKET", ""),
    media_root=MEDIA_ROOT,
    endpoint_url=env_str("SOUK_S3_ENDPOINT_URL", ""),
    region=env_str("SOUK_S3_REGION", ""),
    url_expiry=env_int("SOUK_S3_URL_EXPIRY", 300),
)
# Keys encrypting secrets in the database (Saleor's app token), Fernet keys separated by
# commas, the first encrypting; none: one derived from SECRET_KEY (saleor_app.encrypted_fields).
SOUK_FIELD_ENCRYPTION_KEYS = env_list("SOUK_FIELD_ENCRYPTION_KEYS", [])
# How long a link to a private stored file (a payout's proof) works; public files' links do not
# expire (storefront_plugins.core.files).
SOUK_PRIVATE_FILE_LINK_SECONDS = env_int("SOUK_PRIVATE_FILE_LINK_SECONDS", 600)
# A multipart GraphQL request (an upload) larger than this is refused before it is read;
# each upload checks its own limit too (certification evidence: 10 MB).
SOUK_MAX_UPLOAD_BYTES = env_int("SOUK_MAX_UPLOAD_BYTES", 11 * 1024 * 1024)
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_SETTINGS,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Celery: Redis when REDIS_URL is set, otherwise a file-system broker that needs no server.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = broker_settings(REDIS_URL, DATA_DIR)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "souk")
CELERY_TASK_ALWAYS_EAGER = False
# Celery's Django fix-up closes the database connections before and after every task unless
# this is set: a new PostgreSQL connection per task (~20 ms, more than a batch of paid
# orders takes per order). Connections are kept instead, and closed after a task when
# unusable or older than CONN_MAX_AGE, as Django does per request (settings.celery_app).
CELERY_DB_REUSE_MAX = 1000
globals().update(CELERY_TASK_DEFAULTS)

# Anonymous reads of public data are answered from a cache keyed by the public data version
# (storefront_plugins.api.response_cache): Redis when REDIS_URL is set, shared by every
# worker; otherwise each process's memory. 0 seconds turns it off.
SOUK_PUBLIC_RESPONSE_CACHE_SECONDS = env_int("SOUK_PUBLIC_RESPONSE_CACHE_SECONDS", 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_responses": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "souk:public-responses",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "public-responses",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    ),
    # Counters shared by every worker (the portal's sign-in limits).
    "rate_limits": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "souk:rate-limits",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limits"}
    ),
}

# The Saleor App.
SALEOR_APP_ID = env_str("SALEOR_APP_ID", "souk")
SALEOR_API_URL_ALLOWLIST = env_list(
    "SALEOR_API_URL_ALLOWLIST",
    ["http://127.0.0.1:8001/graphql/", "http://localhost:8001/graphql/"],
)
SALEOR_REQUEST_TIMEOUT = env_float("SALEOR_REQUEST_TIMEOUT", 10.0)
SALEOR_REQUEST_RETRIES = env_int("SALEOR_REQUEST_RETRIES", 3)
SALEOR_RETRY_BACKOFF = env_float("SALEOR_RETRY_BACKOFF", 0.5)
SALEOR_JWKS_REFETCH_INTERVAL = env_int("SALEOR_JWKS_REFETCH_INTERVAL", 60)
# Souk's widgets in the Saleor Dashboard may be framed by the Dashboard of the Saleor that
# installed Souk, served from its API's origin; these origins too (a Dashboard served elsewhere).
SALEOR_DASHBOARD_ORIGINS = env_list("SALEOR_DASHBOARD_ORIGINS", [])
# The artisans' and cooperatives' portal, which the Dashboard's payout pages link to.
SOUK_PORTAL_URL = env_str("SOUK_PORTAL_URL", f"{PUBLIC_URL}/portal")
# Deliveries of an event with a batch handler (ORDER_FULLY_PAID) that a worker handles in
# one transaction: the one its task names and pending ones no other worker holds.
SALEOR_WEBHOOK_BATCH_SIZE = env_int("SALEOR_WEBHOOK_BATCH_SIZE", 50)
# The outbox of writes to Saleor (saleor_app.outbox): a write Saleor could not take (down,
# 5xx, 429) is retried with backoff (5 s doubling to at most 15 min), this many attempts in
# all, then shown as failed; a worker's claim on a write lapses after the lease (a worker
# that died); the sweep queues again writes due for longer than its grace.
SOUK_OUTBOX_MAX_ATTEMPTS = env_int("SOUK_OUTBOX_MAX_ATTEMPTS", 20)
SOUK_OUTBOX_LEASE_SECONDS = env_int("SOUK_OUTBOX_LEASE_SECONDS", 600)
SOUK_OUTBOX_SWEEP_GRACE_SECONDS = env_int("SOUK_OUTBOX_SWEEP_GRACE_SECONDS", 60)
# The Celery queue of the outbox's deliveries: the default queue when empty; a queue of its
# own lets a deployment give writes to a slow Saleor workers of their own.
SOUK_OUTBOX_QUEUE = env_str("SOUK_OUTBOX_QUEUE", "")

# Signing in to the App (storefront_plugins.accounts): access tokens are HS256 JWTs signed
# with SECRET_KEY; refresh tokens are random and stored hashed.
SOUK_ACCESS_TOKEN_TTL = env_int("SOUK_ACCESS_TOKEN_TTL", 15 * 60)
SOUK_REFRESH_TOKEN_TTL = env_int("SOUK_REFRESH_TOKEN_TTL", 30 * 24 * 3600)

# Payouts (storefront_plugins.payouts): the platform's fee where a cooperative's rule sets
# none (basis points of each line's net), and the hold before funds become payable where a
# cooperative has no policy ("payment" or "fulfilment", plus so many days).
SOUK_PLATFORM_FEE_BP = env_int("SOUK_PLATFORM_FEE_BP", 500)
SOUK_PAYOUT_HOLD_DAYS = env_int("SOUK_PAYOUT_HOLD_DAYS", 14)
SOUK_PAYOUT_HOLD_STARTS = env_str("SOUK_PAYOUT_HOLD_STARTS", "fulfilment")
# Payouts on an automatic rail left created or submitted this long (seconds) are reconciled:
# the rail is asked what became of them.
SOUK_PAYOUT_RECONCILE_AFTER = env_int("SOUK_PAYOUT_RECONCILE_AFTER", 900)
# A payout whose rail has not said what became of it after so many attempts needs a person:
# it is logged as an error once and shown to the treasury (Payout.needsAttention).
SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS = env_int("SOUK_PAYOUT_ATTENTION_AFTER_ATTEMPTS", 12)

# Stripe (storefront_plugins.stripe_gateway): STRIPE_API_BASE unset is Stripe's real API; the
# demo and the tests point it at the project's stand-in. Webhook signing secrets from the
# environment are tried before those `stripe_webhook_setup` stored.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
# Given to storefronts for Stripe.js (payments' PAYMENT_GATEWAY_INITIALIZE_SESSION answer).
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRETS = [
    secret
    for secret in [env_str("STRIPE_WEBHOOK_SECRET", ""), *env_list("STRIPE_WEBHOOK_SECRETS", [])]
    if secret
]
STRIPE_REQUEST_TIMEOUT = env_float("STRIPE_REQUEST_TIMEOUT", 20.0)
STRIPE_REQUEST_RETRIES = env_int("STRIPE_REQUEST_RETRIES", 2)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Invitations to new accounts: the page (of a storefront or the portal) that calls
# setPassword(email, token, password) with the link's query parameters.
SOUK_SET_PASSWORD_URL = env_str("SOUK_SET_PASSWORD_URL", f"{PUBLIC_URL}/portal/set-password")
# The theme (the cooperatives' storefronts as shoppers see them): the portal links to it.
SOUK_THEME_URL = env_str("SOUK_THEME_URL", "http://127.0.0.1:8003").rstrip("/")

# The portal (storefront_plugins.portal): server-side sessions behind an HttpOnly cookie,
# ended after an idle time and in any case some time after signing in; CSRF on every form;
# failed sign-ins counted per account and per address (SOUK_SIGN_IN_*) in the
# `rate_limits` cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "souk_portal"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SOUK_SECURE_COOKIES", PUBLIC_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "storefront_plugins.portal.views.errors.csrf_failure"
SOUK_PORTAL_SESSION_IDLE_SECONDS = env_int("SOUK_PORTAL_SESSION_IDLE_SECONDS", 2 * 3600)
SOUK_PORTAL_SESSION_MAX_SECONDS = env_int("SOUK_PORTAL_SESSION_MAX_SECONDS", 7 * 24 * 3600)
SOUK_SIGN_IN_WINDOW_SECONDS = env_int("SOUK_SIGN_IN_WINDOW_SECONDS", 15 * 60)
SOUK_SIGN_IN_ATTEMPTS_PER_ACCOUNT = env_int("SOUK_SIGN_IN_ATTEMPTS_PER_ACCOUNT", 5)
SOUK_SIGN_IN_ATTEMPTS_PER_ADDRESS = env_int("SOUK_SIGN_IN_ATTEMPTS_PER_ADDRESS", 30)
# Reverse proxies in front of the App (each appends to X-Forwarded-For): the client's
# address, which sign-in attempts are counted for, is read that many entries from its end.
SOUK_TRUSTED_PROXIES = env_int("SOUK_TRUSTED_PROXIES", 0)
LOGIN_URL = "portal:sign-in"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Souk <no-reply@souk.example>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

CELERY_BEAT_SCHEDULE = {
    "sweep-saleor-outbox": {
        "task": "storefront_plugins.saleor_app.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "requeue-stale-webhook-deliveries": {
        "task": "storefront_plugins.saleor_app.tasks.requeue_stale_webhook_deliveries",
        "schedule": 300.0,
    },
    "requeue-stale-stripe-events": {
        "task": "storefront_plugins.stripe_gateway.tasks.requeue_stale_stripe_events",
        "schedule": 300.0,
    },
    "release-held-payout-funds": {
        "task": "storefront_plugins.payouts.tasks.release_held_funds",
        "schedule": 900.0,
    },
    "start-scheduled-payout-runs": {
        "task": "storefront_plugins.payouts.tasks.start_scheduled_payout_runs",
        "schedule": 3600.0,
    },
    "reconcile-payouts": {
        "task": "storefront_plugins.payouts.tasks.reconcile_payouts",
        "schedule": 600.0,
    },
}
