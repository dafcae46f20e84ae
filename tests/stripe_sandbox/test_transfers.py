from concurrent.futures import ThreadPoolExecutor

import pytest
import stripe

from tests.stripe_sandbox.flows import available, onboarded_account, paid_intent


def test_a_transfer_moves_funds_from_the_platform_to_the_connected_account(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 10_000, transfer_group="order_1")

    # when
    transfer = client.v1.transfers.create(
        params={
            "amount": 7_000,
            "currency": "eur",
            "destination": account.id,
            "transfer_group": "order_1",
            "description": "Order 1: the potter's share",
            "metadata": {"payout": "p1"},
        }
    )

    # then
    assert transfer.id.startswith("tr_")
    assert transfer.destination == account.id
    assert transfer.destination_payment.startswith("py_")
    assert transfer.balance_transaction.startswith("txn_")
    assert (transfer.amount, transfer.amount_reversed, transfer.reversed) == (7_000, 0, False)
    assert transfer.transfer_group == "order_1"
    assert transfer.metadata.to_dict() == {"payout": "p1"}
    assert available(client, "eur") == 3_000
    assert available(client, "eur", account=account.id) == 7_000
    assert client.v1.transfers.retrieve(transfer.id).amount == 7_000


def test_a_transfer_above_the_available_balance_is_refused(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 1_000)

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.create(
            params={"amount": 1_001, "currency": "eur", "destination": account.id}
        )

    # then
    assert (refused.value.http_status, refused.value.code) == (400, "balance_insufficient")
    assert available(client, "eur") == 1_000
    assert client.v1.transfers.list().data == []


def test_a_transfer_from_a_source_transaction_is_limited_by_that_charge(sandbox, client):
    # given: the charge's funds, then most of the platform's balance spent elsewhere
    account = onboarded_account(sandbox, client)
    intent = paid_intent(client, 5_000, transfer_group="order_2")
    client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 1_000})
    first = client.v1.transfers.create(
        params={
            "amount": 3_000,
            "currency": "eur",
            "destination": account.id,
            "source_transaction": intent.latest_charge,
        }
    )

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.create(
            params={
                "amount": 1_001,
                "currency": "eur",
                "destination": account.id,
                "source_transaction": intent.latest_charge,
            }
        )
    last = client.v1.transfers.create(
        params={
            "amount": 1_000,
            "currency": "eur",
            "destination": account.id,
            "source_transaction": intent.latest_charge,
            "transfer_group": "order_2",
        }
    )

    # then
    assert first.source_transaction == intent.latest_charge
    assert (refused.value.code, refused.value.param) == ("amount_too_large", "amount")
    assert last.amount == 1_000
    assert available(client, "eur") == 0


def test_a_destination_without_active_transfers_is_refused(client):
    # given: an account that never finished onboarding
    account = client.v1.accounts.create(
        params={"type": "express", "capabilities": {"transfers": {"requested": True}}}
    )
    paid_intent(client, 5_000)

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.create(
            params={"amount": 1_000, "currency": "eur", "destination": account.id}
        )

    # then
    assert refused.value.code == "insufficient_capabilities_for_transfer"
    assert refused.value.param == "destination"
    assert available(client, "eur") == 5_000


def test_transfers_are_listed_by_destination_and_transfer_group(sandbox, client):
    # given
    potter = onboarded_account(sandbox, client)
    weaver = onboarded_account(sandbox, client)
    paid_intent(client, 10_000)
    to_potter = client.v1.transfers.create(
        params={"amount": 100, "currency": "eur", "destination": potter.id, "transfer_group": "o1"}
    )
    to_weaver = client.v1.transfers.create(
        params={"amount": 200, "currency": "eur", "destination": weaver.id, "transfer_group": "o1"}
    )
    later = client.v1.transfers.create(
        params={"amount": 300, "currency": "eur", "destination": potter.id, "transfer_group": "o2"}
    )

    # when
    by_destination = client.v1.transfers.list(params={"destination": potter.id})
    by_group = client.v1.transfers.list(params={"transfer_group": "o1"})

    # then
    assert [t.id for t in by_destination.data] == [later.id, to_potter.id]
    assert [t.id for t in by_group.data] == [to_weaver.id, to_potter.id]
    assert by_group.url == "/v1/transfers"


