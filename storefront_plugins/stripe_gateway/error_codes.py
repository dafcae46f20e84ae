from enum import StrEnum


class StripeErrorCode(StrEnum):
    """What the Stripe gateway's services raise in `ValidationError(code=...)` or
    `StripeUnavailable`, for the mutations built on them to answer."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    STRIPE_NOT_AVAILABLE_IN_COUNTRY = "STRIPE_NOT_AVAILABLE_IN_COUNTRY"
    STRIPE_ACCOUNT_REQUIRED = "STRIPE_ACCOUNT_REQUIRED"
    STRIPE_REFUSED = "STRIPE_REFUSED"
    STRIPE_UNAVAILABLE = "STRIPE_UNAVAILABLE"
    STRIPE_NOT_CONFIGURED = "STRIPE_NOT_CONFIGURED"


class StripeWebhookErrorCode(StrEnum):
    """Why `POST /api/stripe/webhooks` refused a delivery (the JSON answer's `code`)."""

    MISSING_SIGNATURE = "MISSING_SIGNATURE"
    INVALID_SIGNATURE = "INVALID_SIGNATURE"
    NO_SIGNING_SECRET = "NO_SIGNING_SECRET"  # noqa: S105 - a code, not a secret
    MALFORMED_BODY = "MALFORMED_BODY"
