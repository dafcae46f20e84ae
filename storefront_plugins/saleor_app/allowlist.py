"""Which Saleor API URLs may install the App: a pure decision.

An allow-list entry is a Saleor API URL such as `https://shop.example.com/graphql/`; its
host may start with `*.` to allow every sub-domain (`https://*.saleor.cloud/graphql/`).
Scheme, port and path must match exactly, so a wildcard never reaches beyond the host.
"""

from urllib.parse import urlsplit


def normalize_api_url(url: str) -> str:
    """`https://Shop.example.com/graphql` -> `https://shop.example.com/graphql/`."""
    parts = urlsplit(url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def _host_matches(pattern: str, host: str) -> bool:
    if pattern.startswith("*."):
        suffix = pattern[1:]
        return host.endswith(suffix) and len(host) > len(suffix)
    return pattern == host


def is_allowed_saleor_url(url: str, allowlist: list[str]) -> bool:
    try:
        raw = urlsplit(url.strip())
        candidate = urlsplit(normalize_api_url(url))
        candidate_port = candidate.port
    except ValueError:
        return False
    if candidate.scheme not in {"http", "https"} or not candidate.hostname:
        return False
    if raw.query or raw.fragment or raw.username or raw.password:
        return False
    for entry in allowlist:
        allowed = urlsplit(normalize_api_url(entry))
        if (
            allowed.scheme == candidate.scheme
            and allowed.path == candidate.path
            and allowed.port == candidate_port
            and _host_matches((allowed.hostname or "").lower(), candidate.hostname)
        ):
            return True
    return False


def jwks_url(api_url: str) -> str:
    """Saleor serves its signing keys at the root of the API's host."""
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/.well-known/jwks.json"
