"""Signed-in clients of the directory's actors for the money pages, over the payouts API's
ledger fixtures (`tokens` creates the actors' accounts, `sold` a sale in each cooperative)."""

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.artisans.conftest import ACTOR_ARTISANS

PASSWORD = "motdepasse-1"
EMAILS = {actor: f"{slug}@souk.example" for actor, slug in ACTOR_ARTISANS.items()}
EMAILS["staff"] = "equipe@souk.example"


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    caches["rate_limits"].clear()


def signed_in(actor: str) -> Client:
    """A browser signed in to the portal as the actor ("anonymous": not signed in)."""
    client = Client()
    if actor != "anonymous":
        response = client.post("/portal/sign-in", {"email": EMAILS[actor], "password": PASSWORD})
        assert response.status_code == 302, response.content
    return client


@pytest.fixture
def clients(tokens: dict[str, str | None]) -> dict[str, Client]:
    return {actor: signed_in(actor) for actor in tokens}


def artisan(slug: str) -> Party:
    return Party(PartyKind.ARTISAN, Artisan.objects.get(slug=slug).pk)


def cooperative(slug: str) -> Party:
    return Party(PartyKind.COOPERATIVE, Cooperative.objects.get(slug=slug).pk)


def page(response: Any) -> str:
    return str(response.content.decode())
