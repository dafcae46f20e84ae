"""Who signs in to the portal in the page tests: the fixture directory's artisans
(tests/app/artisans/conftest.py names them) with accounts, and Souk's staff; signed in
through the sign-in page, as a browser does."""

from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.test import Client

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan
from tests.app.artisans.conftest import ACTOR_ARTISANS

PASSWORD = "argile-de-safi-1950"
STAFF = "staff"
# The permission matrix's actors: anonymous, the directory's artisans, Souk's staff.
ACTORS = ["anonymous", *ACTOR_ARTISANS, STAFF]


def account_for(slug: str, language: str = "fr") -> User:
    """The account of the artisan `slug` (made with PASSWORD), or Souk's staff for STAFF."""
    if slug == STAFF:
        return User.objects.create_user(
            "equipe@souk.example", PASSWORD, is_staff=True, language=language
        )
    user = User.objects.create_user(f"{slug}@souk.example", PASSWORD, language=language)
    Artisan.objects.filter(slug=slug).update(user=user)
    return user


def sign_in_as(user: User) -> Client:
    client = Client()
    response = client.post("/portal/sign-in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def signed_in(slug: str, language: str = "fr") -> Client:
    """A browser signed in to the portal as `slug`."""
    return sign_in_as(account_for(slug, language))


@pytest.fixture
def portal_as(directory: None) -> Callable[[str], Client]:
    """`portal_as("manager")`: a client signed in as that actor of the permission matrix
    ("anonymous": not signed in); every actor has an account."""
    caches["rate_limits"].clear()
    users = {actor: account_for(slug) for actor, slug in ACTOR_ARTISANS.items()}
    users[STAFF] = account_for(STAFF)
    clients: dict[str, Client] = {}

    def client_for(actor: str) -> Client:
        if actor not in clients:
            clients[actor] = Client() if actor == "anonymous" else sign_in_as(users[actor])
        return clients[actor]

    return client_for
