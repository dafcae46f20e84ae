"""The outbox of writes to Saleor: coalesced edits, delivered once committed, retried with
backoff while Saleor is down, failed for good on a refusal, never delivered twice at once,
and an edit made during a delivery delivered again after it."""

import socket
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from storefront_plugins.saleor_app import outbox
from storefront_plugins.saleor_app.documents import saleor_app_documents
from storefront_plugins.saleor_app.exceptions import SaleorMutationError
from storefront_plugins.saleor_app.models import OutboxEntry
from storefront_plugins.saleor_app.outbox import (
    WriteState,
    deliver,
    enqueue_write,
    retry_write,
    schedule_delivery,
    write_states,
)
from storefront_plugins.saleor_app.tasks import deliver_outbox_entry, sweep_outbox

KIND = "test.product"


@pytest.fixture
def writes():
    """A writer that asks the entry's Saleor for its app id (a real request to the
    installation's Saleor), recording each key it writes; `hooks` run inside it."""
    calls: list[str] = []
    hooks: list = []

    def write(client, key):
        calls.append(key)
        for hook in hooks:
            hook(key)
        client.execute(saleor_app_documents.get("queries/app_id"))

    outbox.register_writer(KIND, write)
    write.calls = calls  # type: ignore[attr-defined]
    write.hooks = hooks  # type: ignore[attr-defined]
    yield write
    outbox.unregister_writer(KIND)


@pytest.fixture
def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/graphql/"


def saleor_is_down(installation, url):
    type(installation).objects.filter(pk=installation.pk).update(saleor_api_url=url)


def entry_of(key):
    return OutboxEntry.objects.get(kind=KIND, key=key)


@pytest.mark.django_db
def test_edits_before_delivery_coalesce_into_one_write(installation, writes):
    # given
    enqueue_write(installation.pk, KIND, "P1")
    enqueue_write(installation.pk, KIND, "P1")
    enqueue_write(installation.pk, KIND, "P2")

    # when
    results = [deliver(entry.pk) for entry in OutboxEntry.objects.order_by("key")]

    # then
    assert results == ["delivered", "delivered"]
    assert writes.calls == ["P1", "P2"]
    assert not OutboxEntry.objects.exists()


@pytest.mark.django_db
def test_a_write_is_queued_only_once_the_transaction_commits(
    installation, writes, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks() as queued:
        enqueue_write(installation.pk, KIND, "P1")
        enqueue_write(installation.pk, KIND, "P1")

    # then one message per commit and entry, none before
    entry = entry_of("P1")
    assert [(cb.func, cb.args) for cb in queued] == [
        (schedule_delivery, (entry.pk,)),
        (schedule_delivery, (entry.pk,)),
    ]
    assert entry.generation == 2


@pytest.mark.django_db
def test_a_rolled_back_edit_owes_saleor_nothing(
    installation, writes, django_capture_on_commit_callbacks
):
    def failing_edit():
        with transaction.atomic():
            enqueue_write(installation.pk, KIND, "P1")
            raise RuntimeError("the edit failed")

    # when
    with django_capture_on_commit_callbacks() as queued, pytest.raises(RuntimeError):
        failing_edit()

    # then
    assert queued == []
    assert not OutboxEntry.objects.exists()


@pytest.mark.django_db
def test_an_unknown_kind_is_refused(installation):
    with pytest.raises(ValueError, match="No outbox writer"):
        enqueue_write(installation.pk, "nobody.writes.this", "P1")


@pytest.mark.django_db
def test_saleor_down_is_retried_with_backoff_until_it_is_back(
    installation, writes, closed_port_url, fake_saleor, django_capture_on_commit_callbacks
):
    # given
    enqueue_write(installation.pk, KIND, "P1")
    entry = entry_of("P1")
    saleor_is_down(installation, closed_port_url)

    # when
    with django_capture_on_commit_callbacks() as queued:
        result = deliver(entry.pk)

    # then retried in about 5 s, queued with that countdown
    entry.refresh_from_db()
    assert result == "retrying"
    assert (entry.status, entry.attempts) == ("pending", 1)
    assert entry.last_error.startswith("SaleorTransportError: ConnectionError reaching")
    delay = (entry.next_attempt_at - timezone.now()).total_seconds()
    assert 3 < delay < 6.5
    [callback] = queued
    assert callback.func is schedule_delivery
    assert 3 < callback.args[1] < 6.5
    assert write_states(KIND, ["P1"])["P1"] == WriteState(
        "retrying", 1, entry.last_error, entry.next_attempt_at, entry.created_at
    )
    # and not delivered before it is due
    assert deliver(entry.pk) == "skipped"

    # when Saleor is back and the backoff has passed
    saleor_is_down(installation, fake_saleor.api_url)
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    result = deliver(entry.pk)

    # then
    assert result == "delivered"
    assert writes.calls == ["P1", "P1"]
    assert write_states(KIND, ["P1"]) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "body"), [(503, "busy"), (429, "slow down")])
