"""Connect Express accounts of artisans and cooperatives, against the Stripe stand-in."""

from urllib.parse import parse_qs

import pytest
import requests
from django.core.exceptions import ValidationError

from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind
from storefront_plugins.stripe_gateway.client import StripeUnavailable
from storefront_plugins.stripe_gateway.connect import (
    apply_account_state,
    connected_account_for,
    connected_accounts_for,
    create_or_get_express_account,
    onboarding_link,
    refresh_connected_account,
)
from storefront_plugins.stripe_gateway.countries import STRIPE_CONNECT_COUNTRIES
from storefront_plugins.stripe_gateway.models import ConnectedAccount, StripeEvent
from storefront_plugins.stripe_gateway.webhooks import handle_event
from tests.app.stripe_gateway.conftest import account_object, deliver, event_body

pytestmark = pytest.mark.django_db

POTTER = Party(PartyKind.ARTISAN, 7)
COOPERATIVE = Party(PartyKind.COOPERATIVE, 3)


def account_creations(stripe_api):
    return [
        r
        for r in stripe_api.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/accounts")
    ]


def codes(error: ValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_a_diaspora_artisan_gets_an_express_account_that_cannot_receive_transfers_yet(
    stripe_api,
):
    # when
    state = create_or_get_express_account(POTTER, "potier@souk.example", "fr")

    # then
    assert state.stripe_account_id.startswith("acct_")
    assert (state.party_kind, state.party_id, state.country) == ("artisan", 7, "FR")
    assert (state.details_submitted, state.transfers_status, state.status) == (
        False,
        "inactive",
        "onboarding",
    )
    assert state.can_receive_transfers is False
    assert "external_account" in state.requirements_due
    (creation,) = account_creations(stripe_api)
    sent = parse_qs(creation["body"])
    assert sent["type"] == ["express"]
    assert sent["capabilities[transfers][requested]"] == ["true"]
    assert (sent["metadata[souk_party_kind]"], sent["metadata[souk_party_id]"]) == (
        ["artisan"],
        ["7"],
    )
    assert creation["idempotency_key"].startswith("souk-connect-account-artisan-7-")


def test_asking_again_returns_the_same_account_without_calling_stripe(stripe_api):
    # given
    first = create_or_get_express_account(COOPERATIVE, "export@coop.example", "ES")

    # when
    second = create_or_get_express_account(COOPERATIVE, "other@coop.example", "FR")

    # then
    assert second.stripe_account_id == first.stripe_account_id
    assert second.country == "ES"
    assert len(account_creations(stripe_api)) == 1


def test_a_lost_answer_then_a_retry_makes_one_stripe_account(stripe_api):
    # given Stripe created the account but its answer never arrived
    stripe_api.inject_fault("/v1/accounts", "drop", after_effect=True)
    with pytest.raises(StripeUnavailable):
        create_or_get_express_account(POTTER, "potier@souk.example", "FR")

    # when
    state = create_or_get_express_account(POTTER, "potier@souk.example", "FR")

    # then
    on_stripe = stripe_api.client().v1.accounts.list().data
    assert [account.id for account in on_stripe] == [state.stripe_account_id]
    first, second = account_creations(stripe_api)
    assert first["idempotency_key"] == second["idempotency_key"]
    assert ConnectedAccount.objects.count() == 1


def test_the_account_of_a_lost_answer_is_linked_by_its_first_event(stripe_api):
    # given
    stripe_api.inject_fault("/v1/accounts", "drop", after_effect=True)
    with pytest.raises(StripeUnavailable):
        create_or_get_express_account(POTTER, "potier@souk.example", "FR")
    (account,) = stripe_api.client().v1.accounts.list().data

    # when
    state = apply_account_state(account.to_dict(), as_of=account.created)

    # then
    assert state is not None
    linked = connected_account_for(POTTER)
    assert linked is not None
    assert linked.stripe_account_id == account.id


@pytest.mark.parametrize("country", ["MA", "DZ", "ma"])
def test_stripe_connect_is_refused_where_stripe_is_not_available(stripe_api, country):
    # when
    with pytest.raises(ValidationError) as refused:
        create_or_get_express_account(POTTER, "potier@souk.example", country)

    # then
    assert codes(refused.value) == {"country": ["STRIPE_NOT_AVAILABLE_IN_COUNTRY"]}
    assert "MA" not in STRIPE_CONNECT_COUNTRIES
    assert "DZ" not in STRIPE_CONNECT_COUNTRIES
    assert account_creations(stripe_api) == []
    assert ConnectedAccount.objects.count() == 0


@pytest.mark.parametrize("country", ["", "F", "FRA", "1A"])
def test_a_country_that_is_no_iso_code_is_refused(stripe_api, country):
    with pytest.raises(ValidationError) as refused:
        create_or_get_express_account(POTTER, "potier@souk.example", country)

    assert codes(refused.value) == {"country": ["INVALID_COUNTRY"]}


def test_the_platform_has_no_connected_account(stripe_api):
    with pytest.raises(ValidationError) as refused:
        create_or_get_express_account(PLATFORM, "ops@souk.example", "FR")

    assert codes(refused.value) == {"party": ["INVALID"]}


def test_stripe_down_is_said_and_nothing_is_kept_as_created(stripe_api):
    # given
    stripe_api.inject_fault("/v1/accounts", "error")

    # when
    with pytest.raises(StripeUnavailable) as unavailable:
        create_or_get_express_account(POTTER, "potier@souk.example", "FR")

    # then
    assert unavailable.value.code == "STRIPE_UNAVAILABLE"
    assert connected_account_for(POTTER) is None


def test_a_missing_key_is_said(stripe_api, settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(StripeUnavailable) as unavailable:
        create_or_get_express_account(POTTER, "potier@souk.example", "FR")

    assert unavailable.value.code == "STRIPE_NOT_CONFIGURED"


def test_an_onboarding_link_points_to_stripes_hosted_onboarding(stripe_api):
    # given
    state = create_or_get_express_account(POTTER, "potier@souk.example", "FR")

    # when
    link = onboarding_link(POTTER, "https://souk.example/return", "https://souk.example/refresh")

    # then
    assert link.url.startswith(f"{stripe_api.url}/connect/onboarding/")
    assert link.account == state
    creation = next(r for r in stripe_api.received_requests() if r["path"] == "/v1/account_links")
    sent = parse_qs(creation["body"])
    assert (sent["account"], sent["type"]) == ([state.stripe_account_id], ["account_onboarding"])


def test_an_onboarding_link_needs_an_account(stripe_api):
    with pytest.raises(ValidationError) as refused:
        onboarding_link(POTTER, "https://souk.example/return", "https://souk.example/refresh")

    assert codes(refused.value) == {"party": ["STRIPE_ACCOUNT_REQUIRED"]}


def test_refreshing_reads_the_account_from_stripe(stripe_api):
    # given an onboarding completed whose event has not arrived
    create_or_get_express_account(POTTER, "potier@souk.example", "FR")
    link = onboarding_link(POTTER, "https://souk.example/return", "https://souk.example/refresh")
    requests.post(link.url, allow_redirects=False, timeout=10).raise_for_status()

    # when
    state = refresh_connected_account(POTTER)

    # then
    assert state is not None
    assert (state.status, state.can_receive_transfers, state.requirements_due) == (
        "active",
        True,
        (),
    )


def test_account_updated_events_keep_the_newest_state_whatever_their_order(
    client, stripe_api, webhook_secret
):
    # given
    state = create_or_get_express_account(POTTER, "potier@souk.example", "FR")
    account_id = state.stripe_account_id
    enabled = account_object(account_id, transfers="active", submitted=True, due=())
    pending = account_object(
        account_id, transfers="pending", submitted=True, due=("external_account",)
    )
    newer = event_body("evt_new", enabled, created=2_000_000_100, account=account_id)
    older = event_body("evt_old", pending, created=2_000_000_000, account=account_id)

    # when the newer arrives first, then the older, then the newer again
    for body in (newer, older, newer):
        deliver(client, body)
    for event in StripeEvent.objects.order_by("pk"):
        handle_event(event.pk)

    # then
    assert StripeEvent.objects.count() == 2
    kept = connected_account_for(POTTER)
    assert kept is not None
    assert (kept.status, kept.transfers_status, kept.requirements_due) == ("active", "active", ())
    assert ConnectedAccount.objects.get().state_as_of == 2_000_000_100


def test_an_older_event_does_not_undo_a_newer_one_of_the_same_account_read_on_creation(
    client, stripe_api, webhook_secret
):
    # given an event older than the account's creation (cannot be newer than what was read)
    state = create_or_get_express_account(POTTER, "potier@souk.example", "FR")
    stale = account_object(state.stripe_account_id, transfers="active", submitted=True, due=())
    deliver(client, event_body("evt_stale", stale, created=1_000, account=state.stripe_account_id))

    # when
    handle_event(StripeEvent.objects.get().pk)

    # then
    kept = connected_account_for(POTTER)
    assert kept is not None
    assert kept.can_receive_transfers is False


def test_an_event_about_an_account_souk_does_not_know_changes_nothing(client, webhook_secret, db):
    # given
    deliver(client, event_body("evt_x", account_object("acct_foreign")))

    # when
    status = handle_event(StripeEvent.objects.get().pk)

    # then
    assert status == "handled"
    assert ConnectedAccount.objects.count() == 0


def test_accounts_of_many_parties_are_read_in_one_query(stripe_api, django_assert_num_queries):
    # given
    create_or_get_express_account(POTTER, "potier@souk.example", "FR")
    create_or_get_express_account(COOPERATIVE, "export@coop.example", "ES")
    parties = [POTTER, COOPERATIVE, Party(PartyKind.ARTISAN, 8)]

    # when
    with django_assert_num_queries(1):
        found = connected_accounts_for(parties)

    # then
    assert sorted(found) == [("artisan", 7), ("cooperative", 3)]
