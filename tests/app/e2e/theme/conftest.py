"""The theme as shoppers meet it: its own server process, reading the seeded Saleor sandbox
and the App (the live test server) over GraphQL, with the fixture cooperatives' directory,
storefronts and provenance loaded into the App."""

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from storefront_plugins.artisans.loading import load_directory_file
from tests.app.artisans.conftest import DIRECTORY
from tests.app.e2e.sandbox_server import SandboxServer
from tests.app.e2e.theme.theme_server import ThemeServer, start_theme
from tests.stripe_sandbox.server import StripeSandbox


@pytest.fixture(scope="session")
def theme(
    seeded_sandbox: SandboxServer, live_server: Any, tmp_path_factory: Any
) -> Iterator[ThemeServer]:
    server = start_theme(
        seeded_sandbox.api_url,
        f"{live_server.url}/graphql/",
        tmp_path_factory.mktemp("theme") / "theme.log",
    )
    yield server
    server.stop()


@pytest.fixture
def shop_data(
    seeded_sandbox: SandboxServer, app_installed_in_sandbox: Any, stripe_api: StripeSandbox
) -> SandboxServer:
    """The App installed in the sandbox (its payment gateway too, on the Stripe stand-in) with
    the fixture cooperatives: directory, storefronts (their images' URLs on the live server),
    provenance of the sandbox's products with certificates."""
    load_directory_file(DIRECTORY)
    call_command("load_storefronts", stdout=StringIO())
    call_command("load_provenance", "--saleor-api-url", seeded_sandbox.api_url, stdout=StringIO())
    return seeded_sandbox
