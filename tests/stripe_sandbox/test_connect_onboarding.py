import pytest
import requests
import stripe


def create_express_account(client: stripe.StripeClient) -> stripe.Account:
    return client.v1.accounts.create(
        params={
            "type": "express",
            "country": "MA",
            "email": "tisserande@souk.example",
            "business_type": "individual",
            "capabilities": {"transfers": {"requested": True}},
            "metadata": {"artisan": "42"},
        }
    )


def test_a_new_express_account_cannot_be_paid_before_onboarding(client):
    # when
    account = create_express_account(client)

    # then
    assert account.id.startswith("acct_")
    assert account.type == "express"
    assert account.country == "MA"
    assert account.email == "tisserande@souk.example"
    assert account.to_dict()["metadata"] == {"artisan": "42"}
    assert (account.charges_enabled, account.payouts_enabled, account.details_submitted) == (
        False,
        False,
        False,
    )
    assert account.to_dict()["capabilities"] == {"transfers": "inactive"}
    assert account.to_dict()["requirements"]["currently_due"]


def test_submitting_the_onboarding_page_activates_transfers_and_returns(sandbox, client):
    # given
    account = create_express_account(client)
    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "refresh_url": "https://souk.example/payouts/refresh",
            "return_url": "https://souk.example/payouts/return",
            "type": "account_onboarding",
        }
    )
    page = requests.get(link.url, timeout=10)

    # when
    submitted = requests.post(link.url, allow_redirects=False, timeout=10)

    # then
    assert link.url.startswith(f"{sandbox.url}/connect/onboarding/")
    assert link.expires_at > link.created
    assert page.status_code == 200
    assert "<form method='post'" in page.text
    assert submitted.status_code == 303
    assert submitted.headers["Location"] == "https://souk.example/payouts/return"
    onboarded = client.v1.accounts.retrieve(account.id)
    assert (onboarded.charges_enabled, onboarded.payouts_enabled, onboarded.details_submitted) == (
        True,
        True,
        True,
    )
    assert onboarded.capabilities.to_dict() == {"transfers": "active"}
    assert onboarded.requirements.currently_due == []


def test_completing_onboarding_emits_a_connect_account_updated_event(client):
    # given
    account = create_express_account(client)
    link = client.v1.account_links.create(
        params={"account": account.id, "type": "account_onboarding"}
    )

    # when
    requests.post(link.url, allow_redirects=False, timeout=10)

    # then
    events = client.v1.events.list(params={"type": "account.updated"}).data
    assert len(events) == 1
    assert events[0].account == account.id
    assert events[0].data.object.id == account.id
    assert events[0].data.object.charges_enabled is True
    assert events[0].data.previous_attributes.charges_enabled is False


def test_a_used_onboarding_link_sends_to_its_refresh_url(client):
    # given
    account = create_express_account(client)
    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "type": "account_onboarding",
            "refresh_url": "https://souk.example/payouts/refresh",
        }
    )
    requests.post(link.url, allow_redirects=False, timeout=10)

    # when
    again = requests.get(link.url, allow_redirects=False, timeout=10)
    resubmitted = requests.post(link.url, allow_redirects=False, timeout=10)

    # then
    assert (again.status_code, again.headers["Location"]) == (
        302,
        "https://souk.example/payouts/refresh",
    )
    assert resubmitted.status_code == 302
    assert len(client.v1.events.list(params={"type": "account.updated"}).data) == 1


def test_a_used_onboarding_link_without_refresh_url_is_gone(client):
    # given
    account = create_express_account(client)
    link = client.v1.account_links.create(
        params={"account": account.id, "type": "account_onboarding"}
    )
    requests.post(link.url, allow_redirects=False, timeout=10)

    # when
    again = requests.get(link.url, timeout=10)

    # then
    assert again.status_code == 404


def test_account_links_refuse_an_unknown_account(client):
    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.account_links.create(
            params={"account": "acct_missing", "type": "account_onboarding"}
        )

    # then
    assert (refused.value.http_status, refused.value.code) == (404, "resource_missing")
    assert refused.value.user_message == "No such account: 'acct_missing'"


def test_account_links_refuse_a_link_type_the_stand_in_does_not_serve(client):
    # given
    account = create_express_account(client)

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.account_links.create(params={"account": account.id, "type": "account_update"})

    # then
    assert (refused.value.http_status, refused.value.param) == (400, "type")


def test_accounts_update_merges_metadata_and_are_listed_newest_first(client):
    # given
    first = create_express_account(client)
    second = create_express_account(client)

    # when
    updated = client.v1.accounts.update(
        first.id, params={"email": "new@souk.example", "metadata": {"artisan": "", "coop": "7"}}
    )
    listed = client.v1.accounts.list(params={"limit": 1})

    # then
    assert updated.email == "new@souk.example"
    assert updated.metadata.to_dict() == {"coop": "7"}
    assert [account.id for account in listed.data] == [second.id]
    assert listed.has_more is True
    after = client.v1.accounts.list(params={"starting_after": second.id})
    assert [account.id for account in after.data] == [first.id]
    assert after.has_more is False
