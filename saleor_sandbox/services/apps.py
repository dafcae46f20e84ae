"""Installing apps from a manifest URL, as Saleor does (implemented in the next step)."""

from typing import Any

from saleor_sandbox.models import AppInstallation


def start_app_installation(
    *, requestor: Any, app_name: str, manifest_url: str, permissions: list[str], activate: bool
) -> AppInstallation:
    raise NotImplementedError
