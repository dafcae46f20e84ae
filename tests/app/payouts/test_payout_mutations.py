"""The payouts mutations and queries over GraphQL, for each kind of viewer, and their errors.

Target: cooperative-safi (manager abdelkader-benhima, treasurer khadija-ouazzani, artisan
mohamed-serghini); other_manager manages fes-zellige, other_artisan belongs to it."""

from typing import Any

import pytest
import requests
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.payouts.manual_payments import RecordInput, record_manual_payment
from storefront_plugins.payouts.models import (
    Frequency,
    LedgerOrder,
    Payout,
    PayoutItem,
    PayoutMethod,
    PayoutRun,
    PayoutSchedule,
    PayoutState,
    Rail,
)
from storefront_plugins.payouts.payout_flow import transition_to
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.graphql_client import access_token_for, graphql
from tests.app.payouts.conftest import VALID_RIB, Actor, balances_of, credit_payable, method

ACTORS = ["anonymous", "artisan_self", "other_artisan", "manager", "other_manager", "treasurer"]
TREASURY = {"manager", "treasurer"}

RUN_START = """
mutation Start($cooperative: ID!) {
  payoutRunStart(cooperativeId: $cooperative, currency: "MAD") {
    run { id state payoutCount totalAmount currency }
    errors { field code message }
  }
}"""
APPROVE = """
mutation Approve($id: ID!) {
  payoutApprove(id: $id) { payout { id state } errors { field code message } }
}"""
CANCEL = """
mutation Cancel($id: ID!) {
  payoutCancel(id: $id, reason: "Duplicate") { payout { id state } errors { field code message } }
}"""
METHOD_SET = """
mutation Method($input: PayoutMethodInput!) {
  payoutMethodSet(input: $input) {
    method { rail holderName ribLastDigits isDefault }
    errors { field code message }
  }
}"""
SCHEDULE_SET = """
mutation Schedule($cooperative: ID!, $input: PayoutScheduleInput!) {
  payoutScheduleSet(cooperativeId: $cooperative, input: $input) {
    schedule { frequency weekday minimums requiresSecondApproval }
    errors { field code message }
  }
}"""
RUN_QUERY = """
query Run($id: ID!) {
  payoutRun(id: $id) {
    state payoutCount skippedCount totalAmount
    progress { created submitted paid failed cancelled amountPaid done needsAttention }
    payouts {
      id artisanId cooperativeId amount rail state reconciliationAttempts needsAttention
      events { fromState toState }
    }
  }
}"""


def token_of(treasury: dict[str, Actor], actor: str) -> str | None:
    return None if actor == "anonymous" else access_token_for(treasury[actor].user)


def denied(result: dict[str, Any]) -> bool:
    return [e["extensions"]["exception"]["code"] for e in result.get("errors", [])] == [
        "PermissionDenied"
    ]


def safi_id(safi: Cooperative) -> str:
    return to_global_id("Cooperative", safi.pk)


def serghini() -> Party:
    return Party(PartyKind.ARTISAN, Artisan.objects.get(slug="mohamed-serghini").pk)


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_run_start(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str
) -> None:
    # given
    credit_payable(serghini(), 15_075)
    method(serghini(), Rail.CASH)

    # when
    result = graphql(
        client, RUN_START, {"cooperative": safi_id(safi)}, token=token_of(treasury, actor)
    )

    # then
    if actor in TREASURY:
        run = PayoutRun.objects.get()
        assert result["data"]["payoutRunStart"] == {
            "run": {
                "id": to_global_id("PayoutRun", run.pk),
                "state": "OPEN",
                "payoutCount": 1,
                "totalAmount": "150.75",
                "currency": "MAD",
            },
            "errors": [],
        }
    else:
        assert denied(result)
        assert PayoutRun.objects.count() == 0


