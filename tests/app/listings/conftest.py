import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership, Role
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.listings import services
from storefront_plugins.listings.models import Listing, ListingPhoto


@dataclass
class World:
    safi: Cooperative
    fes: Cooperative
    potter: Viewer  # artisan of Safi
    other_artisan: Viewer  # artisan of Fès
    manager: Viewer  # manager of Safi
    other_manager: Viewer  # manager of Fès
    staff: Viewer
    nobody: Viewer  # signed in, no artisan profile


def _member(slug: str, cooperative: Cooperative, role: str) -> Viewer:
    user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1", first_name=slug)
    artisan = Artisan.objects.create(name=slug, slug=slug, region="MA-07", city="Safi", user=user)
    Membership.objects.create(artisan=artisan, cooperative=cooperative, role=role)
    return viewer_for(user)


@pytest.fixture
def world(db: None) -> World:
    safi = Cooperative.objects.create(
        name="Potiers de Safi",
        slug="cooperative-safi",
        region="MA-07",
        city="Safi",
        ice="001234567000089",
        saleor_channel_slug="cooperative-safi",
    )
    fes = Cooperative.objects.create(
        name="Zellige de Fès",
        slug="fes-zellige",
        region="MA-03",
        city="Fès",
        ice="001234567000090",
        saleor_channel_slug="fes-zellige",
    )
    staff = User.objects.create_user("equipe@souk.example", "motdepasse-1", is_staff=True)
    nobody = User.objects.create_user("visiteur@souk.example", "motdepasse-1")
    return World(
        safi=safi,
        fes=fes,
        potter=_member("fatima-potiere", safi, Role.ARTISAN),
        other_artisan=_member("youssef-zelligeur", fes, Role.ARTISAN),
        manager=_member("abdelkader-gerant", safi, Role.MANAGER),
        other_manager=_member("driss-gerant", fes, Role.MANAGER),
        staff=viewer_for(staff),
        nobody=viewer_for(nobody),
    )


TAJINE = {
    "title": {"fr": "Tajine de Safi", "ar": "طاجين آسفي", "en": "Safi tajine"},
    "description": {"fr": "Tourné à la main.", "en": "Wheel-thrown by hand."},
    "saleor_category_id": "Q2F0ZWdvcnk6MQ==",
    "craft": "pottery",
    "materials": ["clay"],
    "length_cm": Decimal("30.0"),
    "weight_g": 2500,
    "price": Decimal("450.00"),
    "stock": 3,
}


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (180, 90, 40)).save(output, format="JPEG")
    return output.getvalue()


def add_photo(listing: Listing) -> ListingPhoto:
    """A processed photo as confirm_photo_upload records it (no status change)."""
    photo = ListingPhoto(listing=listing, width=40, height=30, position=1)
    photo.image.save("tajine.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return photo


@pytest.fixture
def draft(world: World) -> Listing:
    return services.create_listing(world.potter, world.safi.pk, TAJINE)


@pytest.fixture
def ready(draft: Listing) -> Listing:
    add_photo(draft)
    return draft
