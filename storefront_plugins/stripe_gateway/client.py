"""The configured `stripe.StripeClient`: one place that reads the Stripe settings.

`STRIPE_API_BASE` unset means Stripe's real API; the demo and the tests point it at the
project's stand-in (it serves the api, connect and files hosts alike)."""

from functools import lru_cache

import stripe
from django.conf import settings

from storefront_plugins.stripe_gateway.error_codes import StripeErrorCode

STRIPE_API = "https://api.stripe.com"


class StripeUnavailable(Exception):
    """Stripe could not be reached, timed out, answered 5xx or 429, or is not configured:
    nothing is known to have changed there, so the same call may be tried again."""

    def __init__(self, message: str, code: StripeErrorCode = StripeErrorCode.STRIPE_UNAVAILABLE):
        super().__init__(message)
        self.code = code
        self.message = message


def stripe_api_base() -> str:
    """The Stripe API this App talks to (its webhook endpoints are registered there)."""
    return (settings.STRIPE_API_BASE or STRIPE_API).rstrip("/")


def stripe_client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeUnavailable(
            "STRIPE_SECRET_KEY is not set.", code=StripeErrorCode.STRIPE_NOT_CONFIGURED
        )
    return _client(
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_API_BASE.rstrip("/"),
        settings.STRIPE_REQUEST_TIMEOUT,
        settings.STRIPE_REQUEST_RETRIES,
    )


@lru_cache(maxsize=4)
def _client(key: str, api_base: str, timeout: float, retries: int) -> stripe.StripeClient:
    return stripe.StripeClient(
        key,
        base_addresses=(
            {"api": api_base, "connect": api_base, "files": api_base} if api_base else None
        ),
        http_client=stripe.RequestsClient(timeout=timeout),
        max_network_retries=retries,
    )


def is_transient(error: stripe.StripeError) -> bool:
    """Network errors, timeouts, 429 and 5xx: worth retrying with the same idempotency key."""
    if isinstance(error, stripe.APIConnectionError | stripe.RateLimitError):
        return True
    status = error.http_status
    # 409: another request with the same idempotency key is still running.
    return status is None or status == 409 or status >= 500