def test_5xx_and_429_are_retried(installation, writes, httpserver, settings, status, body):
    # given a Saleor that answers with the status
    settings.SALEOR_REQUEST_RETRIES = 0
    httpserver.expect_request("/down/graphql/").respond_with_data(body, status=status)
    saleor_is_down(installation, httpserver.url_for("/down/graphql/"))
    enqueue_write(installation.pk, KIND, "P1")

    # when
    result = deliver(entry_of("P1").pk)

    # then
    assert result == "retrying"
    assert write_states(KIND, ["P1"])["P1"].status == "retrying"


@pytest.mark.django_db
def test_retries_stop_at_the_configured_number_of_attempts(
    installation, writes, closed_port_url, settings, caplog
):
    # given
    settings.SOUK_OUTBOX_MAX_ATTEMPTS = 2
    settings.SALEOR_REQUEST_RETRIES = 0
    saleor_is_down(installation, closed_port_url)
    enqueue_write(installation.pk, KIND, "P1")
    entry = entry_of("P1")

    # when
    first = deliver(entry.pk)
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    second = deliver(entry.pk)

    # then
    assert (first, second) == ("retrying", "failed")
    state = write_states(KIND, ["P1"])["P1"]
    assert (state.status, state.attempts, state.next_attempt_at) == ("failed", 2, None)
    assert [r.levelname for r in caplog.records if "failed for good" in r.message] == ["ERROR"]
    assert outbox.due_entry_ids(timezone.now() + timedelta(days=1)) == []


@pytest.mark.django_db
def test_a_refusal_fails_the_write_at_once_until_retried_by_hand(
    installation, writes, fake_saleor, caplog, django_capture_on_commit_callbacks
):
    # given Saleor refuses the App's token (a GraphQL permission error)
    type(installation).objects.filter(pk=installation.pk).update(auth_token="revoked")
    enqueue_write(installation.pk, KIND, "P1")
    entry = entry_of("P1")

    # when
    result = deliver(entry.pk)

    # then
    assert result == "failed"
    state = write_states(KIND, ["P1"])["P1"]
    assert (state.status, state.attempts) == ("failed", 1)
    assert state.last_error.startswith("SaleorPermissionDenied: You need one of")
    assert len([r for r in caplog.records if "failed for good" in r.message]) == 1

    # when the token is fixed and the write retried by hand
    type(installation).objects.filter(pk=installation.pk).update(auth_token="app-token-1")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        retried = retry_write(KIND, "P1")

    # then
    assert retried is True
    assert len(queued) == 1
    assert write_states(KIND, ["P1"])["P1"].status == "pending"
    assert deliver(entry.pk) == "delivered"
    assert retry_write(KIND, "P1") is False


@pytest.mark.django_db
def test_a_mutation_error_is_permanent_and_a_new_edit_tries_again(installation, writes):
    # given
    def refuse(key):
        raise SaleorMutationError("productUpdate", [])

    writes.hooks.append(refuse)
    enqueue_write(installation.pk, KIND, "P1")
    assert deliver(entry_of("P1").pk) == "failed"

    # when the artisan edits again
    writes.hooks.clear()
    enqueue_write(installation.pk, KIND, "P1")

    # then
    entry = entry_of("P1")
    assert (entry.status, entry.attempts) == ("pending", 0)
    assert deliver(entry.pk) == "delivered"


@pytest.mark.django_db
def test_an_edit_during_delivery_is_delivered_again_after_it(
    installation, writes, django_capture_on_commit_callbacks
):
    # given an edit lands while the writer is talking to Saleor
    enqueue_write(installation.pk, KIND, "P1")
    entry = entry_of("P1")
    writes.hooks.append(
        lambda key: enqueue_write(installation.pk, KIND, key) if len(writes.calls) == 1 else None
    )

    # when
    with django_capture_on_commit_callbacks() as queued:
        first = deliver(entry.pk)

    # then
    assert first == "redeliver"
    assert entry_of("P1").status == "pending"
    assert [cb.func for cb in queued] == [schedule_delivery]
    assert deliver(entry.pk) == "delivered"
    assert writes.calls == ["P1", "P1"]
    assert not OutboxEntry.objects.exists()


