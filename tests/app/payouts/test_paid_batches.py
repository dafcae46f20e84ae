"""The worker posts the ORDER_FULLY_PAID deliveries it finds pending in batches, one
transaction per batch: every order once, one bad order failing alone with its reason, and
two workers at once never posting an order twice."""

import hashlib
import json
import threading
from collections import Counter
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from storefront_plugins.payouts import services
from storefront_plugins.payouts.models import (
    LedgerEntry,
    LedgerOrder,
    LedgerTransaction,
    OrderPosting,
)
from storefront_plugins.payouts.paid_batches import PaidOrder, post_order_splits
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.models import Installation, WebhookDelivery
from storefront_plugins.saleor_app.services import (
    handle_delivery,
    queue_delivery,
    take_batch_ticket,
    ticket_store,
)
from storefront_plugins.saleor_app.tasks import handle_webhook_delivery
from tests.app.payouts.conftest import API_URL, PLATE, TAJINE, ledger_sum, line, order_payload
from tests.app.payouts.test_order_postings import QUERIES_PER_BATCH


@pytest.fixture(autouse=True)
def no_task_queued():
    """No ticket left by an earlier test: deliveries here are queued or handled explicitly."""
    take_batch_ticket(WebhookEvent.ORDER_FULLY_PAID)
    yield
    take_batch_ticket(WebhookEvent.ORDER_FULLY_PAID)


@pytest.fixture
def installation(db: None) -> Installation:
    return Installation.objects.create(
        saleor_api_url=API_URL,
        saleor_app_id="QXBwOjE=",
        auth_token="token",
        jwks={"keys": []},
        jwks_fetched_at=timezone.now(),
    )


def paid_order(order_id: str, issued_at: str = "2026-11-20T10:00:00+00:00") -> dict[str, Any]:
    return order_payload(
        [line(f"{order_id}-1", TAJINE, "120.00", "20.00")], order_id=order_id, issued_at=issued_at
    )


def store(installation: Installation, *payloads: dict[str, Any]) -> list[int]:
    """Deliveries as `receive_webhook` stores verified ones: pending, never attempted."""
    ids = []
    for payload in payloads:
        body = json.dumps(payload, default=str)
        ids.append(
            WebhookDelivery.objects.create(
                installation=installation,
                event="ORDER_FULLY_PAID",
                body=body,
                body_sha256=hashlib.sha256(body.encode()).hexdigest(),
            ).pk
        )
    return ids


def statuses(delivery_ids: list[int]) -> list[tuple[str, int, str]]:
    deliveries = {d.pk: d for d in WebhookDelivery.objects.filter(pk__in=delivery_ids)}
    return [
        (deliveries[i].status, deliveries[i].attempts, deliveries[i].last_error)
        for i in delivery_ids
    ]


def posted_orders() -> list[str]:
    return sorted(OrderPosting.objects.values_list("saleor_order_id", flat=True))


def test_the_first_task_posts_the_pending_deliveries_together_and_the_others_find_them_handled(
    safi, installation
):
    # given
    ids = store(installation, *(paid_order(f"T3JkZXI6{n}") for n in range(3)))

    # when
    first = handle_delivery(ids[0])
    later = [handle_delivery(i) for i in ids]

    # then
    assert (first, later) == ("handled", ["handled"] * 3)
    assert statuses(ids) == [("handled", 1, "")] * 3
    assert posted_orders() == ["T3JkZXI60", "T3JkZXI61", "T3JkZXI62"]
    assert LedgerTransaction.objects.count() == 3
    assert ledger_sum() == 0


# The delivery's status read, it locked, the others claimed, the handled marked, and the
# payouts' batch (tests/app/payouts/test_order_postings.py): whatever the batch's size. In a
# test, the batch's transaction is a savepoint of the test's: two more.
QUERIES_PER_DELIVERY_BATCH = 4 + QUERIES_PER_BATCH + 2


@pytest.mark.parametrize("order_count", [1, 6])
def test_a_batch_of_deliveries_takes_the_same_number_of_queries_for_any_size(
    safi, installation, order_count, django_assert_num_queries
):
    # given the parties' accounts exist
    handle_delivery(store(installation, paid_order("T3JkZXI6MA"))[0])
    ids = store(installation, *(paid_order(f"T3JkZXI6{n + 1}") for n in range(order_count)))

    # when / then
    with django_assert_num_queries(QUERIES_PER_DELIVERY_BATCH):
        handle_delivery(ids[0])
    with django_assert_num_queries(1):
        handle_delivery(ids[-1])  # handled by the batch above
    assert len(posted_orders()) == 1 + order_count


