"""Who reads whose payouts, and who changes a cooperative's split and policy.

Ledger: a tajine by Mohamed Serghini (artisan_self) sold in cooperative-safi (manager,
treasurer), a zellige panel by Youssef Bennani (other_artisan) in fes-zellige
(other_manager). Staff read everything; anonymous visitors nothing."""

from typing import Any

import pytest
from django.test import Client

from storefront_plugins.payouts.models import PayoutPolicy, SplitRule
from tests.app.graphql_client import graphql
from tests.app.payouts.api_fixtures import SAFI_ORDER, ids

ACTORS = [
    "anonymous",
    "artisan_self",
    "other_artisan",
    "manager",
    "other_manager",
    "treasurer",
    "staff",
]
READERS = {
    "serghini": {"artisan_self", "manager", "treasurer", "staff"},
    "safi": {"manager", "treasurer", "staff"},
    "bennani": {"other_artisan", "other_manager", "staff"},
    "fes": {"other_manager", "staff"},
}
PARTY_INPUT = {
    "serghini": lambda i: {"artisanId": i["serghini"]},
    "bennani": lambda i: {"artisanId": i["bennani"]},
    "safi": lambda i: {"cooperativeId": i["safi"]},
    "fes": lambda i: {"cooperativeId": i["fes"]},
}

BALANCES = """query($party: PayoutPartyInput!) {
  payoutBalances(parties: [$party]) { currency held { minorUnits } } }"""
STATEMENT = """query($party: PayoutPartyInput!) {
  payoutStatement(party: $party, currency: "MAD", period: {month: "2026-11"}) {
    reconciles } }"""
ENTRIES = """query($party: PayoutPartyInput!) {
  ledgerEntries(first: 10, filter: {party: $party}) { totalCount } }"""
ALL_ENTRIES = """query { ledgerEntries(first: 50) {
  edges { node { party { kind name } } } } }"""
SPLIT = """query($order: ID!) { orderSplit(saleorOrderId: $order) {
  components { parts { party { name } role amount { minorUnits } } } } }"""
SETTINGS = """query($c: ID!) { cooperativePayoutSettings(cooperativeId: $c) {
  payoutPolicy { holdDays isDefault } } }"""


def denied(result: dict[str, Any]) -> bool:
    codes = [e["extensions"]["exception"]["code"] for e in result.get("errors", [])]
    return codes == ["PermissionDenied"]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("party", list(READERS))
@pytest.mark.parametrize(
    "query", [BALANCES, STATEMENT, ENTRIES], ids=["balances", "statement", "entries"]
)
def test_a_partys_balances_statement_and_entries_are_read_by_the_party_its_cooperative_and_staff(
    api_client: Client, all_tokens, sold, actor: str, party: str, query: str
) -> None:
    # when
    result = graphql(
        api_client, query, {"party": PARTY_INPUT[party](ids())}, token=all_tokens[actor]
    )

    # then
    if actor in READERS[party]:
        assert "errors" not in result, result
    else:
        assert denied(result), result


EVERY_ENTRY_PARTY = {
    "anonymous": None,
    "artisan_self": {("ARTISAN", "Mohamed Serghini")},
    "other_artisan": {("ARTISAN", "Youssef Bennani")},
    "manager": {
        ("ARTISAN", "Mohamed Serghini"),
        ("COOPERATIVE", "Coopérative des potiers de Safi"),
    },
    "treasurer": {
        ("ARTISAN", "Mohamed Serghini"),
        ("COOPERATIVE", "Coopérative des potiers de Safi"),
    },
    "other_manager": {("ARTISAN", "Youssef Bennani"), ("COOPERATIVE", "Poterie et zellige de Fès")},
}


