from pathlib import Path

import pytest
from django.test import Client

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan
from tests.app.graphql_client import access_token_for

DIRECTORY = Path(__file__).resolve().parents[3] / "fixtures" / "souk" / "directory.json"

# Who is who in fixtures/souk/directory.json.
ACTOR_ARTISANS = {
    "artisan_self": "mohamed-serghini",  # artisan in cooperative-safi
    "other_artisan": "youssef-bennani",  # artisan in fes-zellige
    "manager": "abdelkader-benhima",  # manager of cooperative-safi
    "other_manager": "driss-lahlou",  # manager of fes-zellige
    "treasurer": "khadija-ouazzani",  # treasurer of cooperative-safi
}


@pytest.fixture
def directory(db: None) -> None:
    load_directory_file(DIRECTORY)


@pytest.fixture
def tokens(directory: None) -> dict[str, str | None]:
    """An access token per actor of the permission matrix; None for the anonymous visitor;
    `staff` is platform staff (is_staff), with no artisan profile."""
    result: dict[str, str | None] = {"anonymous": None}
    for actor, slug in ACTOR_ARTISANS.items():
        user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1")
        Artisan.objects.filter(slug=slug).update(user=user)
        result[actor] = access_token_for(user)
    # Souk's own staff: no artisan profile, no cooperative.
    staff = User.objects.create_user("equipe@souk.example", "motdepasse-1", is_staff=True)
    result["staff"] = access_token_for(staff)
    return result


@pytest.fixture
def api_client() -> Client:
    return Client()
