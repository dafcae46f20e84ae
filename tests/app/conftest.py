import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer

from storefront_plugins.saleor_app.models import Installation
from tests.app.celery_worker import start_celery_worker
from tests.app.databases import server_database_url
from tests.app.object_storage import MotoS3Server, start_moto_server
from tests.app.saleor_endpoints import FakeSaleor, SigningKey
from tests.stripe_sandbox.server import API_KEY as STRIPE_STAND_IN_KEY
from tests.stripe_sandbox.server import StripeSandbox, start_stripe_sandbox

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_saleor(httpserver: HTTPServer, settings: Any) -> FakeSaleor:
    """A Saleor's registration and JWKS endpoints on a local port, allowed to install."""
    saleor = FakeSaleor(server=httpserver, keys=[SigningKey.generate("key-1")]).install()
    settings.SALEOR_API_URL_ALLOWLIST = [saleor.api_url]
    return saleor


def register(client: Client, api_url: str, token: str = "app-token-1") -> Any:
    return client.post(
        "/api/register",
        data=json.dumps({"auth_token": token}),
        content_type="application/json",
        headers={"Saleor-Api-Url": api_url},
    )


@pytest.fixture
def installation(db: None, client: Client, fake_saleor: FakeSaleor) -> Installation:
    response = register(client, fake_saleor.api_url)
    assert response.status_code == 200, response.content
    return Installation.objects.get(saleor_api_url=fake_saleor.api_url)


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: Any,
    live_server: Any,
    stripe_stand_in: "StripeSandbox",
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` process on the test database, consuming a queue of its own,
    with the live server's URL as the App's public URL (the URLs it writes into Saleor) and
    the Stripe stand-in as its Stripe (`stripe_api` resets it for each test)."""
    with django_db_blocker.unblock():
        database_url = server_database_url()
    worker = start_celery_worker(
        database_url,
        tmp_path_factory.mktemp("celery") / "worker.log",
        PUBLIC_URL=live_server.url,
        STRIPE_API_BASE=stripe_stand_in.url,
        STRIPE_SECRET_KEY=STRIPE_STAND_IN_KEY,
        STRIPE_REQUEST_RETRIES="0",
    )
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.fixture(autouse=True)
def _empty_public_response_cache() -> None:
    from django.core.cache import caches

    caches["public_responses"].clear()


@pytest.fixture(scope="session")
def stripe_stand_in(tmp_path_factory: Any) -> Iterator[StripeSandbox]:
    """The project's Stripe stand-in as a server process, one per session (`stripe_api` resets
    it and points the App at it)."""
    sandbox = start_stripe_sandbox(tmp_path_factory.mktemp("stripe") / "stand-in.log")
    yield sandbox
    sandbox.stop()


@pytest.fixture
def stripe_api(stripe_stand_in: StripeSandbox, settings: Any) -> StripeSandbox:
    """The Stripe stand-in emptied, with the App's Stripe settings pointed at it (no webhook
    secret from the environment, no client retries: a test injects the faults it wants)."""
    stripe_stand_in.reset()
    settings.STRIPE_API_BASE = stripe_stand_in.url
    settings.STRIPE_SECRET_KEY = STRIPE_STAND_IN_KEY
    settings.STRIPE_WEBHOOK_SECRETS = []
    settings.STRIPE_REQUEST_RETRIES = 0
    settings.STRIPE_REQUEST_TIMEOUT = 5.0
    return stripe_stand_in


@pytest.fixture(scope="session")
def moto_s3(tmp_path_factory: Any) -> Iterator[MotoS3Server]:
    """moto's S3 server, a separate process on a free port, for the whole run."""
    server = start_moto_server(
        Path(sys.executable).parent / "moto_server",
        tmp_path_factory.mktemp("moto") / "moto_server.log",
    )
    yield server
    server.stop()


@pytest.fixture
def s3_storage(moto_s3: MotoS3Server, settings: Any) -> Any:
    """Django's default storage is S3 on a fresh bucket of moto's server, for one test.
    Returns the storage; `s3_storage.bucket_name` names the bucket."""
    from django.core.files.storage import default_storage

    bucket = moto_s3.create_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": moto_s3.storage_settings(bucket)}
    return default_storage
