from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from tests.app.graphql_client import graphql

COOPERATIVE_UPDATE = """
mutation($id: ID!, $input: CooperativeInput!) {
  cooperativeUpdate(id: $id, input: $input) { cooperative { ice } errors { field code message } }
}
"""
ROLE_UPDATE = """
mutation($c: ID!, $a: ID!) {
  cooperativeMemberRoleUpdate(cooperativeId: $c, artisanId: $a, role: ARTISAN) { errors { field code } }
}
"""
MEMBER_ADD = """
mutation($c: ID!, $a: ID!) {
  cooperativeMemberAdd(cooperativeId: $c, artisanId: $a) { errors { field code } }
}
"""


def _id(model: type[Artisan] | type[Cooperative], slug: str) -> str:
    return to_global_id(model.__name__, model.objects.get(slug=slug).pk)


def test_invalid_fields_come_back_as_artisan_errors_and_nothing_is_written(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when
    result = graphql(
        api_client,
        COOPERATIVE_UPDATE,
        {
            "id": _id(Cooperative, "cooperative-safi"),
            "input": {"ice": "12AB", "commissionRate": "120", "city": "Safi-Ville"},
        },
        token=tokens["manager"],
    )
    # then
    errors = result["data"]["cooperativeUpdate"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("commissionRate", "OUT_OF_RANGE"),
        ("ice", "INVALID_ICE"),
    ]
    assert Cooperative.objects.get(slug="cooperative-safi").city == "Safi"


def test_the_last_manager_keeps_the_role(api_client: Client, tokens: dict[str, str | None]) -> None:
    # when
    result = graphql(
        api_client,
        ROLE_UPDATE,
        {"c": _id(Cooperative, "cooperative-safi"), "a": _id(Artisan, "abdelkader-benhima")},
        token=tokens["manager"],
    )
    # then
    assert result["data"]["cooperativeMemberRoleUpdate"]["errors"] == [
        {"field": "artisan", "code": "LAST_MANAGER"}
    ]


def test_an_artisan_joins_a_cooperative_once(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when
    result = graphql(
        api_client,
        MEMBER_ADD,
        {"c": _id(Cooperative, "cooperative-safi"), "a": _id(Artisan, "mohamed-serghini")},
        token=tokens["manager"],
    )
    # then
    assert result["data"]["cooperativeMemberAdd"]["errors"] == [
        {"field": "artisan", "code": "ALREADY_MEMBER"}
    ]


def test_the_database_refuses_a_commission_rate_over_100(directory: None) -> None:
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        Cooperative.objects.filter(slug="cooperative-safi").update(
            commission_rate=Decimal("100.01")
        )
