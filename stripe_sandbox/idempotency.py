"""Idempotency keys as Stripe keeps them: per API key and account, the first answer to a
POST is stored with a fingerprint of its parameters; the same key and parameters replay it
(`Idempotent-Replayed: true`), other parameters are refused (`idempotency_error`)."""

import hashlib
import json
from typing import Any

from stripe_sandbox.errors import StripeError
from stripe_sandbox.state import IdempotentResult, Store

IdempotencyScope = tuple[str, str]


def scope_of(api_key: str, account: str | None, key: str) -> IdempotencyScope:
    return (f"{api_key}|{account or ''}", key)


def fingerprint(method: str, path: str, values: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps([method, path, values], sort_keys=True).encode()).hexdigest()


def stored_answer(store: Store, scope: IdempotencyScope, digest: str) -> IdempotentResult | None:
    """The answer to replay for this key, if any; a key reused with other parameters raises."""
    stored = store.idempotency.get(scope)
    if stored is None:
        return None
    if stored.fingerprint != digest:
        raise StripeError(
            400,
            "Keys for idempotent requests can only be used with the same parameters they were "
            f"first used with. Try using a key other than '{scope[1]}' if you meant to execute "
            "a different request.",
            type="idempotency_error",
            replayable=False,
        )
    return stored


def store_answer(
    store: Store, scope: IdempotencyScope, digest: str, status: int, body: bytes
) -> None:
    store.idempotency[scope] = IdempotentResult(digest, status, body)
