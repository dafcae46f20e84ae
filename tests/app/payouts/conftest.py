from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance.models import Contribution, ProductProvenance
from tests.app.artisans.conftest import DIRECTORY

API_URL = "https://saleor.example/graphql/"
ORDER_ID = "T3JkZXI6MQ=="
TAJINE = "UHJvZHVjdDox"  # Product:1, made by two potters of Safi (70 % / 30 %)
PLATE = "UHJvZHVjdDoy"  # Product:2, no provenance


def minor(amount: str) -> dict[str, Any]:
    return {"amount": Decimal(amount)}


def taxed(gross: str, tax: str, currency: str = "MAD") -> dict[str, Any]:
    return {
        "currency": currency,
        "gross": minor(gross),
        "net": minor(str(Decimal(gross) - Decimal(tax))),
        "tax": minor(tax),
    }


def line(
    line_id: str,
    product_id: str,
    gross: str,
    tax: str,
    quantity: int = 1,
    category: str = "ceramique",
    currency: str = "MAD",
) -> dict[str, Any]:
    return {
        "id": line_id,
        "quantity": quantity,
        "productVariantId": f"{product_id}-v",
        "totalPrice": taxed(gross, tax, currency),
        "variant": {
            "id": f"{product_id}-v",
            "product": {"id": product_id, "category": {"id": "Q2F0OjE=", "slug": category}},
        },
    }


def order_payload(
    lines: list[dict[str, Any]],
    shipping: tuple[str, str] = ("30.00", "5.00"),
    *,
    total: str | None = None,
    refunded: str = "0",
    granted: list[dict[str, Any]] | None = None,
    updated_at: str = "2026-11-20T10:00:00+00:00",
    channel: str = "cooperative-safi",
    currency: str = "MAD",
    fulfillments: list[dict[str, Any]] | None = None,
    order_id: str = ORDER_ID,
    issued_at: str = "2026-11-20T10:00:00+00:00",
) -> dict[str, Any]:
    computed = sum(Decimal(str(x["totalPrice"]["gross"]["amount"])) for x in lines) + Decimal(
        shipping[0]
    )
    total_amount = Decimal(total) if total is not None else computed
    return {
        "issuedAt": issued_at,
        "version": "3.23.28",
        "order": {
            "id": order_id,
            "number": "1001",
            "status": "UNFULFILLED",
            "updatedAt": updated_at,
            "channel": {"id": "Q2hhbm5lbDox", "slug": channel, "currencyCode": currency},
            "total": taxed(str(total_amount), "0", currency),
            "shippingPrice": taxed(shipping[0], shipping[1], currency),
            "totalCharged": {"amount": total_amount - Decimal(refunded), "currency": currency},
            "totalRefunded": {"amount": Decimal(refunded), "currency": currency},
            "lines": lines,
            "fulfillments": fulfillments or [],
            "transactions": [],
            "grantedRefunds": granted or [],
        },
    }


def granted(
    granted_id: str,
    amount: str,
    lines: list[tuple[str, int]] = (),  # type: ignore[assignment]
    shipping: bool = False,
    status: str = "SUCCESS",
    created: str = "2026-11-21T10:00:00+00:00",
) -> dict[str, Any]:
    return {
        "id": granted_id,
        "createdAt": created,
        "status": status,
        "shippingCostsIncluded": shipping,
        "amount": {"amount": Decimal(amount), "currency": "MAD"},
        "lines": [
            {"id": f"{granted_id}-{i}", "quantity": q, "orderLine": {"id": line_id}}
            for i, (line_id, q) in enumerate(lines)
        ],
    }


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def safi(db: None) -> Cooperative:
    """Cooperative-safi (12 % commission, channel cooperative-safi) and a tajine made by two
    of its potters, 70 % and 30 %."""
    load_directory_file(DIRECTORY)
    cooperative = Cooperative.objects.get(slug="cooperative-safi")
    potters = list(Artisan.objects.filter(memberships__cooperative=cooperative).order_by("pk")[:2])
    with transaction.atomic():  # the shares' sum is checked at commit
        provenance = ProductProvenance.objects.create(
            saleor_product_id=TAJINE, cooperative=cooperative
        )
        Contribution.objects.create(
            provenance=provenance, artisan=potters[0], share=7000, role="thrown"
        )
        Contribution.objects.create(
            provenance=provenance, artisan=potters[1], share=3000, role="glazed"
        )
    return cooperative


@pytest.fixture
def potters(safi: Cooperative) -> list[Artisan]:
    return [c.artisan for c in Contribution.objects.filter(provenance__saleor_product_id=TAJINE)]


# The directory's actors and the payouts API's ledger (tests of the API).
from tests.app.artisans.conftest import api_client, directory, tokens  # noqa: E402, F401
from tests.app.payouts.api_fixtures import all_tokens, sold, staff_token  # noqa: E402, F401
