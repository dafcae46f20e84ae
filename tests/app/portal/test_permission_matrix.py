"""Every page of the portal, for each actor of the permission matrix: nobody sees or changes
another artisan's or cooperative's data.

One row per URL of the `portal` namespace (a page added without a row fails
`test_every_portal_url_has_a_rule`), with who may open it. The objects are cooperative-safi's:
mohamed-serghini's (artisan_self) draft listing with a photo, his submitted listing, a photo
upload waiting for confirmation, the members, the storefront "/safi", a payout run with
his payout. For each actor the page is opened (GET) and, when it takes a form, posted a form
that would change the data; each request runs in a savepoint rolled back afterwards, so every
actor meets the same objects:
- anonymous visitors go to the sign-in page (public pages answer them);
- refused actors get 404 and nothing changed in the database;
- allowed actors get the page (200, or a redirect to their own) and their form is taken
  (`writes`: it changed the data, so the same form is a real attempt for the refused)."""

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from django.utils import timezone

import tests.app.payouts.conftest  # noqa: F401  (before api_fixtures, which it imports)
from storefront_plugins.accounts.models import User
from storefront_plugins.artisans import services as directory_services
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership, Role
from storefront_plugins.artisans.services import viewer_for
from storefront_plugins.listings import services as listings
from storefront_plugins.listings.models import (
    Listing,
    ListingEvent,
    ListingPhoto,
    ListingVariant,
    ModerationComment,
)
from storefront_plugins.payouts.manual_payments import RecordInput, record_manual_payment
from storefront_plugins.payouts.models import (
    Frequency,
    LedgerEntry,
    Payout,
    PayoutEvent,
    PayoutRun,
    PayoutSchedule,
    Rail,
)
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.portal.views.storefront import _current_values
from storefront_plugins.saleor_app.models import OutboxEntry
from storefront_plugins.storefronts.loading import load_storefronts, read_fixtures_file
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from tests.app.artisans.conftest import ACTOR_ARTISANS, DIRECTORY
from tests.app.listings.conftest import TAJINE, add_photo, jpeg_bytes
from tests.app.payouts.conftest import credit_payable, method
from tests.app.portal.actors import ACTORS, STAFF, account_for, sign_in_as
from tests.app.portal.money_fixtures import artisan
from tests.app.portal.test_listings_pages import ARABIC_PIECE
from tests.app.storefronts.conftest import STOREFRONTS
from tests.app.table_rows import rows_of

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
SIGNED_IN = frozenset(ACTORS) - {"anonymous"}
EVERYONE = frozenset(ACTORS)
ARTISANS = frozenset(ACTOR_ARTISANS)  # every actor with an artisan profile (not staff)
SAFI_MANAGERS = frozenset({"manager"})
SAFI_TREASURY = frozenset({"manager", "treasurer"})
OWNER = frozenset({"artisan_self", "staff"})  # edits mohamed-serghini's listings
MODERATORS = frozenset({"manager", "staff"})  # of cooperative-safi's listings
MEMBER_LISTERS = frozenset({"manager", "staff"})


@dataclass(frozen=True)
class World:
    """cooperative-safi's objects the pages are asked about."""

    safi: int
    serghini: int  # artisan_self's artisan id
    invited: int  # a member of safi invited, no password chosen yet
    draft: Listing  # mohamed-serghini's, with a photo
    photo: ListingPhoto
    submitted: Listing  # mohamed-serghini's, waiting for a manager
    upload_key: str  # a photo uploaded for the draft, not confirmed yet
    run: PayoutRun
    payout: Payout  # mohamed-serghini's 250.00 MAD by bank transfer, second approval needed
    storefront: Storefront


@dataclass(frozen=True)
class Rule:
    """Who may open a page: `allowed` (anonymous only on public pages). `form`: what is
    posted (None: the page takes no POST); `writes`: the allowed actors' form (or, without
    one, opening the page) changes the data; `given`: set up for each actor, rolled back."""

    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    get: bool = True
    form: Callable[[World], dict[str, Any]] | None = None
    get_statuses: frozenset[int] = frozenset({200})
    post_statuses: frozenset[int] = frozenset({302})
    writes: bool = False
    given: Callable[[World], None] | None = None
    public: bool = False
    # A text of artisan_self's or safi's on the page: only these actors may read it.
    secret: Callable[[World], str] | None = None
    secret_readers: frozenset[str] = frozenset()


def _listing_url(action: str = "") -> Callable[[World], str]:
    return lambda w: f"/portal/listings/{w.draft.pk}/{action}"


def _members(action: str, member: str = "serghini") -> Callable[[World], str]:
    return lambda w: f"/portal/cooperatives/{w.safi}/members/{getattr(w, member)}/{action}"


def _payout(action: str) -> Callable[[World], str]:
    return lambda w: f"/portal/payouts/{w.payout.pk}/{action}"


