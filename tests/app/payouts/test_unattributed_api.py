"""The API's unattributed funds: who reads them, who allocates them, and the errors.

Target: cooperative-safi (manager abdelkader-benhima, treasurer khadija-ouazzani, artisan
mohamed-serghini); other_manager manages fes-zellige, other_artisan belongs to it."""

from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.payouts.models import UnattributedAllocation
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.graphql_client import graphql
from tests.app.payouts.conftest import balances_of
from tests.app.payouts.test_payout_mutations import denied
from tests.app.payouts.test_unattributed_allocation import released_unattributed
from tests.app.portal.actors import ACTORS

ALLOCATE = """
mutation Allocate($cooperative: ID!, $lines: [UnattributedAllocationLineInput!]!, $key: String!) {
  unattributedFundsAllocate(
    cooperativeId: $cooperative, currency: "MAD", lines: $lines, idempotencyKey: $key,
    note: "Plates of the spring market"
  ) {
    allocation { total { minorUnits amount } note lines { artisanId amount { minorUnits } } }
    funds { available { minorUnits } held { minorUnits } }
    replayed
    errors { field code message }
  }
}"""
FUNDS = """
query Funds($cooperative: ID!) {
  unattributedFunds(cooperativeId: $cooperative, currency: "MAD") {
    available { minorUnits amount currency } held { minorUnits }
  }
}"""
ALLOCATORS = {"manager", "staff"}
READERS = {"manager", "treasurer", "staff"}


def safi() -> Cooperative:
    return Cooperative.objects.get(slug="cooperative-safi")


def serghini() -> Artisan:
    return Artisan.objects.get(slug="mohamed-serghini")


def allocate(client: Client, token: str | None, amount: str, key: str = "form-1") -> Any:
    variables = {
        "cooperative": to_global_id("Cooperative", safi().pk),
        "lines": [{"artisanId": to_global_id("Artisan", serghini().pk), "amount": amount}],
        "key": key,
    }
    return graphql(client, ALLOCATE, variables, token=token)


@pytest.mark.parametrize("actor", ACTORS)
def test_who_allocates(client: Client, tokens: dict[str, str | None], actor: str) -> None:
    # given 50.00 MAD released and unattributed
    released_unattributed(safi(), 5_000)

    # when
    result = allocate(client, tokens[actor], "12.50")

    # then
    if actor == "anonymous":
        assert denied(result)
    elif actor in ALLOCATORS:
        assert result["data"]["unattributedFundsAllocate"] == {
            "allocation": {
                "total": {"minorUnits": 1250, "amount": "12.50"},
                "note": "Plates of the spring market",
                "lines": [
                    {
                        "artisanId": to_global_id("Artisan", serghini().pk),
                        "amount": {"minorUnits": 1250},
                    }
                ],
            },
            "funds": {"available": {"minorUnits": 3750}, "held": {"minorUnits": 0}},
            "replayed": False,
            "errors": [],
        }
    else:
        assert result["data"]["unattributedFundsAllocate"] == {
            "allocation": None,
            "funds": None,
            "replayed": None,
            "errors": [
                {"field": "cooperativeId", "code": "NOT_FOUND", "message": "Cooperative not found."}
            ],
        }
    moved = 1250 if actor in ALLOCATORS else 0
    assert balances_of(Party(PartyKind.ARTISAN, serghini().pk))["payable"] == moved
    assert UnattributedAllocation.objects.count() == (1 if actor in ALLOCATORS else 0)


@pytest.mark.parametrize("actor", ACTORS)
def test_who_reads_the_funds(client: Client, tokens: dict[str, str | None], actor: str) -> None:
    # given
    released_unattributed(safi(), 5_000)

    # when
    result = graphql(
        client, FUNDS, {"cooperative": to_global_id("Cooperative", safi().pk)}, token=tokens[actor]
    )

    # then
    if actor in READERS:
        assert result["data"]["unattributedFunds"] == {
            "available": {"minorUnits": 5000, "amount": "50.00", "currency": "MAD"},
            "held": {"minorUnits": 0},
        }
    else:
        assert denied(result)


def test_allocation_errors_and_replay(client: Client, tokens: dict[str, str | None]) -> None:
    # given
    released_unattributed(safi(), 5_000)
    token = tokens["manager"]

    # when
    too_precise = allocate(client, token, "1.005")
    too_much = allocate(client, token, "50.01")
    done = allocate(client, token, "50.00", key="form-2")
    replayed = allocate(client, token, "50.00", key="form-2")

    # then
    def errors(result: Any) -> list[tuple[str, str]]:
        found = result["data"]["unattributedFundsAllocate"]["errors"]
        return [(e["field"], e["code"]) for e in found]

    assert errors(too_precise) == [("lines.0.amount", "INVALID")]
    assert errors(too_much) == [("lines", "INSUFFICIENT_FUNDS")]
    assert errors(done) == []
    assert replayed["data"]["unattributedFundsAllocate"]["replayed"] is True
    assert balances_of(Party(PartyKind.ARTISAN, serghini().pk))["payable"] == 5_000
