"""An artisan added with a new account is invited by e-mail: the link carries a one-time
token with which they choose their password (setPassword) and are signed in."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.accounts.tasks import send_invitation_task
from storefront_plugins.artisans.models import Artisan, Cooperative
from tests.app.artisans.conftest import api_client, directory, tokens
from tests.app.graphql_client import graphql

__all__ = ["api_client", "directory", "tokens"]

ARTISAN_CREATE = """
mutation($c: ID!, $email: String) {
  artisanCreate(cooperativeId: $c, input: {name: "Aïcha Aït Baha", region: MA_07, city: "Safi", email: $email}) {
    errors { field code } } }
"""
SET_PASSWORD = """
mutation($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) {
    accessToken refreshToken user { email } errors { field code message } } }
"""
ME = "query { me { email } }"


@pytest.fixture
def published_invitations():
    published: list[Any] = []

    def record(sender: Any = None, body: Any = None, **_kwargs: Any) -> None:
        if "send_invitation_task" in str(sender):
            published.append(list(body[0]))

    before_task_publish.connect(record, weak=False)
    yield published
    before_task_publish.disconnect(record)


def _add_aicha(client: Client, token: str | None, email: str) -> Any:
    safi = to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk)
    return graphql(client, ARTISAN_CREATE, {"c": safi, "email": email}, token=token)


def _link(message: Any) -> dict[str, str]:
    [line] = [line for line in message.body.splitlines() if line.startswith("http")]
    parts = urlsplit(line)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == "https://souk.example/account/set-password"
    )
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_a_new_account_is_invited_once_after_commit(
    api_client, tokens, published_invitations, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = _add_aicha(api_client, tokens["manager"], "aicha@souk.example")

    # then
    assert result["data"]["artisanCreate"]["errors"] == []
    user = User.objects.get(email="aicha@souk.example")
    assert published_invitations == [[user.pk, "Aïcha Aït Baha", "Coopérative des potiers de Safi"]]


def test_an_existing_account_is_linked_without_an_invitation(
    api_client, tokens, published_invitations, django_capture_on_commit_callbacks
):
    # given
    User.objects.create_user("aicha@souk.example", "motdepasse-1")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        _add_aicha(api_client, tokens["manager"], "aicha@souk.example")

    # then
    assert published_invitations == []


def test_the_invited_artisan_chooses_a_password_once_and_is_signed_in(api_client, tokens, settings):
    # given an invited artisan who reads Arabic
    settings.SOUK_SET_PASSWORD_URL = "https://souk.example/account/set-password"
    _add_aicha(api_client, tokens["manager"], "aicha@souk.example")
    user = User.objects.get(email="aicha@souk.example")
    User.objects.filter(pk=user.pk).update(language="ar")

    # when the invitation is sent
    assert send_invitation_task(user.pk, "عائشة", "تعاونية آسفي") == "sent"

    # then one e-mail in Arabic carries the link
    [message] = mail.outbox
    assert message.to == ["aicha@souk.example"]
    assert message.subject == "حسابك على سوق"
    link = _link(message)
    assert link["email"] == "aicha@souk.example"

    # when the artisan chooses a password with the link's token
    result = graphql(api_client, SET_PASSWORD, {**link, "password": "Tajine-de-Safi-2025"})["data"][
        "setPassword"
    ]

    # then they are signed in
    assert result["errors"] == []
    me = graphql(api_client, ME, token=result["accessToken"])
    assert me["data"]["me"] == {"email": "aicha@souk.example"}
    assert Artisan.objects.get(user__email="aicha@souk.example").slug == "aicha-ait-baha"

    # and the link works once; a retried task sends nothing more
    again = graphql(api_client, SET_PASSWORD, {**link, "password": "Autre-mot-2025"})
    assert again["data"]["setPassword"]["errors"] == [
        {
            "field": "token",
            "code": "INVALID_TOKEN",
            "message": "The link is invalid or has expired.",
        }
    ]
    assert send_invitation_task(user.pk, "عائشة", "تعاونية آسفي") == "not_needed"
    assert len(mail.outbox) == 1


def test_a_weak_password_is_refused_and_the_link_keeps_working(api_client, tokens):
    # given
    _add_aicha(api_client, tokens["manager"], "aicha@souk.example")
    user = User.objects.get(email="aicha@souk.example")
    send_invitation_task(user.pk, "Aïcha", "Coopérative des potiers de Safi")
    link = {
        key: values[0]
        for key, values in parse_qs(
            urlsplit(
                next(line for line in mail.outbox[0].body.splitlines() if "token=" in line)
            ).query
        ).items()
    }

    # when
    weak = graphql(api_client, SET_PASSWORD, {**link, "password": "12345678"})

    # then
    assert weak["data"]["setPassword"]["errors"] == [
        {
            "field": "password",
            "code": "INVALID_PASSWORD",
            "message": "Ce mot de passe est trop courant.",
        },
        {
            "field": "password",
            "code": "INVALID_PASSWORD",
            "message": "Ce mot de passe est entièrement numérique.",
        },
    ]
    strong = graphql(api_client, SET_PASSWORD, {**link, "password": "Tapis-Tifawin-2025"})
    assert strong["data"]["setPassword"]["errors"] == []