def _nothing(w: World) -> dict[str, Any]:
    """A form with no fields: the action is the URL."""
    return {}


def _version(listing: Listing) -> int:
    return Listing.objects.get(pk=listing.pk).version


def _proof_form(w: World) -> dict[str, Any]:
    return {
        "reference": "VIR-2026-000123",
        "paid_on": timezone.localdate().isoformat(),
        "proof": SimpleUploadedFile("recu.pdf", PDF, "application/pdf"),
    }


def _storefront_form(w: World) -> dict[str, Any]:
    return _current_values(w.storefront) | {"tagline_fr": "Faïence de Safi, depuis 1950"}


def _uploaded(w: World) -> None:
    default_storage.delete(w.upload_key)
    default_storage.save(w.upload_key, ContentFile(jpeg_bytes()))


def _suspended(w: World) -> None:
    Membership.objects.filter(artisan_id=w.serghini).update(suspended_at=timezone.now())


def _user(actor: str) -> User:
    return User.objects.get(email=f"{ACTOR_ARTISANS[actor]}@souk.example")


def _recorded_by_the_treasurer(w: World) -> None:
    treasurer = _user("treasurer")
    record = RecordInput(w.payout.pk, "VIR-2026-000123", timezone.localdate(), PDF)
    record_manual_payment(viewer_for(treasurer), treasurer, record)


def _fresh_rate_limits(w: World) -> None:
    caches["rate_limits"].clear()


def _owed_in_euros(w: World) -> None:
    credit_payable(artisan("mohamed-serghini"), 10_000, "EUR")


