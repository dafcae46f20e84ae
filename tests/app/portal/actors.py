"""Portal clients signed in as the permission matrix's actors (fixtures/souk/directory.json,
see tests/app/artisans/conftest.py), through the sign-in page as a browser does."""

from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.test import Client

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan
from tests.app.artisans.conftest import ACTOR_ARTISANS

PASSWORD = "motdepasse-portail-1"
ACTORS = ["anonymous", *ACTOR_ARTISANS, "staff"]


def signed_in(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post("/portal/sign-in", {"email": email, "password": password})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def portal_as(directory: None) -> Callable[[str], Client]:
    """`portal_as("manager")`: a client signed in as that actor ("anonymous": not signed in)."""
    caches["rate_limits"].clear()
    emails = {}
    for actor, slug in ACTOR_ARTISANS.items():
        user = User.objects.create_user(f"{slug}@souk.example", PASSWORD)
        Artisan.objects.filter(slug=slug).update(user=user)
        emails[actor] = user.email
    emails["staff"] = User.objects.create_user("equipe@souk.example", PASSWORD, is_staff=True).email
    clients: dict[str, Client] = {}

    def client_for(actor: str) -> Client:
        if actor not in clients:
            clients[actor] = Client() if actor == "anonymous" else signed_in(emails[actor])
        return clients[actor]

    return client_for