@override_settings(SALEOR_WEBHOOK_BATCH_SIZE=2)
def test_a_full_batch_is_followed_by_another_in_the_same_task(safi, installation):
    # given
    ids = store(installation, *(paid_order(f"T3JkZXI6{n}") for n in range(3)))
    before = queued_messages()

    # when
    handle_delivery(ids[0])

    # then: two transactions, of two deliveries and one, and a task queued for another
    # worker to share them (it finds none left)
    assert queued_messages() == before + 1
    assert [status for status, _, _ in statuses(ids)] == ["handled"] * 3
    handled_at = WebhookDelivery.objects.filter(pk__in=ids).values_list("handled_at", flat=True)
    assert sorted(Counter(handled_at).values()) == [1, 2]
    assert posted_orders() == ["T3JkZXI60", "T3JkZXI61", "T3JkZXI62"]


def queued_messages() -> int:
    store = ticket_store()
    assert store is not None, "these tests need the Redis broker (REDIS_URL)"
    return int(store.llen(settings.CELERY_TASK_DEFAULT_QUEUE))


def test_deliveries_received_while_a_task_is_queued_wait_for_it_without_a_message(
    safi, installation
):
    # given: three deliveries received one after another, no task started yet
    before = queued_messages()
    ids = store(installation, *(paid_order(f"T3JkZXI6{n}") for n in range(3)))
    for delivery_id in ids:
        queue_delivery(delivery_id, WebhookEvent.ORDER_FULLY_PAID)
    assert queued_messages() == before + 1  # the first one's task

    # when that task starts
    handle_delivery(ids[0])
    [later] = store(installation, paid_order("T3JkZXI6Mw"))
    queue_delivery(later, WebhookEvent.ORDER_FULLY_PAID)

    # then it handled the three; one received after it started has its own message
    assert [status for status, _, _ in statuses(ids)] == ["handled"] * 3
    assert queued_messages() == before + 2


def test_a_task_whose_delivery_was_handled_takes_those_left_to_it(safi, installation):
    # given: the first delivery was handled by another task, the second waited for this one
    first, second = store(installation, paid_order("T3JkZXI6MA"), paid_order("T3JkZXI6MQ"))
    queue_delivery(first, WebhookEvent.ORDER_FULLY_PAID)
    WebhookDelivery.objects.filter(pk=first).update(status="handled")
    queue_delivery(second, WebhookEvent.ORDER_FULLY_PAID)  # no message: the ticket is taken

    # when
    handle_delivery(first)

    # then
    assert statuses([second]) == [("handled", 1, "")]


def test_an_order_the_split_refuses_fails_alone_with_its_reason(safi, installation):
    # given: the second order in a currency payouts do not know
    unknown = order_payload(
        [line("TGluZTox", TAJINE, "120", "0", currency="XAU")],
        currency="XAU",
        order_id="T3JkZXI6WA",
    )
    ids = store(installation, paid_order("T3JkZXI6MA"), unknown, paid_order("T3JkZXI6Mg"))

    # when
    handle_delivery(ids[0])

    # then
    assert statuses(ids) == [
        ("handled", 1, ""),
        ("failed", 1, "UnknownCurrency: The currency 'XAU' is not one payouts know."),
        ("handled", 1, ""),
    ]
    assert posted_orders() == ["T3JkZXI6MA", "T3JkZXI6Mg"]


def test_an_order_the_database_refuses_fails_alone_and_the_others_are_posted(safi, installation):
    # given: the second order's number is longer than the ledger keeps (32 characters), so
    # the batch's INSERT is refused and every order is posted alone
    too_long = paid_order("T3JkZXI6TA")
    too_long["order"]["number"] = "9" * 40
    ids = store(installation, paid_order("T3JkZXI6MA"), too_long, paid_order("T3JkZXI6Mg"))

    # when
    handle_delivery(ids[0])

    # then
    [first, refused, third] = statuses(ids)
    assert first == third == ("handled", 1, "")
    assert refused[:2] == ("failed", 1)
    assert refused[2].startswith("DataError: value too long")
    assert posted_orders() == ["T3JkZXI6MA", "T3JkZXI6Mg"]
    assert LedgerTransaction.objects.count() == 2
    assert ledger_sum() == 0


def test_when_the_named_delivery_fails_the_others_are_committed_and_it_fails_as_alone(
    safi, installation
):
    # given
    no_order = {"issuedAt": "2026-11-20T10:00:00+00:00"}
    ids = store(installation, no_order, paid_order("T3JkZXI6MQ"))

    # when
    result = handle_webhook_delivery.apply(args=(ids[0],))

    # then
    assert result.state == "FAILURE"
    assert statuses(ids) == [
        ("failed", 1, "InvalidOrderPayload: The payload carries no order."),
        ("handled", 1, ""),
    ]
    assert posted_orders() == ["T3JkZXI6MQ"]


def test_the_same_order_in_two_deliveries_of_a_batch_is_posted_once(safi, installation):
    # given: Saleor sent the order's event twice, with different bodies
    ids = store(
        installation,
        paid_order("T3JkZXI6MQ", issued_at="2026-11-20T10:00:00+00:00"),
        paid_order("T3JkZXI6MQ", issued_at="2026-11-20T10:05:00+00:00"),
    )

    # when
    handle_delivery(ids[0])

    # then
    assert statuses(ids) == [("handled", 1, "")] * 2
    assert posted_orders() == ["T3JkZXI6MQ"]
    assert LedgerTransaction.objects.count() == 1


