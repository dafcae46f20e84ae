from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import requests
from django.db import transaction
from django.db.models import Sum

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.ledger import EntryLine
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerEntry,
    PayoutMethod,
    Rail,
    TransactionKind,
)
from storefront_plugins.payouts.rails.registry import replace_rail, restore_rail
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind, Role
from storefront_plugins.provenance.models import Contribution, ProductProvenance
from storefront_plugins.stripe_gateway.connect import (
    create_or_get_express_account,
    onboarding_link,
    refresh_connected_account,
)
from tests.app.artisans.conftest import ACTOR_ARTISANS, DIRECTORY
from tests.app.payouts.remote_rail import RemoteRail
from tests.stripe_sandbox.server import StripeSandbox

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


# Paying out


def credit_payable(party: Party, amount: int, currency: str = "MAD") -> None:
    """What a released sale leaves a party: CLEARING -> the party's PAYABLE (or, negative,
    a refund reversed after a payout: a debt)."""
    ledger.post(
        TransactionKind.ADJUSTMENT,
        currency,
        [
            EntryLine(PLATFORM, AccountKind.CLEARING, -amount),
            EntryLine(party, AccountKind.PAYABLE, amount, Role.ARTISAN_SHARE),
        ],
    )


def balances_of(party: Party, currency: str = "MAD") -> dict[str, int]:
    """PAYABLE and PAYOUTS_IN_TRANSIT always, other accounts when not zero."""
    balances = {"payable": 0, "payouts_in_transit": 0}
    for b in ledger.account_balances([party], currency):
        if b.balance or b.kind.value in balances:
            balances[b.kind.value] = b.balance
    return balances


def ledger_sum() -> int:
    """Every entry ever posted: the ledger conserves money, so always 0."""
    return LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] or 0


@dataclass(frozen=True)
class Actor:
    user: User
    viewer: Viewer


@pytest.fixture
def treasury(safi: Cooperative) -> dict[str, Actor]:
    """Signed-in people of the permission matrix (fixtures/souk/directory.json): the
    treasurer and the manager of cooperative-safi, a manager of fes-zellige, an artisan of
    cooperative-safi."""
    actors = {}
    for actor, slug in ACTOR_ARTISANS.items():
        user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1")
        Artisan.objects.filter(slug=slug).update(user=user)
        actors[actor] = Actor(user, viewer_for(user))
    return actors


@pytest.fixture
def members(safi: Cooperative) -> list[Party]:
    return [
        Party(PartyKind.ARTISAN, pk)
        for pk in Membership.objects.filter(cooperative=safi)
        .order_by("artisan_id")
        .values_list("artisan_id", flat=True)
    ]


def bank_method(party: Party, holder: str = "Fatima Zahra El Idrissi") -> PayoutMethod:
    return PayoutMethod.objects.create(
        party_kind=party.kind,
        party_id=party.id,
        rail=Rail.BANK_TRANSFER,
        holder_name=holder,
        rib=VALID_RIB,
    )


def method(party: Party, rail: Rail) -> PayoutMethod:
    return PayoutMethod.objects.create(
        party_kind=party.kind,
        party_id=party.id,
        rail=rail,
        holder_name="Holder",
        rib=VALID_RIB if rail == Rail.BANK_TRANSFER else "",
        wallet_number="+212600000000" if rail == Rail.MOBILE_WALLET else "",
    )


VALID_RIB = "011519000001205000534921"  # the IBAN registry's example, MA64 + this RIB


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Proof documents go to Django's default storage (FileSystemStorage in tests, S3 in
    production): here a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def remote() -> Iterator[RemoteRail]:
    """An automatic rail with faults, in place of Stripe Connect for one test."""
    rail = RemoteRail()
    previous = replace_rail(rail)
    yield rail
    restore_rail(rail.name, previous)


@pytest.fixture
def stripe_potter(safi: Cooperative, stripe_api: StripeSandbox) -> Party:
    """The tajine's first maker (70 %), paid by Stripe Connect to an onboarded account."""
    artisan = Artisan.objects.get(
        contributions__provenance__saleor_product_id=TAJINE, contributions__share=7000
    )
    party = Party(PartyKind.ARTISAN, artisan.pk)
    create_or_get_express_account(party, "potier@souk.example", "FR")
    link = onboarding_link(party, "http://127.0.0.1/return", "http://127.0.0.1/refresh")
    requests.post(link.url, allow_redirects=False, timeout=10).raise_for_status()
    state = refresh_connected_account(party)
    assert state is not None
    assert state.can_receive_transfers
    method(party, Rail.STRIPE_CONNECT)
    return party


# The directory's actors and the payouts API's ledger (tests of the API).
from tests.app.artisans.conftest import api_client, directory, tokens  # noqa: E402, F401
from tests.app.payouts.api_fixtures import all_tokens, sold, staff_token  # noqa: E402, F401