RULES = [
    # Public pages: signing in and out, passwords, the language.
    Rule(
        "sign-in",
        lambda w: "/portal/sign-in",
        EVERYONE,
        form=lambda w: {"email": "", "password": ""},
        get_statuses=frozenset({200, 302}),  # the signed-in go on
        post_statuses=frozenset({302, 400}),
        public=True,
    ),
    Rule("sign-out", lambda w: "/portal/sign-out", EVERYONE, get=False, form=_nothing, public=True),
    Rule(
        "password-reset",
        lambda w: "/portal/password-reset",
        EVERYONE,
        form=lambda w: {"email": "personne@souk.example"},
        post_statuses=frozenset({200}),
        given=_fresh_rate_limits,  # every request counts, whoever asks
        public=True,
    ),
    Rule(
        "set-password",
        lambda w: "/portal/set-password",
        EVERYONE,
        form=lambda w: {"email": "", "token": "", "password": ""},
        post_statuses=frozenset({400}),
        public=True,
    ),
    Rule(
        "language",
        lambda w: "/portal/language",
        EVERYONE,
        get=False,
        form=lambda w: {"language": "ar", "next": "/portal/"},
        public=True,
    ),
    Rule("home", lambda w: "/portal/", SIGNED_IN),
    # An artisan's pieces.
    Rule(
        "listings",
        lambda w: "/portal/listings/",
        ARTISANS,
        secret=lambda w: w.draft.title["fr"],
        secret_readers=frozenset({"artisan_self"}),
    ),
    Rule(
        "listing-new",
        lambda w: "/portal/listings/new",
        ARTISANS,
        form=lambda w: ARABIC_PIECE,
        writes=True,
    ),
    Rule(
        "listing",
        _listing_url(),
        OWNER,
        form=lambda w: ARABIC_PIECE | {"version": _version(w.draft)},
        writes=True,
    ),
    Rule(
        "listing-action",
        _listing_url("action"),
        OWNER,
        get=False,
        form=lambda w: {"action": "submit", "version": _version(w.draft)},
        writes=True,
    ),
    Rule(
        "listing-photo-uploaded",
        lambda w: f"/portal/listings/{w.draft.pk}/photo-uploaded?key={w.upload_key}",
        OWNER,
        get_statuses=frozenset({302}),
        writes=True,
        given=_uploaded,
    ),
    Rule(
        "listing-photo-delete",
        lambda w: f"/portal/listings/{w.draft.pk}/photos/{w.photo.pk}/delete",
        OWNER,
        get=False,
        form=_nothing,
        writes=True,
    ),
    Rule(
        "moderation",
        lambda w: "/portal/moderation/",
        MODERATORS | {"other_manager"},
        secret=lambda w: w.submitted.title["fr"],
        secret_readers=MODERATORS,
    ),
    Rule(
        "moderation-review",
        lambda w: f"/portal/moderation/{w.submitted.pk}/",
        MODERATORS,
        form=lambda w: {"action": "approve", "version": _version(w.submitted), "comment": "Bien."},
        writes=True,
    ),
    # An artisan's own provenance and money.
    Rule("provenance", lambda w: "/portal/pieces", ARTISANS),
    Rule("payouts-sales", lambda w: "/portal/my/sales", ARTISANS),
    Rule("payouts-balance", lambda w: "/portal/my/balance", ARTISANS),
    Rule(
        "payouts-mine",
        lambda w: "/portal/my/payouts",
        ARTISANS,
        secret=lambda w: "250,00",
        secret_readers=frozenset({"artisan_self"}),
    ),
    Rule("payouts-statements", lambda w: "/portal/my/statements", ARTISANS),
    # A cooperative's treasury.
    Rule(
        "payouts-cooperatives",
        lambda w: "/portal/payouts/",
        SAFI_TREASURY | {"other_manager"},  # each to their own cooperative's runs
        get_statuses=frozenset({302}),
    ),
    Rule(
        "payouts-runs",
        lambda w: f"/portal/payouts/cooperatives/{w.safi}",
        SAFI_TREASURY,
        form=lambda w: {"currency": "EUR"},
        writes=True,
        given=_owed_in_euros,
    ),
    Rule(
        "payouts-cooperative-statements",
        lambda w: f"/portal/payouts/cooperatives/{w.safi}/statements",
        SAFI_TREASURY | {"staff"},
    ),
    Rule("payouts-run", lambda w: f"/portal/payouts/runs/{w.run.pk}", SAFI_TREASURY),
    Rule(
        "payouts-unattributed",
        lambda w: f"/portal/payouts/cooperatives/{w.safi}/unattributed",
        frozenset({"manager", "staff"}),
        # Safi has nothing unattributed here: an allowed allocation is refused (400) for
        # want of funds; the others' must not reach the service at all (404).
        form=lambda w: {
            f"amount_{w.serghini}": "10.00",
            "currency": "MAD",
            "idempotency_key": "matrix",
            "note": "matrix",
        },
        post_statuses=frozenset({400}),
    ),
    Rule("payouts-record", _payout("record"), SAFI_TREASURY, form=_proof_form, writes=True),
    Rule(
        "payouts-approve",
        _payout("approve"),
        SAFI_TREASURY,
        get=False,
        form=_nothing,
        post_statuses=frozenset({302, 400}),  # the treasurer recorded it: not theirs to approve
        given=_recorded_by_the_treasurer,
    ),
    Rule(
        "payouts-cancel",
        _payout("cancel"),
        SAFI_TREASURY,
        form=lambda w: {"reason": "RIB erroné"},
        writes=True,
    ),
    # A cooperative's members.
    Rule(
        "members",
        lambda w: "/portal/members",
        MEMBER_LISTERS | {"other_manager"},  # managers to their own cooperative's members
        get_statuses=frozenset({200, 302}),
    ),
    Rule("members-list", lambda w: f"/portal/cooperatives/{w.safi}/members", MEMBER_LISTERS),
    Rule(
        "members-invite",
        lambda w: f"/portal/cooperatives/{w.safi}/members/invite",
        MEMBER_LISTERS,
        get=False,
        form=lambda w: {
            "name": "Aicha Ait Baha",
            "email": "aicha.aitbaha@souk.example",
            "language": "ar",
            "role": "artisan",
        },
        writes=True,
    ),
    Rule(
        "members-role",
        _members("role"),
        SAFI_MANAGERS,
        get=False,
        form=lambda w: {"role": "treasurer"},
        writes=True,
    ),
    Rule(
        "members-suspend", _members("suspend"), SAFI_MANAGERS, get=False, form=_nothing, writes=True
    ),
    Rule(
        "members-reinstate",
        _members("reinstate"),
        SAFI_MANAGERS,
        get=False,
        form=_nothing,
        writes=True,
        given=_suspended,
    ),
    Rule(
        "members-resend",
        _members("invitation", member="invited"),
        MEMBER_LISTERS,
        get=False,
        form=_nothing,  # the e-mail goes after commit: nothing in the database changes
    ),
    # The storefront editor.
    Rule(
        "storefront",
        lambda w: "/portal/storefront",
        MEMBER_LISTERS | {"other_manager"},  # managers to their own cooperative's storefront
        get_statuses=frozenset({200, 302}),
    ),
    Rule(
        "storefront-edit",
        lambda w: f"/portal/cooperatives/{w.safi}/storefront",
        MEMBER_LISTERS,
        form=_storefront_form,
        writes=True,
    ),
]


def _portal_url_names(resolver: URLResolver) -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names |= _portal_url_names(pattern)
        elif pattern.name:
            names.add(pattern.name)
    return names


def test_every_portal_url_has_a_rule() -> None:
    # given
    _, portal = get_resolver().namespace_dict["portal"]
    # then: a page added later without a rule, or a rule left after its page, fails here
    assert sorted(rule.name for rule in RULES) == sorted(_portal_url_names(portal))


