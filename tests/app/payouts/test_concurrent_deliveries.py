"""Two workers handling the same delivery at the same moment post it once."""

import threading

import pytest
from django.db import connection

from storefront_plugins.payouts import services
from storefront_plugins.payouts.models import LedgerTransaction, OrderPosting
from storefront_plugins.payouts.payloads import parse_order
from tests.app.payouts.conftest import API_URL, TAJINE, line, order_payload

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_order_paid_twice_at_once_is_split_once(safi):
    # given
    order = parse_order(order_payload([line("TGluZTox", TAJINE, "120.00", "20.00")]))
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def deliver() -> None:
        try:
            start.wait()
            outcomes.append(services.post_order_split(API_URL, order).outcome)
        finally:
            connection.close()

    # when
    workers = [threading.Thread(target=deliver) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    # then
    assert sorted(outcomes) == ["duplicate", "posted"]
    assert LedgerTransaction.objects.count() == 1
    assert OrderPosting.objects.count() == 1
