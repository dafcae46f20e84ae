"""Two requests onboarding one party at once (a double tap, two managers) make one Stripe
account: they share the pending row, so Stripe sees one idempotency key and parameters."""

import threading

import pytest
from django.db import connection

from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.stripe_gateway.connect import (
    ConnectedAccountState,
    create_or_get_express_account,
)
from storefront_plugins.stripe_gateway.models import ConnectedAccount

pytestmark = pytest.mark.django_db(transaction=True)

COOPERATIVE = Party(PartyKind.COOPERATIVE, 5)


def test_concurrent_creations_for_one_party_make_one_stripe_account(stripe_api):
    # given
    start = threading.Barrier(4)
    results: list[ConnectedAccountState] = []
    failures: list[BaseException] = []

    def onboard() -> None:
        try:
            start.wait()
            results.append(create_or_get_express_account(COOPERATIVE, "coop@souk.example", "FR"))
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=onboard) for _ in range(4)]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert failures == []
    assert len({state.stripe_account_id for state in results}) == 1
    assert len(results) == 4
    assert len(stripe_api.client().v1.accounts.list().data) == 1
    assert ConnectedAccount.objects.count() == 1
