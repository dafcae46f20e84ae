from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import connection

from tests.app.databases import server_database_url
from tests.app.e2e.sandbox_server import SandboxServer, start_sandbox


@pytest.fixture(scope="session")
def sandbox(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[SandboxServer]:
    """A Saleor sandbox server with a fresh database of its own, for this test run."""
    with django_db_blocker.unblock():
        database = f"{connection.settings_dict['NAME']}_sandbox"
        admin_url = server_database_url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    server = start_sandbox(
        server_database_url(database), tmp_path_factory.mktemp("sandbox") / "sandbox.log"
    )
    yield server
    server.stop()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def seeded_sandbox(sandbox: SandboxServer) -> SandboxServer:
    sandbox.manage("sandbox_seed")
    return sandbox


@pytest.fixture
def staff_token(seeded_sandbox: SandboxServer) -> str:
    body = seeded_sandbox.graphql(
        'mutation { tokenCreate(email: "admin@souk.example", password: "admin") { token } }'
    )
    token: str = body["data"]["tokenCreate"]["token"]
    return token


@pytest.fixture
def app_installed_in_sandbox(seeded_sandbox: SandboxServer, live_server: Any, settings: Any) -> Any:
    """The App, served by the test server, installed into the sandbox as Saleor installs it."""
    from storefront_plugins.saleor_app.models import Installation

    settings.PUBLIC_URL = live_server.url
    settings.SALEOR_API_URL_ALLOWLIST = [seeded_sandbox.api_url]
    seeded_sandbox.manage(
        "sandbox_install_app", f"{live_server.url}/api/manifest", "--activate", "--replace"
    )
    return Installation.objects.get(saleor_api_url=seeded_sandbox.api_url)


PRODUCT_IDS = "query { products(first: 100) { edges { node { id } } } }"
PRODUCT_DELETE = "mutation($id: ID!) { productDelete(id: $id) { errors { field message } } }"


def _staff_token(sandbox: SandboxServer) -> str:
    body = sandbox.graphql(
        'mutation { tokenCreate(email: "admin@souk.example", password: "admin") { token } }'
    )
    token: str = body["data"]["tokenCreate"]["token"]
    return token


def _product_ids(sandbox: SandboxServer, token: str) -> set[str]:
    body = sandbox.graphql(PRODUCT_IDS, token=token)
    return {edge["node"]["id"] for edge in body["data"]["products"]["edges"]}


@pytest.fixture
def catalogue_restored(seeded_sandbox: SandboxServer) -> Iterator[None]:
    """The products a test adds to the session's sandbox (the portal's listings written into
    Saleor) are deleted after it: later tests meet the seeded catalogue."""
    before = _product_ids(seeded_sandbox, _staff_token(seeded_sandbox))
    yield
    token = _staff_token(seeded_sandbox)
    for product_id in _product_ids(seeded_sandbox, token) - before:
        body = seeded_sandbox.graphql(PRODUCT_DELETE, {"id": product_id}, token=token)
        assert not body["data"]["productDelete"]["errors"], body
