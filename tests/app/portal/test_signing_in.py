"""Signing in to the portal: a server-side session behind an HttpOnly cookie, CSRF on every
form, failed attempts limited per account and per address, sessions that end."""

import time
from typing import Any

import pytest
from celery.signals import before_task_publish
from django.core.cache import caches
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from storefront_plugins.accounts.models import User
from storefront_plugins.accounts.services import invitation_token
from storefront_plugins.accounts.tasks import send_password_reset_task
from storefront_plugins.portal import sign_in_limits
from storefront_plugins.portal.sessions import SIGNED_IN_AT

PASSWORD = "argile-de-safi-1950"


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    caches["rate_limits"].clear()


@pytest.fixture
def aicha(db: None) -> User:
    return User.objects.create_user(
        "aicha@safi.example", PASSWORD, first_name="Aïcha", language="ar"
    )


def sign_in(client: Client, email: str, password: str, **extra: Any) -> Any:
    return client.post("/portal/sign-in", {"email": email, "password": password, **extra})


def test_signing_in_opens_a_session_in_an_http_only_cookie_and_goes_where_asked(
    client: Client, aicha: User
) -> None:
    # when
    response = sign_in(client, "Aicha@Safi.example ", PASSWORD, next="/portal/?tab=1")
    # then
    assert response.status_code == 302
    assert response["Location"] == "/portal/?tab=1"
    cookie = response.cookies["souk_portal"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    home = client.get("/portal/")
    assert home.status_code == 200
    assert "مرحبًا Aïcha" in home.content.decode()  # the account's language
    assert 'dir="rtl"' in home.content.decode()


def test_a_page_of_the_portal_sends_strangers_to_sign_in_and_back(client: Client) -> None:
    response = client.get("/portal/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == "/portal/sign-in?next=%2Fportal%2F%3Ftab%3D1"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x"])
def test_signing_in_never_sends_someone_to_another_site(
    client: Client, aicha: User, next_url: str
) -> None:
    response = sign_in(client, aicha.email, PASSWORD, next=next_url)
    assert response["Location"] == "/portal/"


@pytest.mark.parametrize(
    ("email", "password"),
    [("aicha@safi.example", "wrong"), ("nobody@safi.example", PASSWORD)],
)
def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
    client: Client, aicha: User, email: str, password: str
) -> None:
    response = sign_in(client, email, password)
    assert response.status_code == 400
    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()
    assert "souk_portal" not in response.cookies or not response.cookies["souk_portal"].value


def test_a_suspended_account_cannot_sign_in(client: Client, aicha: User) -> None:
    User.objects.filter(pk=aicha.pk).update(is_active=False)
    assert sign_in(client, aicha.email, PASSWORD).status_code == 400


def test_five_failures_on_an_account_lock_it_for_the_window_even_with_the_right_password(
    client: Client, aicha: User, settings: Any
) -> None:
    # given
    settings.SOUK_SIGN_IN_ATTEMPTS_PER_ACCOUNT = 5
    for _ in range(5):
        assert sign_in(client, aicha.email, "guess").status_code == 400
    # when
    response = sign_in(Client(REMOTE_ADDR="10.0.0.9"), aicha.email, PASSWORD)
    # then
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.SOUK_SIGN_IN_WINDOW_SECONDS)
    assert "Trop de tentatives. Réessayez dans 15 minutes." in response.content.decode()


def test_one_address_cannot_try_many_accounts(client: Client, aicha: User, settings: Any) -> None:
    settings.SOUK_SIGN_IN_ATTEMPTS_PER_ADDRESS = 3
    for n in range(3):
        sign_in(client, f"someone{n}@example.com", "guess")
    assert sign_in(client, aicha.email, PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), aicha.email, PASSWORD).status_code == 302


def test_signing_in_clears_the_accounts_failures(
    client: Client, aicha: User, settings: Any
) -> None:
    settings.SOUK_SIGN_IN_ATTEMPTS_PER_ACCOUNT = 3
    for _ in range(2):
        sign_in(client, aicha.email, "guess")
    assert sign_in(client, aicha.email, PASSWORD).status_code == 302
    for _ in range(2):
        sign_in(Client(), aicha.email, "guess")
    assert sign_in(Client(), aicha.email, PASSWORD).status_code == 302


def test_forms_posted_without_their_csrf_token_are_refused(aicha: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, aicha.email, PASSWORD)
    assert response.status_code == 403
    assert "Le formulaire a expiré." in response.content.decode()
    # with the token of the page, it works
    page = client.get("/portal/sign-in")
    token = page.cookies["csrftoken"].value
    form_token = page.context["csrf_token"]
    assert token
    assert sign_in(client, aicha.email, PASSWORD, csrfmiddlewaretoken=form_token).status_code == 302


def test_a_session_ends_at_its_maximum_age_whatever_the_activity(
    client: Client, aicha: User, settings: Any
) -> None:
    # given
    sign_in(client, aicha.email, PASSWORD)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SOUK_PORTAL_SESSION_MAX_SECONDS - 1
    session.save()
    # when
    response = client.get("/portal/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/sign-in")


