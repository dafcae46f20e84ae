"""Suspending a cooperative's member: listed still, with no role until reinstated; the
rules of roles apply (managers decide, never on themselves, the last active manager stays).

Fixture cooperative-safi: manager abdelkader-benhima, treasurer khadija-ouazzani, artisan
mohamed-serghini."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans import members
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership, Role
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.artisans.services import update_member_role, viewer_for
from tests.app.graphql_client import graphql


def _viewer(slug: str) -> Viewer:
    artisan = Artisan.objects.get(slug=slug)
    if artisan.user is None:
        artisan.user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1")
        artisan.save(update_fields=["user"])
    return viewer_for(artisan.user)


def _ids(*slugs: str) -> list[int]:
    return [Artisan.objects.get(slug=slug).pk for slug in slugs]


@pytest.fixture
def safi(directory: None) -> int:
    return Cooperative.objects.get(slug="cooperative-safi").pk


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code or "" for e in items] for field, items in error.error_dict.items()}


def test_a_suspended_member_keeps_their_place_but_acts_with_no_role(safi: int) -> None:
    # given
    manager = _viewer("abdelkader-benhima")
    [treasurer] = _ids("khadija-ouazzani")
    assert _viewer("khadija-ouazzani").role_in(safi) == Role.TREASURER
    # when
    result = members.suspend_member(manager, safi, treasurer)
    # then
    assert result.membership is not None
    assert result.membership.is_suspended
    assert result.membership.suspended_by_id == manager.user_id
    suspended = _viewer("khadija-ouazzani")
    assert suspended.role_in(safi) is None
    assert suspended.artisan_id == treasurer
    listed = members.cooperative_members(manager, safi).members
    assert [(m.slug, m.role, m.is_suspended) for m in listed] == [
        ("abdelkader-benhima", "manager", False),
        ("khadija-ouazzani", "treasurer", True),
        ("mohamed-serghini", "artisan", False),
    ]


def test_reinstating_gives_the_role_back_and_both_are_idempotent(safi: int) -> None:
    # given
    manager = _viewer("abdelkader-benhima")
    [treasurer] = _ids("khadija-ouazzani")
    members.suspend_member(manager, safi, treasurer)
    first = Membership.objects.get(artisan_id=treasurer).suspended_at
    # when
    members.suspend_member(manager, safi, treasurer)
    # then: the first suspension stands
    assert Membership.objects.get(artisan_id=treasurer).suspended_at == first
    # when
    members.reinstate_member(manager, safi, treasurer)
    members.reinstate_member(manager, safi, treasurer)
    # then
    assert Membership.objects.get(artisan_id=treasurer).suspended_by_id is None
    assert _viewer("khadija-ouazzani").role_in(safi) == Role.TREASURER


def test_a_manager_cannot_suspend_themself(safi: int) -> None:
    manager = _viewer("abdelkader-benhima")
    with pytest.raises(ValidationError) as raised:
        members.suspend_member(manager, safi, manager.artisan_id or 0)
    assert _codes(raised.value) == {"artisan": ["CANNOT_SUSPEND_SELF"]}


def test_the_last_active_manager_cannot_be_suspended_nor_demoted(safi: int) -> None:
    # given: a second manager, who suspends the first one
    manager = _viewer("abdelkader-benhima")
    [serghini, benhima] = _ids("mohamed-serghini", "abdelkader-benhima")
    update_member_role(manager, safi, serghini, Role.MANAGER)
    second = _viewer("mohamed-serghini")
    members.suspend_member(second, safi, benhima)
    # when / then: the second manager is now the only active one
    assert _viewer("abdelkader-benhima").role_in(safi) is None
    with pytest.raises(ValidationError) as raised:
        update_member_role(second, safi, serghini, Role.ARTISAN)
    assert _codes(raised.value) == {"artisan": ["LAST_MANAGER"]}
    # and the suspended manager may be demoted: it leaves an active manager
    update_member_role(second, safi, benhima, Role.ARTISAN)
    assert Membership.objects.get(artisan_id=benhima).role == Role.ARTISAN


@pytest.mark.parametrize("actor", ["khadija-ouazzani", "mohamed-serghini", "driss-lahlou"])
def test_only_the_cooperatives_managers_suspend(safi: int, actor: str) -> None:
    [serghini] = _ids("mohamed-serghini")
    with pytest.raises(PermissionDenied):
        members.suspend_member(_viewer(actor), safi, serghini)
    assert not Membership.objects.get(artisan_id=serghini).is_suspended


def test_a_suspended_manager_can_no_longer_suspend(safi: int) -> None:
    # given
    manager = _viewer("abdelkader-benhima")
    [serghini, benhima] = _ids("mohamed-serghini", "abdelkader-benhima")
    update_member_role(manager, safi, serghini, Role.MANAGER)
    members.suspend_member(_viewer("mohamed-serghini"), safi, benhima)
    # when / then
    with pytest.raises(PermissionDenied):
        members.reinstate_member(_viewer("abdelkader-benhima"), safi, benhima)


SUSPEND = """mutation($c: ID!, $a: ID!) { cooperativeMemberSuspend(cooperativeId: $c, artisanId: $a) {
  membership { role suspendedAt } errors { field code message } } }"""


def test_the_api_reports_suspending_oneself_as_a_field_error(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # given
    safi = to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)
    benhima = to_global_id("Artisan", Artisan.objects.get(slug="abdelkader-benhima").pk)
    # when
    result = graphql(api_client, SUSPEND, {"c": safi, "a": benhima}, token=tokens["manager"])
    # then
    assert result["data"]["cooperativeMemberSuspend"] == {
        "membership": None,
        "errors": [
            {
                "field": "artisan",
                "code": "CANNOT_SUSPEND_SELF",
                "message": "A manager cannot suspend themself.",
            }
        ],
    }
