"""The members pages: a cooperative's managers (and Souk's staff) list its members, invite
new ones, change roles, suspend and reinstate; everyone else gets a 404.

Fixture cooperative-safi: manager abdelkader-benhima, treasurer khadija-ouazzani, artisan
mohamed-serghini; fes-zellige's manager is driss-lahlou."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from storefront_plugins.accounts.models import User
from storefront_plugins.accounts.tasks import send_invitation_task
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership, Role
from tests.app.accounts.test_invitations import published_invitations
from tests.app.artisans.conftest import directory
from tests.app.portal.actors import STAFF, signed_in

__all__ = ["directory", "published_invitations"]

MANAGER = "abdelkader-benhima"


@pytest.fixture
def safi(directory: None) -> int:
    return Cooperative.objects.get(slug="cooperative-safi").pk


def _artisan(slug: str) -> int:
    return Artisan.objects.get(slug=slug).pk


def _list_url(cooperative_id: int) -> str:
    return f"/portal/cooperatives/{cooperative_id}/members"


def _member_url(cooperative_id: int, slug: str, action: str) -> str:
    return f"{_list_url(cooperative_id)}/{_artisan(slug)}/{action}"


def test_a_manager_lists_the_members_with_roles_and_states(
    safi: int, django_assert_num_queries: Any
) -> None:
    # given
    client = signed_in(MANAGER)
    Membership.objects.filter(artisan__slug="mohamed-serghini").update(suspended_at=timezone.now())
    # when: session, user, viewer, cooperative, members (with accounts)
    with django_assert_num_queries(5):
        response = client.get(_list_url(safi))
    # then
    assert response.status_code == 200
    listing = response.context["listing"]
    assert [(m.slug, m.role, m.is_suspended) for m in listing.members] == [
        (MANAGER, "manager", False),
        ("khadija-ouazzani", "treasurer", False),
        ("mohamed-serghini", "artisan", True),
    ]
    page = response.content.decode()
    assert "Membres de Coopérative" in page or "Membres de" in page
    assert "Suspendu" in page
    assert "Rétablir" in page


def test_the_member_list_costs_the_same_queries_for_more_members(
    safi: int, django_assert_num_queries: Any
) -> None:
    # given: every fixture artisan in Safi
    client = signed_in(MANAGER)
    for artisan in Artisan.objects.exclude(memberships__cooperative_id=safi):
        Membership.objects.create(cooperative_id=safi, artisan=artisan, role=Role.ARTISAN)
    # when / then
    with django_assert_num_queries(5):
        response = client.get(_list_url(safi))
    assert len(response.context["listing"].members) == Artisan.objects.count()


@pytest.mark.parametrize(
    "actor", ["driss-lahlou", "khadija-ouazzani", "mohamed-serghini", "youssef-bennani"]
)
def test_other_managers_treasurers_and_artisans_get_a_404(safi: int, actor: str) -> None:
    # given
    client = signed_in(actor)
    # when
    pages = [
        client.get(_list_url(safi)),
        client.post(f"{_list_url(safi)}/invite", {"name": "X", "email": "x@souk.example"}),
        client.post(_member_url(safi, "mohamed-serghini", "role"), {"role": "manager"}),
        client.post(_member_url(safi, "mohamed-serghini", "suspend")),
        client.post(_member_url(safi, "mohamed-serghini", "reinstate")),
    ]
    # then
    assert [page.status_code for page in pages] == [404] * 5
    assert Membership.objects.get(artisan__slug="mohamed-serghini").role == Role.ARTISAN
    assert not Membership.objects.get(artisan__slug="mohamed-serghini").is_suspended
    assert not User.objects.filter(email="x@souk.example").exists()


def test_an_unknown_cooperative_is_a_404_like_another(safi: int) -> None:
    assert signed_in(MANAGER).get(_list_url(safi + 1000)).status_code == 404


def test_strangers_are_sent_to_sign_in(safi: int) -> None:
    response = Client().get(_list_url(safi))
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/sign-in?next=")


def test_the_menu_leads_a_manager_to_their_cooperatives_members(safi: int) -> None:
    # given
    client = signed_in(MANAGER)
    # when
    home = client.get("/portal/")
    response = client.get("/portal/members")
    # then
    assert 'href="/portal/members"' in home.content.decode()
    assert response["Location"] == _list_url(safi)
    artisan_home = signed_in("mohamed-serghini").get("/portal/")
    assert 'href="/portal/members"' not in artisan_home.content.decode()


def test_staff_choose_among_every_cooperative_and_invite_but_do_not_change_roles(
    safi: int,
) -> None:
    # given
    client = signed_in(STAFF)
    # when
    choose = client.get("/portal/members")
    listing = client.get(_list_url(safi))
    role = client.post(_member_url(safi, "mohamed-serghini", "role"), {"role": "manager"})
    # then
    assert len(choose.context["cooperatives"]) == Cooperative.objects.count()
    assert listing.status_code == 200
    assert listing.context["listing"].can_invite
    assert not listing.context["listing"].can_manage
    assert role.status_code == 404


def test_inviting_a_member_adds_them_and_mails_the_invitation_in_their_language(
    safi: int,
    mailoutbox: list[Any],
    published_invitations: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    client = signed_in(MANAGER)
    form = {"name": "Aïcha Aït Baha", "email": "Aicha@Safi.example", "language": "ar"}
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{_list_url(safi)}/invite", form | {"role": "treasurer"})
    # then
    assert response["Location"] == f"{_list_url(safi)}?done=invited"
    artisan = Artisan.objects.get(name="Aïcha Aït Baha")
    assert (artisan.region, artisan.city) == ("MA-07", "Safi")
    assert artisan.memberships.get().role == Role.TREASURER
    assert artisan.user is not None
    assert (artisan.user.email, artisan.user.language) == ("aicha@safi.example", "ar")
    [arguments] = published_invitations
    assert arguments == [artisan.user.pk, "Aïcha Aït Baha", "Coopérative des potiers de Safi"]
    assert send_invitation_task(*arguments) == "sent"
    [message] = mailoutbox
    assert message.to == ["aicha@safi.example"]
    assert message.subject == "حسابك على سوق"
    page = client.get(response["Location"]).content.decode()
    assert "Le membre est ajouté" in page
    assert "Invité, sans mot de passe" in page


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"name": "", "email": "a@safi.example"}, "name", "Ce champ est requis."),
        ({"name": "Aïcha", "email": "pas-une-adresse"}, "email", "Saisissez une adresse"),
        ({"name": "Aïcha", "email": ""}, "email", "Ce champ est requis."),
        (
            {"name": "Aïcha", "email": f"{MANAGER}@souk.example"},
            "email",
            "Ce compte a déjà un profil d'artisan.",
        ),
        ({"name": "Aïcha", "email": "a@safi.example", "role": "chief"}, "role", "Choix inconnu."),
    ],
)
def test_a_wrong_invitation_is_shown_next_to_its_field_and_changes_nothing(
    safi: int, form: dict[str, str], field: str, message: str
) -> None:
    # given
    client = signed_in(MANAGER)
    before = Artisan.objects.count()
    # when
    response = client.post(
        f"{_list_url(safi)}/invite", {"language": "fr", "role": "artisan"} | form
    )
    # then
    assert response.status_code == 400
    assert message in " ".join(response.context["errors"][field])
    assert f'id="invite-{field}-error"' in response.content.decode() or field == "role"
    assert response.context["invite"]["name"] == form["name"]
    assert Artisan.objects.count() == before


def test_a_manager_changes_a_role_but_not_the_last_managers(safi: int) -> None:
    # given
    client = signed_in(MANAGER)
    # when
    promoted = client.post(_member_url(safi, "mohamed-serghini", "role"), {"role": "treasurer"})
    last = client.post(_member_url(safi, MANAGER, "role"), {"role": "artisan"})
    # then
    assert promoted["Location"] == f"{_list_url(safi)}?done=role"
    assert Membership.objects.get(artisan__slug="mohamed-serghini").role == Role.TREASURER
    assert last.status_code == 400
    assert "La coopérative garde au moins un gérant actif." in last.content.decode()
    assert Membership.objects.get(artisan__slug=MANAGER).role == Role.MANAGER


def test_a_suspended_manager_loses_the_pages_at_their_next_request(safi: int) -> None:
    # given: Serghini made manager, then signed in
    Membership.objects.filter(artisan__slug="mohamed-serghini").update(role=Role.MANAGER)
    second = signed_in("mohamed-serghini")
    assert second.get(_list_url(safi)).status_code == 200
    # when
    response = signed_in(MANAGER).post(_member_url(safi, "mohamed-serghini", "suspend"))
    # then
    assert response["Location"] == f"{_list_url(safi)}?done=suspended"
    assert second.get(_list_url(safi)).status_code == 404
    assert second.post(_member_url(safi, MANAGER, "suspend")).status_code == 404
    assert 'href="/portal/members"' not in second.get("/portal/").content.decode()


def test_a_manager_reinstates_but_cannot_suspend_themself(safi: int) -> None:
    # given
    client = signed_in(MANAGER)
    client.post(_member_url(safi, "khadija-ouazzani", "suspend"))
    # when
    self_suspension = client.post(_member_url(safi, MANAGER, "suspend"))
    reinstated = client.post(_member_url(safi, "khadija-ouazzani", "reinstate"))
    # then
    assert self_suspension.status_code == 400
    assert "Vous ne pouvez pas vous suspendre vous-même." in self_suspension.content.decode()
    assert reinstated["Location"] == f"{_list_url(safi)}?done=reinstated"
    assert not Membership.objects.get(artisan__slug="khadija-ouazzani").is_suspended


def test_the_invitation_goes_again_only_to_a_member_without_a_password(
    safi: int, published_invitations: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given: Serghini's account was made by an invitation; Khadija's has a password
    invited = User.objects.create_user("serghini@safi.example", None)
    Artisan.objects.filter(slug="mohamed-serghini").update(user=invited)
    client = signed_in(MANAGER)
    signed_in("khadija-ouazzani")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_member_url(safi, "mohamed-serghini", "invitation"))
        refused = client.post(_member_url(safi, "khadija-ouazzani", "invitation"))
    # then
    assert again["Location"] == f"{_list_url(safi)}?done=resent"
    assert published_invitations == [
        [invited.pk, "Mohamed Serghini", "Coopérative des potiers de Safi"]
    ]
    assert refused.status_code == 400
    assert "Ce membre a déjà choisi son mot de passe." in refused.content.decode()
