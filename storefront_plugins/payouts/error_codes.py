from enum import StrEnum


class PayoutErrorCode(StrEnum):
    """What the payouts services raise in `ValidationError(code=...)` and the mutations
    built on them answer in their payload errors."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    RATES_EXCEED_TOTAL = "RATES_EXCEED_TOTAL"
