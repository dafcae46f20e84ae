"""Fetching a Saleor's JSON Web Key Set (I/O)."""

from typing import Any

import requests
from django.conf import settings

from storefront_plugins.saleor_app.allowlist import jwks_url
from storefront_plugins.saleor_app.exceptions import SaleorHTTPError, SaleorTransportError


def fetch_jwks(api_url: str, session: requests.Session | None = None) -> dict[str, Any]:
    url = jwks_url(api_url)
    try:
        response = (session or requests).get(url, timeout=settings.SALEOR_REQUEST_TIMEOUT)
    except (requests.ConnectionError, requests.Timeout) as error:
        raise SaleorTransportError(f"Could not fetch {url}: {type(error).__name__}.") from error
    if response.status_code >= 500:
        raise SaleorTransportError(f"{url} answered {response.status_code}.")
    if response.status_code != 200:
        raise SaleorHTTPError(
            f"{url} answered {response.status_code}.", status=response.status_code
        )
    try:
        jwks = response.json()
    except ValueError as error:
        raise SaleorHTTPError(f"{url} did not answer JSON.", status=response.status_code) from error
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not keys:
        raise SaleorHTTPError(f"{url} holds no keys.", status=response.status_code)
    return jwks
