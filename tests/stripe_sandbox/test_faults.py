import time

import pytest
import stripe

from tests.stripe_sandbox.flows import onboarded_account, paid_intent


@pytest.fixture
def destination(sandbox, client) -> str:
    account = onboarded_account(sandbox, client)
    paid_intent(client, 10_000)
    return str(account.id)


def transfer_params(destination: str) -> stripe.params.TransferCreateParams:
    return {"amount": 1_000, "currency": "eur", "destination": destination}


def test_an_injected_error_answers_500_once_and_changes_nothing(sandbox, client, destination):
    # given
    sandbox.inject_fault("/v1/transfers", "error")

    # when
    with pytest.raises(stripe.APIError) as failed:
        client.v1.transfers.create(params=transfer_params(destination))
    after = client.v1.transfers.create(params=transfer_params(destination))

    # then
    assert failed.value.http_status == 500
    assert [t.id for t in client.v1.transfers.list().data] == [after.id]


def test_the_clients_own_retry_with_its_idempotency_key_gets_past_an_error(sandbox, destination):
    # given
    sandbox.inject_fault("/v1/transfers", "error")
    retrying = sandbox.client(max_network_retries=2)

    # when
    transfer = retrying.v1.transfers.create(params=transfer_params(destination))

    # then
    posts = [
        r
        for r in sandbox.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/transfers")
    ]
    assert [r["fault"] for r in posts] == ["error", None]
    assert posts[0]["idempotency_key"] == posts[1]["idempotency_key"]
    assert [t.id for t in retrying.v1.transfers.list().data] == [transfer.id]


def test_a_timeout_before_the_call_runs_leaves_no_transfer(sandbox, destination):
    # given
    sandbox.inject_fault("/v1/transfers", "timeout", seconds=1.5)
    impatient = sandbox.client(timeout=0.5)

    # when
    with pytest.raises(stripe.APIConnectionError):
        impatient.v1.transfers.create(params=transfer_params(destination))
    time.sleep(1.2)

    # then
    assert impatient.v1.transfers.list().data == []


def test_a_timeout_after_the_call_ran_is_recovered_by_retrying_the_idempotency_key(
    sandbox, destination
):
    # given: the transfer is made but its answer comes after the client gave up
    sandbox.inject_fault("/v1/transfers", "timeout", seconds=1.5, after_effect=True)
    impatient = sandbox.client(timeout=0.5)

    # when
    with pytest.raises(stripe.APIConnectionError):
        impatient.v1.transfers.create(
            params=transfer_params(destination), options={"idempotency_key": "payout-7"}
        )
    retried = impatient.v1.transfers.create(
        params=transfer_params(destination), options={"idempotency_key": "payout-7"}
    )

    # then
    assert retried.last_response is not None
    assert retried.last_response.headers["Idempotent-Replayed"] == "true"
    assert [t.id for t in impatient.v1.transfers.list().data] == [retried.id]


def test_a_dropped_connection_is_a_connection_error(sandbox, client, destination):
    # given
    sandbox.inject_fault("/v1/transfers", "drop", count=2)

    # when
    for _ in range(2):
        with pytest.raises(stripe.APIConnectionError):
            client.v1.transfers.create(params=transfer_params(destination))
    third = client.v1.transfers.create(params=transfer_params(destination))

    # then
    assert [t.id for t in client.v1.transfers.list().data] == [third.id]
    faults = [
        r["fault"]
        for r in sandbox.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/transfers")
    ]
    assert faults == ["drop", "drop", None]


def test_faults_match_a_path_pattern_and_method(sandbox, client, destination):
    # given
    transfer = client.v1.transfers.create(params=transfer_params(destination))
    sandbox.inject_fault("/v1/transfers/*/reversals", "error")

    # when
    listed = client.v1.transfers.reversals.list(transfer.id)
    with pytest.raises(stripe.APIError):
        client.v1.transfers.reversals.create(transfer.id)

    # then
    assert listed.data == []
    assert client.v1.transfers.retrieve(transfer.id).amount_reversed == 0


def test_resetting_forgets_every_object(sandbox, client, destination):
    # when
    sandbox.reset()

    # then
    assert client.v1.accounts.list().data == []
    assert client.v1.events.list().data == []