@pytest.mark.parametrize("actor", ACTORS)
def test_ledger_entries_without_a_party_are_those_the_viewer_reads(
    api_client: Client, all_tokens, sold, actor: str
) -> None:
    # when
    result = graphql(api_client, ALL_ENTRIES, token=all_tokens[actor])

    # then
    if actor == "anonymous":
        assert denied(result)
        return
    seen = {
        (e["node"]["party"]["kind"], e["node"]["party"]["name"])
        for e in result["data"]["ledgerEntries"]["edges"]
    }
    if actor == "staff":
        assert {kind for kind, _ in seen} == {"ARTISAN", "COOPERATIVE", "PLATFORM"}
    else:
        assert seen == EVERY_ENTRY_PARTY[actor]


@pytest.mark.parametrize("actor", ACTORS)
def test_an_order_split_shows_the_parts_the_viewer_reads(
    api_client: Client, all_tokens, sold, actor: str
) -> None:
    # when
    result = graphql(api_client, SPLIT, {"order": SAFI_ORDER}, token=all_tokens[actor])

    # then
    if actor == "anonymous":
        assert denied(result)
        return
    split = result["data"]["orderSplit"]
    parts = (
        {(p["party"]["name"], p["role"]) for c in split["components"] for p in c["parts"]}
        if split
        else set()
    )
    expected = {
        "artisan_self": {("Mohamed Serghini", "ARTISAN_SHARE")},
        "other_artisan": set(),
        "other_manager": set(),
        "manager": {
            ("Mohamed Serghini", "ARTISAN_SHARE"),
            ("Coopérative des potiers de Safi", "COMMISSION"),
            ("Coopérative des potiers de Safi", "TAX"),
            ("Coopérative des potiers de Safi", "SHIPPING"),
        },
        "staff": {
            ("Mohamed Serghini", "ARTISAN_SHARE"),
            ("Coopérative des potiers de Safi", "COMMISSION"),
            ("Coopérative des potiers de Safi", "TAX"),
            ("Coopérative des potiers de Safi", "SHIPPING"),
            ("Souk", "PLATFORM_FEE"),
        },
    }
    expected["treasurer"] = expected["manager"]
    assert parts == expected[actor]
    assert (split is None) is (actor in {"other_artisan", "other_manager"})


@pytest.mark.parametrize("actor", ACTORS)
def test_a_cooperatives_payout_settings_are_read_by_its_manager_treasurer_and_staff(
    api_client: Client, all_tokens, sold, actor: str
) -> None:
    # when
    result = graphql(api_client, SETTINGS, {"c": ids()["safi"]}, token=all_tokens[actor])

    # then
    if actor in READERS["safi"]:
        assert result["data"]["cooperativePayoutSettings"]["payoutPolicy"] == {
            "holdDays": 14,
            "isDefault": True,
        }
    else:
        assert denied(result)


SPLIT_RULE_SET = """mutation($c: ID!) { splitRuleSet(cooperativeId: $c,
  input: {categorySlug: "ceramique", commissionBp: 1500, platformFeeBp: 400}) {
  splitRule { categorySlug commissionBp platformFeeBp } errors { field code message } } }"""
POLICY_SET = """mutation($c: ID!) { payoutPolicySet(cooperativeId: $c,
  input: {holdDays: 7, holdStarts: PAYMENT, shippingTo: PLATFORM}) {
  payoutPolicy { holdDays holdStarts shippingTo isDefault } errors { field code message } } }"""


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    "mutation", [SPLIT_RULE_SET, POLICY_SET], ids=["splitRuleSet", "payoutPolicySet"]
)
def test_a_cooperatives_split_and_policy_are_set_by_its_managers_and_staff(
    api_client: Client, all_tokens, sold, actor: str, mutation: str
) -> None:
    # when
    result = graphql(api_client, mutation, {"c": ids()["safi"]}, token=all_tokens[actor])

    # then
    written = SplitRule.objects.count() + PayoutPolicy.objects.count()
    if actor in {"manager", "staff"}:
        payload = next(iter(result["data"].values()))
        assert payload["errors"] == []
        assert written == 1
    else:
        assert denied(result)
        assert written == 0
