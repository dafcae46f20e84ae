"""Outgoing HTTP as Saleor makes it: its User-Agent, its timeouts, redirects never followed."""

from typing import Any

import requests
from django.conf import settings


def user_agent() -> str:
    return f"Saleor/{settings.SCHEMA_VERSION}"


def send_request(method: str, url: str, **kwargs: Any) -> requests.Response:
    headers = {"User-Agent": user_agent(), **kwargs.pop("headers", {})}
    timeout = kwargs.pop("timeout", settings.WEBHOOK_TIMEOUT)
    return requests.request(
        method, url, headers=headers, allow_redirects=False, timeout=timeout, **kwargs
    )


def saleor_domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.PUBLIC_URL).netloc


def saleor_api_url() -> str:
    return f"{settings.PUBLIC_URL}/graphql/"
