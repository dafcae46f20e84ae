"""The Stripe settings read from the environment, in a fresh interpreter."""

import json

from tests.app.settings_tests.test_configuration import run_settings

PRINT_STRIPE_SETTINGS = """
import json
from django.conf import settings
from storefront_plugins.stripe_gateway.client import stripe_api_base
print(json.dumps({
    "api_base": stripe_api_base(),
    "secrets": settings.STRIPE_WEBHOOK_SECRETS,
    "timeout": settings.STRIPE_REQUEST_TIMEOUT,
    "retries": settings.STRIPE_REQUEST_RETRIES,
}))
"""


def printed(env: dict[str, str]) -> dict[str, object]:
    # Settings are only read: no connection is made to this database.
    base = {"SECRET_KEY": "k", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
    result = run_settings({**base, **env}, PRINT_STRIPE_SETTINGS)
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_unset_stripe_settings_mean_stripes_own_api_and_no_environment_secret():
    assert printed({}) == {
        "api_base": "https://api.stripe.com",
        "secrets": [],
        "timeout": 20.0,
        "retries": 2,
    }


def test_the_stand_in_and_production_secrets_come_from_the_environment():
    assert printed(
        {
            "STRIPE_API_BASE": "http://127.0.0.1:8002/",
            "STRIPE_WEBHOOK_SECRET": "whsec_a",
            "STRIPE_WEBHOOK_SECRETS": "whsec_b, whsec_c",
            "STRIPE_REQUEST_TIMEOUT": "7.5",
            "STRIPE_REQUEST_RETRIES": "0",
        }
    ) == {
        "api_base": "http://127.0.0.1:8002",
        "secrets": ["whsec_a", "whsec_b", "whsec_c"],
        "timeout": 7.5,
        "retries": 0,
    }
