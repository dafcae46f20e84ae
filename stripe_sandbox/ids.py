"""Stripe-style identifiers and timestamps."""

import secrets
import string
import time

_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str, length: int = 24) -> str:
    """`acct_`, `tr_`, `pi_`...: a prefix and random base-62 characters, as Stripe's ids."""
    return f"{prefix}_" + "".join(secrets.choice(_ALPHABET) for _ in range(length))


def now() -> int:
    return int(time.time())
