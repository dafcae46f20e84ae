"""The stand-in's own tests: one server process per session, its state reset before each
test. They need no database (run with `-p no:django`)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import stripe

from tests.stripe_sandbox.server import StripeSandbox, start_stripe_sandbox


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StripeSandbox]:
    log_path: Path = tmp_path_factory.mktemp("stripe-sandbox") / "server.log"
    server = start_stripe_sandbox(log_path)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_state(sandbox: StripeSandbox) -> None:
    sandbox.reset()


@pytest.fixture
def client(sandbox: StripeSandbox) -> stripe.StripeClient:
    return sandbox.client()