def test_an_order_posted_by_an_earlier_batch_is_not_posted_again(safi, installation):
    # given
    [first] = store(installation, paid_order("T3JkZXI6MQ"))
    handle_delivery(first)

    # when the order comes again, in a batch with another
    ids = store(
        installation,
        paid_order("T3JkZXI6MQ", issued_at="2026-11-20T11:00:00+00:00"),
        paid_order("T3JkZXI6Mg"),
    )
    handle_delivery(ids[0])

    # then
    assert statuses(ids) == [("handled", 1, "")] * 2
    assert posted_orders() == ["T3JkZXI6MQ", "T3JkZXI6Mg"]
    assert LedgerTransaction.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_post_every_order_once(safi, installation):
    # given: 30 orders, each delivered twice (different bodies), all pending
    ids = store(
        installation,
        *(
            paid_order(f"T3JkZXI6{n}", issued_at=f"2026-11-20T10:0{copy}:00+00:00")
            for n in range(30)
            for copy in range(2)
        ),
    )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker(order: list[int]) -> None:
        try:
            start.wait()
            for delivery_id in order:
                handle_delivery(delivery_id)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    # when: one takes the deliveries in order, the other from the end, with batches of 7
    with override_settings(SALEOR_WEBHOOK_BATCH_SIZE=7):
        threads = [
            threading.Thread(target=worker, args=(ids,)),
            threading.Thread(target=worker, args=(ids[::-1],)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    # then
    assert errors == []
    assert {status for status, _, _ in statuses(ids)} == {"handled"}
    assert posted_orders() == sorted(f"T3JkZXI6{n}" for n in range(30))
    assert LedgerTransaction.objects.count() == 30
    sums = LedgerEntry.objects.values("transaction_id").annotate(total=Sum("amount"))
    assert {row["total"] for row in sums} == {0}


def test_a_batch_posts_what_each_order_posted_alone_would(safi, potters):
    # given: orders with and without provenance, shipping, another cooperative's channel,
    # a charge reference, an order without money, and one fulfilled before it was paid
    def orders(prefix: str) -> list[dict[str, Any]]:
        with_charge = paid_order(f"{prefix}-charged")
        with_charge["order"]["transactions"] = [
            {"pspReference": "ch_1", "chargedAmount": {"amount": 140, "currency": "MAD"}}
        ]
        return [
            paid_order(f"{prefix}-tajine"),
            order_payload(
                [
                    line(f"{prefix}-1", TAJINE, "120.00", "20.00"),
                    line(f"{prefix}-2", PLATE, "50.00", "0"),
                ],
                order_id=f"{prefix}-mixed",
            ),
            order_payload(
                [line(f"{prefix}-3", PLATE, "80.00", "0")],
                channel="other",
                order_id=f"{prefix}-other",
            ),
            order_payload([], shipping=("0", "0"), order_id=f"{prefix}-free"),
            with_charge,
        ]

    paid_at = timezone.now()
    for prefix in ("alone", "batch"):
        services.record_order_fulfilled(API_URL, parse_order(orders(prefix)[0]), paid_at)

    # when
    alone = [services.post_order_split(API_URL, parse_order(p), paid_at) for p in orders("alone")]
    batch = post_order_splits(
        [PaidOrder(API_URL, parse_order(p), paid_at) for p in orders("batch")]
    )

    # then
    assert [r.outcome for r in alone] == ["posted"] * 5
    for single, batched in zip(alone, batch, strict=True):
        assert isinstance(batched, services.PostingResult)
        assert (batched.outcome, batched.postings) == ("posted", single.postings)
        assert posted(single.ledger_order_id) == posted(batched.ledger_order_id)
    assert LedgerOrder.objects.get(saleor_order_id="batch-tajine").hold_until is not None
    assert LedgerOrder.objects.get(saleor_order_id="batch-charged").charge_reference == "ch_1"


def posted(ledger_order_id: int) -> tuple[Any, ...]:
    """What the ledger keeps of an order, without ids."""
    order = LedgerOrder.objects.get(pk=ledger_order_id)
    entries = sorted(
        LedgerEntry.objects.filter(transaction__order=order).values_list(
            "account__party_kind",
            "account__party_id",
            "account__kind",
            "amount",
            "role",
            "transaction__kind",
            "transaction__description",
        )
    )
    posting = OrderPosting.objects.get(saleor_order_id=order.saleor_order_id)
    return (
        order.order_number,
        order.currency,
        order.channel_slug,
        order.cooperative_id,
        order.paid_at,
        order.hold_until,
        order.charge_reference,
        [(*e[:6], e[6].replace(order.saleor_order_id, "?")) for e in entries],
        posting.transaction_id is None,
        json.dumps(posting.detail).replace(order.saleor_order_id.split("-")[0], "?"),
    )