def _world() -> World:
    safi = Cooperative.objects.get(slug="cooperative-safi").pk
    serghini = Artisan.objects.get(slug="mohamed-serghini")
    owner, manager = viewer_for(_user("artisan_self")), viewer_for(_user("manager"))
    draft = listings.create_listing(owner, safi, TAJINE)
    photo = add_photo(draft)
    submitted = listings.create_listing(owner, safi, TAJINE | {"title": {"fr": "Plat à couscous"}})
    add_photo(submitted)
    listings.submit_listing(owner, submitted.pk, _version(submitted))
    invited = directory_services.create_artisan(
        manager, safi, {"name": "Nadia Fassi", "region": "MA-07", "city": "Safi"},
        Role.ARTISAN, "nadia.fassi@souk.example", "fr",
    ).artisan.pk  # fmt: skip
    PayoutSchedule.objects.create(
        cooperative_id=safi, frequency=Frequency.MANUAL, requires_second_approval=True
    )
    credit_payable(artisan("mohamed-serghini"), 25_000)
    method(artisan("mohamed-serghini"), Rail.BANK_TRANSFER)
    result = start_payout_run(safi, "MAD", None)
    load_storefronts(read_fixtures_file(STOREFRONTS))
    return World(
        safi=safi,
        serghini=serghini.pk,
        invited=invited,
        draft=draft,
        photo=photo,
        submitted=submitted,
        upload_key=f"uploads/listings/{draft.pk}/{'0' * 31}1",
        run=result.run,
        payout=result.payouts[0],
        storefront=Storefront.objects.get(cooperative_id=safi),
    )


@pytest.fixture(scope="module")
def matrix(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[tuple[World, dict[str, Client]]]:
    """The objects and a signed-in browser per actor, made once for every row in a
    transaction rolled back at the end (each request is rolled back too, so every row and
    every actor meets them as they are)."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        load_directory_file(DIRECTORY)
        caches["rate_limits"].clear()
        clients = {"anonymous": Client()}
        for actor, slug in [*ACTOR_ARTISANS.items(), (STAFF, STAFF)]:
            clients[actor] = sign_in_as(account_for(slug))
        yield _world(), clients
        transaction.set_rollback(True)


# The tables a portal page may write.
WRITTEN = (
    Listing,
    ListingVariant,
    ListingPhoto,
    ListingEvent,
    ModerationComment,
    User,
    Artisan,
    Membership,
    Cooperative,
    Storefront,
    StorefrontPage,
    HeroImage,
    PayoutSchedule,
    PayoutRun,
    Payout,
    PayoutEvent,
    LedgerEntry,
    OutboxEntry,
)


def _snapshot() -> tuple[Any, ...]:
    return rows_of(WRITTEN)


def _request(client: Client, verb: str, url: str, form: dict[str, Any] | None) -> Any:
    return client.get(url) if verb == "GET" else client.post(url, form or {})


def _check(rule: Rule, world: World, actor: str, client: Client, verb: str) -> None:
    """One request in a savepoint rolled back afterwards; what it answered and changed."""
    url = rule.url(world)
    with transaction.atomic():
        if rule.given:
            rule.given(world)
        before = _snapshot()
        form = rule.form(world) if verb == "POST" and rule.form else None
        cookies = copy.deepcopy(client.cookies)  # signing out ends the session: not for good
        response = _request(client, verb, url, form)
        client.cookies = cookies
        changed = _snapshot() != before
        transaction.set_rollback(True)
    where = f"{verb} {url} as {actor}"
    status = response.status_code
    if actor == "anonymous" and not rule.public:
        assert status == 302, where
        assert urlparse(response["Location"]).path == "/portal/sign-in", where
        assert not changed, where
    elif actor not in rule.allowed:
        assert status == 404, f"{where}: {status}"
        assert not changed, f"{where} changed the database"
    else:
        assert status in (rule.get_statuses if verb == "GET" else rule.post_statuses), (
            f"{where}: {status}"
        )
        if status == 302 and not rule.public:
            assert urlparse(response["Location"]).path != "/portal/sign-in", where
        writing = rule.writes and (verb == "POST" or rule.form is None)
        if writing and status == 302:
            assert changed, f"{where} changed nothing: the refused were not really tested"
    if rule.secret and verb == "GET" and status == 200:
        shown = rule.secret(world) in response.content.decode()
        assert shown is (actor in rule.secret_readers), f"{where}: {rule.secret(world)!r}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_portal_permission_matrix(
    db: None, matrix: tuple[World, dict[str, Client]], rule: Rule
) -> None:
    # given
    world, clients = matrix
    # when / then: the refused first (on the objects as they are), then the allowed
    for actor in sorted(ACTORS, key=lambda actor: actor in rule.allowed):
        for verb in ("GET", "POST"):
            if (verb == "GET" and rule.get) or (verb == "POST" and rule.form):
                _check(rule, world, actor, clients[actor], verb)
