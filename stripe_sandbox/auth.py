"""Who is calling: Stripe's secret test keys (Bearer or Basic) and the `Stripe-Account`
header of a platform acting for one of its connected accounts."""

import base64

from stripe_sandbox.errors import StripeError
from stripe_sandbox.state import Store


def api_key_of(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(credentials).decode().partition(":")[0]
        except ValueError:
            return None
    return None


def authenticate(authorization: str | None) -> str:
    """The request's API key, if it is a test secret (or restricted) key; else 401."""
    key = api_key_of(authorization)
    if key is None:
        raise StripeError(
            401,
            "You did not provide an API key. You need to provide your API key in the "
            "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). "
            "See https://stripe.com/docs/api#authentication for details, or we can help at "
            "https://support.stripe.com/.",
        )
    if not key.startswith(("sk_test_", "rk_test_")) or len(key) <= len("sk_test_"):
        shown = key[:8] + "*" * max(0, len(key) - 12) + key[-4:] if len(key) > 12 else key
        raise StripeError(401, f"Invalid API Key provided: {shown}", code="api_key_invalid")
    return key


def check_stripe_account(store: Store, api_key: str, account: str | None) -> None:
    """A `Stripe-Account` must name one of the platform's connected accounts; else 403."""
    found = store.find(account) if account else None
    if account and (found is None or found["object"] != "account"):
        raise StripeError(
            403,
            f"The provided key '{api_key[:8]}...' does not have access to account "
            f"'{account}' (or that account does not exist). "
            "Application access may have been revoked.",
            code="account_invalid",
            replayable=False,
        )
