"""Who signs in to the portal in the page tests: the fixture directory's artisans
(tests/app/artisans/conftest.py names them) with accounts, and Souk's staff."""

from django.test import Client

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan

PASSWORD = "argile-de-safi-1950"
STAFF = "staff"


def account_for(slug: str, language: str = "fr") -> User:
    """The account of the artisan `slug` (made with PASSWORD), or Souk's staff for STAFF."""
    if slug == STAFF:
        return User.objects.create_user(
            "equipe@souk.example", PASSWORD, is_staff=True, language=language
        )
    user = User.objects.create_user(f"{slug}@souk.example", PASSWORD, language=language)
    Artisan.objects.filter(slug=slug).update(user=user)
    return user


def signed_in(slug: str, language: str = "fr") -> Client:
    """A browser signed in to the portal as `slug`."""
    client = Client()
    user = account_for(slug, language)
    response = client.post("/portal/sign-in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client
