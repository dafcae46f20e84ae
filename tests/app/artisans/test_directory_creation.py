"""Creating directory entries through the API: cooperatives (Souk's staff) and artisans
(a cooperative's managers, or staff), validated before any write, in one transaction. Who
may run them is in test_permission_matrix.py."""

from typing import Any

from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership
from tests.app.graphql_client import access_token_for, graphql

COOPERATIVE_CREATE = """
mutation($input: CooperativeInput!) {
  cooperativeCreate(input: $input) {
    cooperative { id slug name isPublished city description(language: FR) }
    errors { field code message }
  }
}
"""
ARTISAN_CREATE = """
mutation($c: ID!, $input: ArtisanCreateInput!) {
  artisanCreate(cooperativeId: $c, input: $input) {
    artisan { id slug name isPublished }
    membership { role cooperative { slug } }
    errors { field code message }
  }
}
"""
TIFAWIN = {
    "name": "Coopérative Tifawin",
    "region": "MA_09",
    "city": "Taroudant",
    "ice": "002345678000091",
    "crafts": ["CARPET_WEAVING"],
    "description": {"fr": "Tisserandes de l'Anti-Atlas.", "en": "Weavers of the Anti-Atlas."},
}
AICHA = {"name": "Aïcha Aït Baha", "region": "MA_07", "city": "Safi", "crafts": ["POTTERY"]}


def _safi() -> str:
    return to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)


def _counts() -> tuple[int, int, int, int]:
    return (
        Cooperative.objects.count(),
        Artisan.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )


