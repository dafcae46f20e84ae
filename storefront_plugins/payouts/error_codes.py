from enum import StrEnum


class PayoutErrorCode(StrEnum):
    """What the payouts services raise in `ValidationError(code=...)` and the mutations
    built on them answer in their payload errors."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    INVALID_RIB = "INVALID_RIB"
    INVALID_STATE = "INVALID_STATE"
    NOT_A_MEMBER = "NOT_A_MEMBER"
    NOT_FOUND = "NOT_FOUND"
    NOTHING_TO_PAY = "NOTHING_TO_PAY"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    PROOF_INVALID_TYPE = "PROOF_INVALID_TYPE"
    PROOF_TOO_LARGE = "PROOF_TOO_LARGE"
    RAIL_NOT_AVAILABLE = "RAIL_NOT_AVAILABLE"
    RATES_EXCEED_TOTAL = "RATES_EXCEED_TOTAL"
    REQUIRED = "REQUIRED"
    RUN_ALREADY_OPEN = "RUN_ALREADY_OPEN"
    SAME_APPROVER = "SAME_APPROVER"
    UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"
