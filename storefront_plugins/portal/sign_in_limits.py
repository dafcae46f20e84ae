"""Rate limits on signing in and on asking for a password reset.

Failed attempts are counted per account and per client address in fixed windows in the
cache (Redis in production, shared by every worker): a guessing attack on one account is
slowed whatever address it comes from, and one address cannot try many accounts. A
successful sign-in clears the account's count."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address behind `trusted_proxies` reverse proxies (pure): each proxy
    appends the address it was called from to X-Forwarded-For, so the client is the entry
    that many places from its end; what the client itself wrote there before is not
    trusted. Without proxies, or with fewer entries than proxies, the connection's address."""
    if trusted_proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    return hops[-trusted_proxies] if len(hops) >= trusted_proxies else remote_addr


def retry_after(counts: dict[str, int], limits: dict[str, Limit]) -> int | None:
    """Seconds to wait before trying again when any count has reached its limit (pure)."""
    waits = [
        limits[scope].window_seconds
        for scope, count in counts.items()
        if count >= limits[scope].attempts
    ]
    return max(waits) if waits else None


def _counters() -> BaseCache:
    return caches["rate_limits"]


def _limits() -> dict[str, Limit]:
    window = settings.SOUK_SIGN_IN_WINDOW_SECONDS
    return {
        "account": Limit(settings.SOUK_SIGN_IN_ATTEMPTS_PER_ACCOUNT, window),
        "address": Limit(settings.SOUK_SIGN_IN_ATTEMPTS_PER_ADDRESS, window),
    }


def _keys(action: str, email: str, address: str) -> dict[str, str]:
    return {
        "account": f"portal:{action}:account:{email.strip().lower()}",
        "address": f"portal:{action}:address:{address}",
    }


def wait_before_attempt(action: str, email: str, address: str) -> int | None:
    keys = _keys(action, email, address)
    stored = _counters().get_many(list(keys.values()))
    counts = {scope: int(stored.get(key, 0)) for scope, key in keys.items()}
    return retry_after(counts, _limits())


def record_failure(action: str, email: str, address: str) -> None:
    window = settings.SOUK_SIGN_IN_WINDOW_SECONDS
    for key in _keys(action, email, address).values():
        if not _counters().add(key, 1, timeout=window):
            try:
                _counters().incr(key)
            except ValueError:  # expired between add and incr
                _counters().add(key, 1, timeout=window)


def clear_account(action: str, email: str) -> None:
    _counters().delete(_keys(action, email, "")["account"])