def test_payout_run_start_errors(
    client: Client, safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given: nothing owed
    token = token_of(treasury, "treasurer")

    # when
    result = graphql(client, RUN_START, {"cooperative": safi_id(safi)}, token=token)

    # then
    errors = result["data"]["payoutRunStart"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("currency", "NOTHING_TO_PAY")]


def a_recorded_payout(safi: Cooperative, treasury: dict[str, Actor]) -> Payout:
    PayoutSchedule.objects.create(
        cooperative_id=safi.pk, frequency=Frequency.MANUAL, requires_second_approval=True
    )
    credit_payable(serghini(), 9_000)
    method(serghini(), Rail.MOBILE_WALLET)
    payout = start_payout_run(safi.pk, "MAD", None).payouts[0]
    treasurer = treasury["treasurer"]
    return record_manual_payment(
        treasurer.viewer,
        treasurer.user,
        RecordInput(payout.pk, "INWI-88231", timezone.localdate(), b"%PDF-1.4 receipt"),
    )


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", "denied"),
        ("artisan_self", "denied"),
        ("other_artisan", "denied"),
        ("other_manager", "denied"),
        ("treasurer", "SAME_APPROVER"),  # recorded it
        ("manager", "PAID"),
    ],
)
def test_payout_approve(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str, expected: str
) -> None:
    # given
    payout = a_recorded_payout(safi, treasury)

    # when
    result = graphql(
        client, APPROVE, {"id": to_global_id("Payout", payout.pk)}, token=token_of(treasury, actor)
    )

    # then
    if expected == "denied":
        assert denied(result)
    elif expected == "SAME_APPROVER":
        assert result["data"]["payoutApprove"]["errors"] == [
            {
                "field": "id",
                "code": "SAME_APPROVER",
                "message": "Someone other than the treasurer who recorded the payment approves it.",
            }
        ]
    else:
        assert result["data"]["payoutApprove"] == {
            "payout": {"id": to_global_id("Payout", payout.pk), "state": "PAID"},
            "errors": [],
        }
    state = PayoutState.PAID if expected == "PAID" else PayoutState.SUBMITTED
    assert Payout.objects.get(pk=payout.pk).state == state


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_cancel(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str
) -> None:
    # given
    credit_payable(serghini(), 5_000)
    method(serghini(), Rail.CASH)
    payout = start_payout_run(safi.pk, "MAD", None).payouts[0]

    # when
    result = graphql(
        client, CANCEL, {"id": to_global_id("Payout", payout.pk)}, token=token_of(treasury, actor)
    )

    # then
    if actor in TREASURY:
        assert result["data"]["payoutCancel"]["payout"]["state"] == "CANCELLED"
        assert balances_of(serghini())["payable"] == 5_000
    else:
        assert denied(result)
        assert Payout.objects.get(pk=payout.pk).state == PayoutState.CREATED


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_method_set_for_an_artisan(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str
) -> None:
    # given: the artisan sets their own; the treasury acts for its cooperative's member
    artisan = serghini()
    variables = {
        "input": {
            "artisanId": to_global_id("Artisan", artisan.id),
            "rail": "BANK_TRANSFER",
            "holderName": "Mohamed Serghini",
            "rib": "0115 1900 0001 2050 0053 4921",
        }
    }
    if actor in TREASURY:
        variables["input"]["cooperativeId"] = safi_id(safi)

    # when
    result = graphql(client, METHOD_SET, variables, token=token_of(treasury, actor))

    # then
    if actor in TREASURY | {"artisan_self"}:
        assert result["data"]["payoutMethodSet"] == {
            "method": {
                "rail": "BANK_TRANSFER",
                "holderName": "Mohamed Serghini",
                "ribLastDigits": "4921",
                "isDefault": True,
            },
            "errors": [],
        }
        assert PayoutMethod.objects.get(party_id=artisan.id).rib == VALID_RIB
    else:
        assert denied(result)
        assert not PayoutMethod.objects.exists()


