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
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.execute(f'CREATE DATABASE "{database}"')
    server = start_sandbox(
        server_database_url(database), tmp_path_factory.mktemp("sandbox") / "sandbox.log"
    )
    yield server
    server.stop()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