def test_reversals_return_funds_until_the_transfer_is_fully_reversed(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    transfer = client.v1.transfers.create(
        params={"amount": 4_000, "currency": "eur", "destination": account.id}
    )

    # when
    partial = client.v1.transfers.reversals.create(
        transfer.id, params={"amount": 1_500, "metadata": {"refund": "r1"}}
    )
    rest = client.v1.transfers.reversals.create(transfer.id)
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.reversals.create(transfer.id, params={"amount": 1})

    # then
    assert partial.id.startswith("trr_")
    assert (partial.amount, partial.transfer) == (1_500, transfer.id)
    assert partial.metadata.to_dict() == {"refund": "r1"}
    assert rest.amount == 2_500
    assert refused.value.code == "transfer_already_reversed"
    reversed_transfer = client.v1.transfers.retrieve(transfer.id)
    assert (reversed_transfer.amount_reversed, reversed_transfer.reversed) == (4_000, True)
    listed = client.v1.transfers.reversals.list(transfer.id)
    assert [r.id for r in listed.data] == [rest.id, partial.id]
    assert available(client, "eur") == 5_000
    assert available(client, "eur", account=account.id) == 0
    events = client.v1.events.list(params={"types": ["transfer.created", "transfer.reversed"]})
    assert [event.type for event in events.data] == [
        "transfer.reversed",
        "transfer.reversed",
        "transfer.created",
    ]


def test_a_reversal_above_what_remains_is_refused(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    transfer = client.v1.transfers.create(
        params={"amount": 1_000, "currency": "eur", "destination": account.id}
    )

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.reversals.create(transfer.id, params={"amount": 1_001})

    # then
    assert (refused.value.http_status, refused.value.param) == (400, "amount")
    assert client.v1.transfers.retrieve(transfer.id).amount_reversed == 0


def test_a_reversal_the_destination_balance_cannot_cover_is_refused(sandbox, client):
    # given: the connected account paid 800 of its 1 000 out to its bank
    account = onboarded_account(sandbox, client)
    paid_intent(client, 5_000)
    transfer = client.v1.transfers.create(
        params={"amount": 1_000, "currency": "eur", "destination": account.id}
    )
    payout = client.v1.payouts.create(
        params={"amount": 800, "currency": "eur"}, options={"stripe_account": account.id}
    )

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.transfers.reversals.create(transfer.id, params={"amount": 300})
    reversal = client.v1.transfers.reversals.create(transfer.id, params={"amount": 200})

    # then
    assert (payout.status, refused.value.code) == ("paid", "balance_insufficient")
    assert reversal.amount == 200
    assert available(client, "eur", account=account.id) == 0
    assert available(client, "eur") == 4_200


def test_a_payout_beyond_the_available_balance_is_refused(sandbox, client):
    # given
    account = onboarded_account(sandbox, client)
    paid_intent(client, 1_000)
    client.v1.transfers.create(params={"amount": 500, "currency": "eur", "destination": account.id})

    # when
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.payouts.create(
            params={"amount": 501, "currency": "eur"}, options={"stripe_account": account.id}
        )

    # then
    assert refused.value.code == "balance_insufficient"
    assert available(client, "eur", account=account.id) == 500


def test_concurrent_transfers_never_overdraw_the_platform_balance(sandbox, client):
    # given: funds for exactly three transfers of 1 000
    account = onboarded_account(sandbox, client)
    paid_intent(client, 3_000)

    def attempt(_: int) -> str:
        try:
            client.v1.transfers.create(
                params={"amount": 1_000, "currency": "eur", "destination": account.id}
            )
        except stripe.InvalidRequestError as error:
            return str(error.code)
        return "ok"

    # when
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(attempt, range(8)))

    # then
    assert outcomes == ["balance_insufficient"] * 5 + ["ok"] * 3
    assert available(client, "eur") == 0
