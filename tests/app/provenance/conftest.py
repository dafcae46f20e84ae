import copy
from datetime import date
from typing import Any

import pytest

from tests.app.artisans.conftest import api_client, directory, tokens

__all__ = ["api_client", "directory", "tokens"]

# A tajine thrown by a potter of Safi, clay from a collector of the Safi hills.
TAJINE_CLAIM: dict[str, Any] = {
    "productId": "UHJvZHVjdDo0Mg==",
    "variantId": "UHJvZHVjdFZhcmlhbnQ6MTA3",
    "gtin": "6111234567895",
    "artisans": [
        {
            "slug": "fatima-zahra-el-amrani",
            "name": {
                "fr": "Fatima Zahra El Amrani",
                "ar": "فاطمة الزهراء العمراني",
                "en": "Fatima Zahra El Amrani",
            },
            "role": "potter",
            "share": "0.80",
        },
        {"slug": "youssef-benali", "name": "Youssef Benali", "role": "glazer", "share": "0.20"},
    ],
    "cooperative": {
        "slug": "cooperative-safi",
        "name": {
            "fr": "Coopérative des potiers de Safi",
            "ar": "تعاونية خزافي آسفي",
            "en": "Safi Potters' Cooperative",
        },
        "ice": "001234567000089",
        "city": "Safi",
        "region": "Marrakech-Safi",
    },
    "workshop": {
        "name": "Atelier Colline des Potiers",
        "city": "Safi",
        "region": "Marrakech-Safi",
        "country": "MA",
    },
    "technique": {
        "fr": "Tournage à la main, cuisson au four à bois, émail sans plomb",
        "ar": "تشكيل يدوي على الدولاب وطهي في فرن الحطب",
        "en": "Wheel-thrown by hand, wood-fired kiln, lead-free glaze",
    },
    "materials": [
        {
            "name": {"fr": "Argile rouge de Safi", "ar": "طين آسفي الأحمر", "en": "Safi red clay"},
            "lot": "ARG-2025-014",
            "quantity": {"value": "3.5", "unit": "kg"},
            "collector": {"name": "Hassan Ouaziz", "region": "Marrakech-Safi"},
        },
        {
            "name": "Émail sans plomb",
            "lot": "EM-7781",
            "collector": {"name": "Céramiques du Sud", "region": "Casablanca-Settat"},
        },
    ],
    "madeOn": "2025-03-14",
    "timeToMake": {"fr": "6 jours", "ar": "6 أيام", "en": "6 days"},
    "qualityCheck": {
        "by": "Coopérative des potiers de Safi",
        "on": "2025-03-20",
        "result": "conforme",
    },
    "certifications": [
        {
            "name": "Morocco Handmade",
            "level": "Gold",
            "issuer": "Maison de l'Artisan",
            "number": "MH-2024-00321",
            "validUntil": "2027-12-31",
        }
    ],
    "euSafety": {
        "manufacturer": {
            "name": "Coopérative des potiers de Safi",
            "address": "Colline des Potiers, 46000 Safi, Maroc",
            "email": "contact@cooperative-safi.ma",
        },
        "responsiblePerson": {
            "name": "Souk Europe SARL",
            "address": "12 rue des Artisans, 13001 Marseille, France",
            "email": "eu-safety@souk.example",
        },
    },
}


@pytest.fixture
def tajine_claim() -> dict[str, Any]:
    return copy.deepcopy(TAJINE_CLAIM)


@pytest.fixture
def public_url(settings: Any) -> str:
    settings.PUBLIC_URL = "https://souk.example"
    return settings.PUBLIC_URL


# Provenance data: directory actors (see tests/app/artisans/conftest.py) and a piece.


@pytest.fixture
def vase(directory: None) -> Any:
    """Mohamed Serghini's lustre vase for cooperative-safi, unpublished, clay from El Haddad."""
    from storefront_plugins.artisans.models import Artisan, Collector, Cooperative
    from storefront_plugins.provenance.models import Contribution, MaterialUse, ProductProvenance

    provenance = ProductProvenance.objects.create(
        saleor_product_id="UHJvZHVjdDo1",
        cooperative=Cooperative.objects.get(slug="cooperative-safi"),
        workshop="Atelier Serghini",
        technique={"fr": "Émail à reflets", "ar": "مينا بريق معدني", "en": "Lustre glaze"},
        time_to_make_hours=18,
        made_on=date(2025, 3, 1),
    )
    Contribution.objects.create(
        provenance=provenance,
        artisan=Artisan.objects.get(slug="mohamed-serghini"),
        share=10_000,
        role="made",
    )
    MaterialUse.objects.create(
        provenance=provenance,
        material="safi_red_clay",
        lot_code="ARG-2025-014",
        quantity="3 kg",
        collector=Collector.objects.get(slug="argile-safi-el-haddad"),
        origin_region="Safi",
    )
    return provenance