def test_a_new_method_replaces_the_default(
    client: Client, safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    artisan = serghini()
    old = method(artisan, Rail.CASH)
    variables = {
        "input": {
            "artisanId": to_global_id("Artisan", artisan.id),
            "rail": "MOBILE_WALLET",
            "walletNumber": "+212 661 234 567",
            "walletProvider": "Orange Money",
        }
    }

    # when
    result = graphql(client, METHOD_SET, variables, token=token_of(treasury, "artisan_self"))

    # then
    assert result["data"]["payoutMethodSet"]["errors"] == []
    old.refresh_from_db()
    new = PayoutMethod.objects.get(is_default=True)
    assert (old.is_default, new.rail, new.wallet_number) == (
        False,
        "mobile_wallet",
        "+212661234567",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"rib": "011519000001205000534922"}, [("rib", "INVALID_RIB")]),
        ({"rib": "1234"}, [("rib", "INVALID_RIB")]),
        ({"holderName": "  "}, [("holderName", "REQUIRED")]),
    ],
)
def test_payout_method_set_errors(
    client: Client,
    safi: Cooperative,
    treasury: dict[str, Actor],
    changes: dict[str, str],
    expected: list[tuple[str, str]],
) -> None:
    # given
    variables = {
        "input": {
            "artisanId": to_global_id("Artisan", serghini().id),
            "rail": "BANK_TRANSFER",
            "holderName": "Mohamed Serghini",
            "rib": VALID_RIB,
            **changes,
        }
    }

    # when
    result = graphql(client, METHOD_SET, variables, token=token_of(treasury, "artisan_self"))

    # then
    errors = result["data"]["payoutMethodSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == expected
    assert not PayoutMethod.objects.exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_schedule_set(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str
) -> None:
    # given
    variables = {
        "cooperative": safi_id(safi),
        "input": {
            "frequency": "WEEKLY",
            "weekday": 4,
            "minimums": [{"currency": "MAD", "amount": 20_000}],
            "requiresSecondApproval": True,
        },
    }

    # when
    result = graphql(client, SCHEDULE_SET, variables, token=token_of(treasury, actor))

    # then
    if actor in TREASURY:
        assert result["data"]["payoutScheduleSet"] == {
            "schedule": {
                "frequency": "WEEKLY",
                "weekday": 4,
                "minimums": '{"MAD": 20000}',
                "requiresSecondApproval": True,
            },
            "errors": [],
        }
    else:
        assert denied(result)
        assert not PayoutSchedule.objects.exists()


def test_a_weekly_schedule_needs_its_weekday(
    client: Client, safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # when
    result = graphql(
        client,
        SCHEDULE_SET,
        {"cooperative": safi_id(safi), "input": {"frequency": "WEEKLY", "weekday": 7}},
        token=token_of(treasury, "treasurer"),
    )

    # then
    errors = result["data"]["payoutScheduleSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("weekday", "OUT_OF_RANGE")]


@pytest.mark.parametrize("actor", ACTORS)
def test_a_run_and_its_progress_are_read_by_the_treasury_only(
    client: Client, safi: Cooperative, members: list[Party], treasury: dict[str, Actor], actor: str
) -> None:
    # given
    credit_payable(members[0], 1_000)
    method(members[0], Rail.CASH)
    run = start_payout_run(safi.pk, "MAD", None).run

    # when
    result = graphql(
        client,
        RUN_QUERY,
        {"id": to_global_id("PayoutRun", run.pk)},
        token=token_of(treasury, actor),
    )

    # then
    assert "errors" not in result
    if actor in TREASURY:
        assert result["data"]["payoutRun"]["progress"] == {
            "created": 1,
            "submitted": 0,
            "paid": 0,
            "failed": 0,
            "cancelled": 0,
            "amountPaid": "0.00",
            "done": 0,
            "needsAttention": 0,
        }
        [payout] = result["data"]["payoutRun"]["payouts"]
        assert (payout["reconciliationAttempts"], payout["needsAttention"]) == (0, False)
    else:
        assert result["data"]["payoutRun"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_a_run_is_read_in_a_fixed_number_of_queries(
    client: Client,
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    django_assert_num_queries: Any,
    count: int,
) -> None:
    # given
    for party in members[:count]:
        credit_payable(party, 1_000)
        method(party, Rail.CASH)
    run = start_payout_run(safi.pk, "MAD", None).run
    token = token_of(treasury, "manager")
    variables = {"id": to_global_id("PayoutRun", run.pk)}

    # when
    with django_assert_num_queries(6):
        result = graphql(client, RUN_QUERY, variables, token=token)

    # then
    payouts = result["data"]["payoutRun"]["payouts"]
    assert len(payouts) == count
    assert payouts[0]["events"] == [{"fromState": None, "toState": "CREATED"}]


RUN_ITEMS_QUERY = """
query Run($id: ID!) {
  payoutRun(id: $id) {
    payouts { amount items { saleorOrderId orderNumber amount stripeTransferId } }
  }
}"""


def test_a_run_lists_each_payouts_transfers_order_by_order_in_one_more_query(
    client: Client,
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    django_assert_num_queries: Any,
) -> None:
    # given two payouts, one paying two Saleor orders (a transfer each), one with none yet
    for party in members[:2]:
        credit_payable(party, 1_000)
        method(party, Rail.CASH)
    run = start_payout_run(safi.pk, "MAD", None).run
    first, _second = run.payouts.order_by("pk")
    orders = [
        LedgerOrder.objects.create(
            saleor_api_url="https://saleor.example/graphql/",
            saleor_order_id=to_global_id("Order", n),
            order_number=str(n),
            currency="MAD",
        )
        for n in (41, 42)
    ]
    PayoutItem.objects.create(
        payout=first, order=orders[0], amount=600, idempotency_key="k-41", stripe_transfer_id="tr_1"
    )
    PayoutItem.objects.create(payout=first, order=orders[1], amount=400, idempotency_key="k-42")
    variables = {"id": to_global_id("PayoutRun", run.pk)}
    token = token_of(treasury, "manager")

    # when (the same queries as without items, and one for every payout's items)
    with django_assert_num_queries(6):
        result = graphql(client, RUN_ITEMS_QUERY, variables, token=token)

    # then
    payouts = result["data"]["payoutRun"]["payouts"]
    assert payouts[0]["items"] == [
        {
            "saleorOrderId": "T3JkZXI6NDE=",
            "orderNumber": "41",
            "amount": "6.00",
            "stripeTransferId": "tr_1",
        },
        {
            "saleorOrderId": "T3JkZXI6NDI=",
            "orderNumber": "42",
            "amount": "4.00",
            "stripeTransferId": "",
        },
    ]
    assert payouts[1]["items"] == []


PAYOUT_QUERY = """
query Payout($id: ID!) {
  payout(id: $id) { amount currency state externalReference hasProof proofUrl }
}"""


@pytest.mark.parametrize("actor", ACTORS)
def test_a_payout_is_read_by_its_artisan_and_the_treasury(
    client: Client,
    safi: Cooperative,
    treasury: dict[str, Actor],
    s3_storage: Any,
    moto_s3: Any,
    actor: str,
) -> None:
    # given: serghini's payout, recorded with its proof
    payout = a_recorded_payout(safi, treasury)

    # when
    result = graphql(
        client,
        PAYOUT_QUERY,
        {"id": to_global_id("Payout", payout.pk)},
        token=token_of(treasury, actor),
    )

    # then
    assert "errors" not in result
    read = result["data"]["payout"]
    if actor in TREASURY | {"artisan_self"}:
        assert {k: v for k, v in read.items() if k != "proofUrl"} == {
            "amount": "90.00",
            "currency": "MAD",
            "state": "SUBMITTED",
            "externalReference": "INWI-88231",
            "hasProof": True,
        }
        if actor in TREASURY:  # the approver sees the proof, through a short-lived S3 link
            opened = client.get(read["proofUrl"].removeprefix("http://testserver"))
            assert opened.status_code == 302
            assert opened["Location"].startswith(
                f"{moto_s3.endpoint_url}/{s3_storage.bucket_name}/"
            )
            assert requests.get(opened["Location"], timeout=10).content.startswith(b"%PDF")
        else:
            assert read["proofUrl"] is None
    else:
        assert read is None


RUNS_QUERY = """
query Runs($cooperative: ID!) {
  payoutRuns(cooperativeId: $cooperative, first: 20) {
    totalCount
    edges { node { state payoutCount progress { paid cancelled done } } }
  }
}"""


def closed_runs(safi: Cooperative, party: Party, count: int) -> None:
    method(party, Rail.CASH)
    for _ in range(count):
        credit_payable(party, 1_000)
        payout = start_payout_run(safi.pk, "MAD", None).payouts[0]
        transition_to(payout.pk, PayoutState.CANCELLED)
        credit_payable(party, -1_000)


@pytest.mark.parametrize("count", [1, 3])
def test_the_runs_of_a_cooperative_are_listed_in_a_fixed_number_of_queries(
    client: Client,
    safi: Cooperative,
    treasury: dict[str, Actor],
    django_assert_num_queries: Any,
    count: int,
) -> None:
    # given
    closed_runs(safi, serghini(), count)
    token = token_of(treasury, "treasurer")

    # when
    with django_assert_num_queries(6):
        result = graphql(client, RUNS_QUERY, {"cooperative": safi_id(safi)}, token=token)

    # then
    runs = result["data"]["payoutRuns"]
    assert runs["totalCount"] == count
    assert [e["node"] for e in runs["edges"]] == [
        {"state": "CLOSED", "payoutCount": 1, "progress": {"paid": 0, "cancelled": 1, "done": 1}}
    ] * count


@pytest.mark.parametrize("actor", ACTORS)
def test_the_runs_of_a_cooperative_are_for_its_treasury(
    client: Client, safi: Cooperative, treasury: dict[str, Actor], actor: str
) -> None:
    # given
    closed_runs(safi, serghini(), 1)

    # when
    result = graphql(
        client, RUNS_QUERY, {"cooperative": safi_id(safi)}, token=token_of(treasury, actor)
    )

    # then
    if actor in TREASURY:
        assert result["data"]["payoutRuns"]["totalCount"] == 1
    else:
        assert denied(result)


def test_a_treasurer_sets_methods_of_their_cooperatives_members_only(
    client: Client, safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given: youssef-bennani belongs to fes-zellige, not to cooperative-safi
    bennani = Artisan.objects.get(slug="youssef-bennani")
    variables = {
        "input": {
            "artisanId": to_global_id("Artisan", bennani.pk),
            "cooperativeId": safi_id(safi),
            "rail": "CASH",
        }
    }

    # when
    result = graphql(client, METHOD_SET, variables, token=token_of(treasury, "treasurer"))

    # then
    errors = result["data"]["payoutMethodSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("artisan", "NOT_A_MEMBER")]
    assert not PayoutMethod.objects.exists()
