from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import stripe

from tests.stripe_sandbox.flows import error_of, onboarded_account, paid_intent
from tests.stripe_sandbox.server import API_KEY


def test_requests_without_a_test_secret_key_are_refused_with_401(sandbox):
    # when
    missing = requests.get(f"{sandbox.url}/v1/balance", timeout=10)
    wrong = requests.get(
        f"{sandbox.url}/v1/balance", headers={"Authorization": "Bearer pk_test_123"}, timeout=10
    )

    # then
    assert missing.status_code == 401
    assert missing.json()["error"]["type"] == "invalid_request_error"
    assert missing.json()["error"]["message"].startswith("You did not provide an API key.")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "api_key_invalid"


def test_the_client_raises_an_authentication_error_for_a_bad_key(sandbox):
    # when / then
    with pytest.raises(stripe.AuthenticationError):
        sandbox.client("sk_live_nope").v1.balance.retrieve()


def test_an_unknown_parameter_is_refused_as_stripe_does(sandbox):
    # when
    response = requests.post(
        f"{sandbox.url}/v1/transfers",
        data={"amount": "100", "currency": "eur", "destination": "acct_x", "colour": "red"},
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=10,
    )

    # then
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "type": "invalid_request_error",
            "code": "parameter_unknown",
            "message": "Received unknown parameter: colour",
            "param": "colour",
        }
    }
    assert response.headers["Request-Id"].startswith("req_")


def test_an_unknown_nested_parameter_is_refused(client):
    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.accounts.create(
            params={"type": "express", "capabilities": {"transfers": {"wanted": True}}}
        )

    # then
    assert refused.value.code == "parameter_unknown"
    assert refused.value.param == "capabilities[transfers][wanted]"


def test_the_same_idempotency_key_and_parameters_replay_the_first_answer(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    params: stripe.params.TransferCreateParams = {
        "amount": 1_000,
        "currency": "eur",
        "destination": account.id,
    }
    first = client.v1.transfers.create(params=params, options={"idempotency_key": "payout-1"})

    # when
    again = client.v1.transfers.create(params=params, options={"idempotency_key": "payout-1"})

    # then
    assert again.id == first.id
    assert again.last_response is not None
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    assert len(client.v1.transfers.list().data) == 1


def test_an_idempotency_key_reused_with_other_parameters_is_refused(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    client.v1.transfers.create(
        params={"amount": 1_000, "currency": "eur", "destination": account.id},
        options={"idempotency_key": "payout-2"},
    )

    # when
    with pytest.raises(stripe.IdempotencyError) as refused:
        client.v1.transfers.create(
            params={"amount": 2_000, "currency": "eur", "destination": account.id},
            options={"idempotency_key": "payout-2"},
        )

    # then
    assert refused.value.http_status == 400
    assert "payout-2" in (refused.value.user_message or "")
    assert len(client.v1.transfers.list().data) == 1


def test_an_error_that_ran_is_replayed_but_a_refused_parameter_is_not_stored(client):
    # given: a declined card ran; an unknown parameter did not
    declined_params: stripe.params.PaymentIntentCreateParams = {
        "amount": 1_000,
        "currency": "eur",
        "payment_method": "pm_card_chargeDeclined",
        "confirm": True,
    }
    with pytest.raises(stripe.CardError) as first:
        client.v1.payment_intents.create(params=declined_params, options={"idempotency_key": "k1"})
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.create(
            params={"amount": 1_000, "currency": "eur", "colour": "red"},
            options={"idempotency_key": "k2"},
        )

    # when
    with pytest.raises(stripe.CardError) as replayed:
        client.v1.payment_intents.create(params=declined_params, options={"idempotency_key": "k1"})
    fixed = client.v1.payment_intents.create(
        params={"amount": 1_000, "currency": "eur"}, options={"idempotency_key": "k2"}
    )

    # then
    first_intent = error_of(first.value)["payment_intent"]
    assert error_of(replayed.value)["payment_intent"]["id"] == first_intent["id"]
    assert replayed.value.headers is not None
    assert replayed.value.headers["Idempotent-Replayed"] == "true"
    assert fixed.status == "requires_payment_method"


def test_an_unknown_url_and_an_unknown_object_answer_404(sandbox, client):
    # when
    url = requests.get(
        f"{sandbox.url}/v1/nothing", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=10
    )
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.transfers.retrieve("tr_missing")

    # then
    assert url.status_code == 404
    assert url.json()["error"]["message"].startswith("Unrecognized request URL (GET: /v1/nothing)")
    assert (missing.value.http_status, missing.value.code, missing.value.param) == (
        404,
        "resource_missing",
        "id",
    )


def test_a_stripe_account_header_for_an_unknown_account_is_refused(client):
    # when
    with pytest.raises(stripe.PermissionError) as refused:
        client.v1.balance.retrieve(options={"stripe_account": "acct_unknown"})

    # then
    assert refused.value.http_status == 403
    assert error_of(refused.value)["code"] == "account_invalid"


def test_lists_page_by_limit_and_starting_after(client):
    # given
    intents = [paid_intent(client, 100 + n) for n in range(3)]
    newest_first = [intent.latest_charge for intent in reversed(intents)]

    # when
    first_page = client.v1.events.list(params={"type": "charge.succeeded", "limit": 2})
    second_page = client.v1.events.list(
        params={"type": "charge.succeeded", "limit": 2, "starting_after": first_page.data[-1].id}
    )

    # then
    assert [e.data.object.id for e in first_page.data] == newest_first[:2]
    assert first_page.has_more is True
    assert [e.data.object.id for e in second_page.data] == newest_first[2:]
    assert second_page.has_more is False
    assert first_page.url == "/v1/events"


def test_expand_replaces_an_id_by_its_object(client):
    # given
    intent = paid_intent(client, 1_000)

    # when
    expanded = client.v1.payment_intents.retrieve(
        intent.id, params={"expand": ["latest_charge.balance_transaction"]}
    )

    # then
    assert expanded.latest_charge.id == intent.latest_charge
    assert expanded.latest_charge.balance_transaction.object == "balance_transaction"


def test_concurrent_requests_with_one_idempotency_key_make_one_transfer(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)

    def send(_: int) -> str:
        transfer = client.v1.transfers.create(
            params={"amount": 1_000, "currency": "eur", "destination": account.id},
            options={"idempotency_key": "payout-concurrent"},
        )
        return str(transfer.id)

    # when
    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = set(pool.map(send, range(6)))

    # then
    assert len(ids) == 1
    assert [t.id for t in client.v1.transfers.list().data] == list(ids)


def test_a_connected_accounts_balance_is_read_with_the_stripe_account_header(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    transfer = client.v1.transfers.create(
        params={"amount": 1_200, "currency": "eur", "destination": account.id}
    )

    # when
    connected = client.v1.balance.retrieve(options={"stripe_account": account.id})
    platform = client.v1.balance.retrieve()

    # then
    assert [(f.amount, f.currency) for f in connected.available] == [(1_200, "eur")]
    assert [(f.amount, f.currency) for f in platform.available] == [(3_800, "eur")]
    with pytest.raises(stripe.PermissionError):
        client.v1.balance.retrieve(options={"stripe_account": transfer.id})
