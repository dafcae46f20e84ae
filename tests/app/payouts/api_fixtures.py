"""Ledger fixtures for the payouts API: a tajine by Mohamed Serghini sold in
cooperative-safi's channel, a zellige panel by Youssef Bennani in fes-zellige's; the actors
of the directory's permission matrix (`tokens`) and a platform staff member."""

from typing import Any

import pytest
from django.db import transaction
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.payouts import services
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.provenance.models import Contribution, ProductProvenance
from tests.app.graphql_client import access_token_for
from tests.app.payouts.conftest import API_URL, line, order_payload

SERGHINI_TAJINE = "UHJvZHVjdDoxMQ=="
BENNANI_PANEL = "UHJvZHVjdDoxMg=="
SAFI_ORDER = "T3JkZXI6c2FmaQ=="
FES_ORDER = "T3JkZXI6ZmVz"


def made_by(product_id: str, cooperative_slug: str, artisan_slug: str) -> None:
    with transaction.atomic():
        provenance = ProductProvenance.objects.create(
            saleor_product_id=product_id,
            cooperative=Cooperative.objects.get(slug=cooperative_slug),
        )
        Contribution.objects.create(
            provenance=provenance,
            artisan=Artisan.objects.get(slug=artisan_slug),
            share=10000,
            role="made",
        )


def sell(order_id: str, product_id: str, channel: str, gross: str = "120.00") -> None:
    payload = order_payload(
        [line(f"{order_id}-l1", product_id, gross, "20.00")],
        order_id=order_id,
        channel=channel,
    )
    services.post_order_split(API_URL, parse_order(payload))


@pytest.fixture
def sold(tokens: dict[str, str | None]) -> None:
    made_by(SERGHINI_TAJINE, "cooperative-safi", "mohamed-serghini")
    made_by(BENNANI_PANEL, "fes-zellige", "youssef-bennani")
    sell(SAFI_ORDER, SERGHINI_TAJINE, "cooperative-safi")
    sell(FES_ORDER, BENNANI_PANEL, "fes-zellige")


@pytest.fixture
def staff_token(db: None) -> str:
    user = User.objects.create_user("staff@souk.example", "motdepasse-1", is_staff=True)
    return access_token_for(user)


@pytest.fixture
def all_tokens(tokens: dict[str, str | None], staff_token: str) -> dict[str, str | None]:
    return {**tokens, "staff": staff_token}


def ids() -> dict[str, Any]:
    return {
        "serghini": to_global_id("Artisan", Artisan.objects.get(slug="mohamed-serghini").pk),
        "bennani": to_global_id("Artisan", Artisan.objects.get(slug="youssef-bennani").pk),
        "safi": to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk),
        "fes": to_global_id("Cooperative", Cooperative.objects.get(slug="fes-zellige").pk),
    }
