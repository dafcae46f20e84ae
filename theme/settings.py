"""The theme's Django settings, read from the environment (README: "The themed frontend").

No database: sessions are signed cookies (the cart's checkout id, the payment in progress),
public GraphQL reads are cached in Redis when REDIS_URL is set, else in local memory.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from configuration.environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET_KEY = "souk-theme-development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("THEME_SECRET_KEY", "") or env_str(
    "SECRET_KEY", _DEV_SECRET_KEY if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("THEME_SECRET_KEY (or SECRET_KEY) must be set when DEBUG is off.")

# Storefronts answer on their own domains too: THEME_ALLOWED_HOSTS lists them ("*" in the demo).
ALLOWED_HOSTS = env_list("THEME_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

THEME_SALEOR_API_URL = env_str("SALEOR_API_URL", "http://127.0.0.1:8001/graphql/")
THEME_SOUK_API_URL = env_str("SOUK_API_URL", "http://127.0.0.1:8000/graphql/")
# The payment app's gateway id in Saleor: the Souk App (its manifest id).
THEME_PAYMENT_GATEWAY_ID = env_str("THEME_PAYMENT_GATEWAY", "souk")
THEME_GRAPHQL_TIMEOUT = env_int("THEME_GRAPHQL_TIMEOUT", 10)
THEME_CACHE_SECONDS = env_int("THEME_CACHE_SECONDS", 30)

INSTALLED_APPS = ["django.contrib.staticfiles", "theme"]

MIDDLEWARE = [
    # Outermost, so that the CSS whitenoise serves from the app folder is compressed too.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "theme.urls"
WSGI_APPLICATION = "theme.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES: dict[str, dict[str, str]] = {}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "souk_theme_session"
SESSION_COOKIE_SECURE = env_bool("THEME_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_NAME = "souk_theme_csrftoken"

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "souk:theme",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "souk-theme",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}

USE_I18N = False  # the theme's own catalogue (theme/texts.py) and Babel format its words
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
# whitenoise serves the theme's one stylesheet straight from the app folder (no collectstatic
# step), gzip-compressed by GZipMiddleware, cached by browsers for an hour.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