def test_staff_register_a_cooperative_unpublished_with_a_slug_from_its_name(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when the same name is registered twice
    first = graphql(api_client, COOPERATIVE_CREATE, {"input": TIFAWIN}, token=tokens["staff"])
    second = graphql(api_client, COOPERATIVE_CREATE, {"input": TIFAWIN}, token=tokens["staff"])

    # then
    created = first["data"]["cooperativeCreate"]
    assert created["errors"] == []
    assert created["cooperative"] == {
        "id": created["cooperative"]["id"],
        "slug": "cooperative-tifawin",
        "name": "Coopérative Tifawin",
        "isPublished": False,
        "city": "Taroudant",
        "description": "Tisserandes de l'Anti-Atlas.",
    }
    assert second["data"]["cooperativeCreate"]["cooperative"]["slug"] == "cooperative-tifawin-2"


def test_an_invalid_cooperative_is_refused_with_every_field_error_and_nothing_is_written(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given
    before = _counts()

    # when a Moroccan cooperative comes without its ICE, and with a bad e-mail
    result = graphql(
        api_client,
        COOPERATIVE_CREATE,
        {"input": {**TIFAWIN, "ice": None, "email": "pas-une-adresse", "city": ""}},
        token=tokens["staff"],
    )

    # then
    errors = result["data"]["cooperativeCreate"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("city", "REQUIRED"),
        ("email", "INVALID"),
        ("ice", "REQUIRED"),
    ]
    assert _counts() == before


def test_a_moroccan_cooperative_needs_its_ice(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when
    result = graphql(
        api_client, COOPERATIVE_CREATE, {"input": {**TIFAWIN, "ice": ""}}, token=tokens["staff"]
    )

    # then
    assert result["data"]["cooperativeCreate"]["errors"] == [
        {"field": "ice", "code": "REQUIRED", "message": "A Moroccan cooperative needs its ICE."}
    ]
    assert not Cooperative.objects.filter(name="Coopérative Tifawin").exists()


def test_a_manager_adds_a_new_artisan_with_a_new_account_and_the_artisan_signs_in_later(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when
    result = graphql(
        api_client,
        ARTISAN_CREATE,
        {"c": _safi(), "input": {**AICHA, "email": "  Aicha.AitBaha@Souk.example "}},
        token=tokens["manager"],
    )

    # then the artisan, their membership and their account exist, linked
    payload = result["data"]["artisanCreate"]
    assert payload["errors"] == []
    assert payload["artisan"]["slug"] == "aicha-ait-baha"
    assert payload["artisan"]["isPublished"] is False
    assert payload["membership"] == {"role": "ARTISAN", "cooperative": {"slug": "cooperative-safi"}}
    artisan = Artisan.objects.get(slug="aicha-ait-baha")
    assert artisan.user is not None
    assert artisan.user.email == "aicha.aitbaha@souk.example"
    # the account has no password until its owner sets one
    assert artisan.user.has_usable_password() is False


def test_an_existing_account_without_a_profile_is_linked_not_duplicated(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given
    user = User.objects.create_user("aicha@souk.example", "motdepasse-1")
    users = User.objects.count()

    # when
    result = graphql(
        api_client,
        ARTISAN_CREATE,
        {"c": _safi(), "input": {**AICHA, "email": "aicha@souk.example"}},
        token=tokens["manager"],
    )

    # then
    assert result["data"]["artisanCreate"]["errors"] == []
    assert User.objects.count() == users
    assert Artisan.objects.get(slug="aicha-ait-baha").user == user
    # and once signed in, the artisan edits their own new profile
    assert access_token_for(user)


def _create_refused(api_client: Client, token: str | None, input: dict[str, Any]) -> Any:
    before = _counts()
    result = graphql(api_client, ARTISAN_CREATE, {"c": _safi(), "input": input}, token=token)
    assert _counts() == before
    return result["data"]["artisanCreate"]["errors"]


def test_an_account_that_already_has_an_artisan_profile_is_refused(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when mohamed-serghini's account is named for a new artisan
    errors = _create_refused(
        api_client, tokens["manager"], {**AICHA, "email": "mohamed-serghini@souk.example"}
    )

    # then
    assert errors == [
        {
            "field": "email",
            "code": "UNIQUE",
            "message": "This account already has an artisan profile.",
        }
    ]


def test_an_invalid_artisan_is_refused_before_any_write(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when the profile is incomplete and the e-mail is not one
    errors = _create_refused(
        api_client,
        tokens["manager"],
        {"name": "", "region": "MA_07", "city": "Safi", "yearsOfPractice": -1, "email": "x@"},
    )

    # then the profile's errors come first; the e-mail is checked once the profile is valid
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("name", "REQUIRED"),
        ("yearsOfPractice", "OUT_OF_RANGE"),
    ]
    assert _create_refused(api_client, tokens["manager"], {**AICHA, "email": "x@"}) == [
        {"field": "email", "code": "INVALID", "message": "Enter a valid e-mail address."}
    ]


def test_staff_give_a_new_cooperative_its_first_manager_who_then_manages_it(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given a cooperative staff just registered
    cooperative = graphql(api_client, COOPERATIVE_CREATE, {"input": TIFAWIN}, token=tokens["staff"])
    cooperative_id = cooperative["data"]["cooperativeCreate"]["cooperative"]["id"]

    # when staff add its manager, with an account
    result = graphql(
        api_client,
        ARTISAN_CREATE,
        {
            "c": cooperative_id,
            "input": {
                "name": "Fadma Oubella",
                "region": "MA_09",
                "city": "Taroudant",
                "role": "MANAGER",
                "email": "fadma@souk.example",
            },
        },
        token=tokens["staff"],
    )
    assert result["data"]["artisanCreate"]["membership"]["role"] == "MANAGER"

    # then that manager adds the cooperative's artisans
    fadma = User.objects.get(email="fadma@souk.example")
    fadma.set_password("motdepasse-1")
    fadma.save()
    added = graphql(
        api_client,
        ARTISAN_CREATE,
        {"c": cooperative_id, "input": {**AICHA, "region": "MA_09", "city": "Taroudant"}},
        token=access_token_for(fadma),
    )
    assert added["data"]["artisanCreate"]["errors"] == []
    assert added["data"]["artisanCreate"]["membership"]["cooperative"]["slug"] == (
        "cooperative-tifawin"
    )
