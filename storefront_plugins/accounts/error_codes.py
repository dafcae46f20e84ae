from enum import StrEnum


class AccountErrorCode(StrEnum):
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"  # noqa: S105 (an error code)
    REQUIRED = "REQUIRED"
    INVALID_PASSWORD = "INVALID_PASSWORD"  # noqa: S105 (an error code)