@pytest.mark.django_db
def test_write_states_reads_every_key_in_one_query(
    installation, writes, django_assert_num_queries, closed_port_url
):
    # given one pending, one retrying, one failed, one with nothing owed
    for key in ("P1", "P2", "P3"):
        enqueue_write(installation.pk, KIND, key)
    OutboxEntry.objects.filter(key="P2").update(attempts=3, last_error="SaleorTransportError: x")
    OutboxEntry.objects.filter(key="P3").update(status="failed", attempts=1, last_error="no")

    # when
    with django_assert_num_queries(1):
        states = write_states(KIND, ["P1", "P2", "P3", "P4"])

    # then
    assert {key: (s.status, s.attempts) for key, s in states.items()} == {
        "P1": ("pending", 0),
        "P2": ("retrying", 3),
        "P3": ("failed", 1),
    }
    assert states["P3"].next_attempt_at is None
    with django_assert_num_queries(0):
        assert write_states(KIND, []) == {}


@pytest.mark.django_db
def test_the_sweep_queues_writes_whose_message_was_lost_and_claims_past_their_lease(
    installation, writes, settings
):
    # given
    now = timezone.now()
    for key in ("lost", "fresh", "abandoned", "in-flight", "backing-off"):
        enqueue_write(installation.pk, KIND, key)
    OutboxEntry.objects.filter(key="lost").update(next_attempt_at=now - timedelta(minutes=5))
    OutboxEntry.objects.filter(key="abandoned").update(
        status="delivering", claimed_at=now - timedelta(hours=1)
    )
    OutboxEntry.objects.filter(key="in-flight").update(status="delivering", claimed_at=now)
    OutboxEntry.objects.filter(key="backing-off").update(
        next_attempt_at=now + timedelta(minutes=5), attempts=2
    )

    # when
    due = outbox.due_entry_ids(now)

    # then
    assert sorted(OutboxEntry.objects.get(pk=pk).key for pk in due) == ["abandoned", "lost"]
    assert sweep_outbox.apply().get() == 2
    assert deliver(entry_of("abandoned").pk) == "delivered"
    assert deliver(entry_of("in-flight").pk) == "skipped"


@pytest.mark.django_db
def test_the_task_delivers_an_entry(installation, writes):
    enqueue_write(installation.pk, KIND, "P1")

    assert deliver_outbox_entry.apply(args=(entry_of("P1").pk,)).get() == "delivered"
    assert deliver_outbox_entry.apply(args=(987654,)).get() == "skipped"


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_deliver_one_entry_twice(installation, writes):
    # given two entries (made directly: enqueue_write would commit and queue them, and a
    # worker of the session may be consuming the test queue)
    now = timezone.now()
    p1, p2 = (
        OutboxEntry.objects.create(
            installation=installation,
            kind=KIND,
            key=key,
            next_attempt_at=now,
            created_at=now,
            edited_at=now,
        ).pk
        for key in ("P1", "P2")
    )
    # and the first worker is inside the writer, and a third holds the row locked
    inside, release = threading.Event(), threading.Event()
    locked, unlock = threading.Event(), threading.Event()

    def hold_p1(key):
        if key == "P1":
            inside.set()
            release.wait(10)

    writes.hooks.append(hold_p1)
    results: dict[str, str] = {}

    def first_worker() -> None:
        try:
            results["first"] = deliver(p1)
        finally:
            connection.close()

    def locker() -> None:
        try:
            with transaction.atomic():
                OutboxEntry.objects.select_for_update().get(pk=p2)
                locked.set()
                unlock.wait(10)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_worker), threading.Thread(target=locker)]
    for thread in threads:
        thread.start()
    assert inside.wait(10)
    assert locked.wait(10)

    # when another worker is handed both entries
    second_p1 = deliver(p1)
    second_p2 = deliver(p2)

    # then it skips them at once, without waiting for the locks
    release.set()
    unlock.set()
    for thread in threads:
        thread.join(10)
    assert (second_p1, second_p2) == ("skipped", "skipped")
    assert results == {"first": "delivered"}
    assert writes.calls == ["P1"]
    assert deliver(p2) == "delivered"


def test_which_failures_are_retried():
    from storefront_plugins.saleor_app.exceptions import (
        SaleorGraphQLError,
        SaleorHTTPError,
        SaleorTransportError,
    )

    assert outbox.is_retryable(SaleorTransportError("down"))
    assert outbox.is_retryable(SaleorHTTPError("x", status=429))
    assert outbox.is_retryable(SaleorHTTPError("x", status=502))
    assert not outbox.is_retryable(SaleorHTTPError("x", status=400))
    assert not outbox.is_retryable(SaleorGraphQLError([]))
    assert not outbox.is_retryable(SaleorMutationError("m", []))
    assert not outbox.is_retryable(KeyError("x"))