def test_a_session_ends_when_idle_and_when_the_password_changes(
    client: Client, aicha: User, settings: Any
) -> None:
    sign_in(client, aicha.email, PASSWORD)
    assert client.session.get_expiry_age() == settings.SOUK_PORTAL_SESSION_IDLE_SECONDS
    aicha.set_password("a-new-password-2026")
    aicha.save()
    assert client.get("/portal/").status_code == 302


def test_signing_out_ends_the_session(client: Client, aicha: User) -> None:
    sign_in(client, aicha.email, PASSWORD)
    response = client.post("/portal/sign-out")
    assert response["Location"] == "/portal/sign-in?signed_out=1"
    assert client.get("/portal/").status_code == 302


@pytest.fixture
def published_resets():
    published: list[Any] = []

    def record(sender: Any = None, body: Any = None, **_kwargs: Any) -> None:
        if "send_password_reset_task" in str(sender):
            published.append(list(body[0]))

    before_task_publish.connect(record, weak=False)
    yield published
    before_task_publish.disconnect(record)


def test_asking_for_a_reset_link_answers_the_same_with_or_without_an_account(
    client: Client, aicha: User, published_resets: list[Any]
) -> None:
    known = client.post("/portal/password-reset", {"email": aicha.email})
    unknown = client.post("/portal/password-reset", {"email": "nobody@safi.example"})
    assert known.status_code == unknown.status_code == 200
    assert known.context["sent"]
    assert unknown.context["sent"]
    assert published_resets == [[aicha.pk]]


def test_the_reset_link_is_mailed_in_the_accounts_language_and_sets_a_password_once(
    client: Client, aicha: User, mailoutbox: list[Any], settings: Any
) -> None:
    # given
    settings.SOUK_SET_PASSWORD_URL = "https://souk.example/portal/set-password"
    assert send_password_reset_task(aicha.pk) == "sent"
    [message] = mailoutbox
    assert message.subject == "اختيار كلمة مرور جديدة لسوق"
    [link] = [line for line in message.body.splitlines() if line.startswith("https://")]
    query = link.split("?", 1)[1]
    # when
    page = client.get(f"/portal/set-password?{query}")
    form = {"email": page.context["email"], "token": page.context["token"]}
    response = client.post("/portal/set-password", form | {"password": "nouveau-mot-2026"})
    # then
    assert response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200
    again = Client().post("/portal/set-password", form | {"password": "encore-un-2026"})
    assert again.status_code == 400
    assert again.context["error"] == "Ce lien n'est plus valable. Demandez-en un nouveau."


def test_a_weak_password_is_refused_with_the_reason(client: Client, aicha: User) -> None:
    form = {"email": aicha.email, "token": invitation_token(aicha), "password": "12345678"}
    response = client.post("/portal/set-password", form)
    assert response.status_code == 400
    assert response.context["error"]


def test_the_language_switcher_sets_the_pages_and_the_accounts_language(
    client: Client, aicha: User
) -> None:
    sign_in(client, aicha.email, PASSWORD)
    response = client.post("/portal/language", {"language": "en", "next": "/portal/"})
    assert response["Location"] == "/portal/"
    assert "Hello Aïcha" in client.get("/portal/").content.decode()
    aicha.refresh_from_db()
    assert aicha.language == "en"


def test_a_weak_password_is_refused_with_the_reason_in_the_pages_language(
    client: Client, aicha: User
) -> None:
    # given: the link opened in a browser set to Arabic
    form = {"email": aicha.email, "token": invitation_token(aicha), "password": "12345678"}
    # when
    response = client.post("/portal/set-password", form, HTTP_ACCEPT_LANGUAGE="ar")
    # then: Django's own reasons, in Arabic
    assert response.status_code == 400
    with translation.override("ar"):
        expected = gettext("This password is too common.")
    assert expected != "This password is too common."
    assert expected in response.context["error"]


@pytest.mark.parametrize(
    ("forwarded_for", "trusted_proxies", "counted_as"),
    [
        ("203.0.113.7", 0, "10.0.0.1"),  # no proxy: the header is the client's own words
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.9, 203.0.113.7", 1, "203.0.113.7"),  # a forged first entry is ignored
        ("198.51.100.9, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),
        ("", 1, "10.0.0.1"),
    ],
)
def test_attempts_are_counted_for_the_client_behind_the_trusted_proxies(
    forwarded_for: str, trusted_proxies: int, counted_as: str
) -> None:
    assert sign_in_limits.client_address("10.0.0.1", forwarded_for, trusted_proxies) == counted_as


def test_behind_a_proxy_one_client_is_limited_and_the_others_still_sign_in(
    aicha: User, settings: Any
) -> None:
    # given a proxy in front of the App: every request comes from its address
    settings.SOUK_TRUSTED_PROXIES = 1
    settings.SOUK_SIGN_IN_ATTEMPTS_PER_ADDRESS = 3
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for n in range(3):
        sign_in(guesser, f"someone{n}@example.com", "guess")
    # when someone else signs in through the same proxy
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    # then only the guesser waits
    assert sign_in(guesser, aicha.email, PASSWORD).status_code == 429
    assert sign_in(other, aicha.email, PASSWORD).status_code == 302
