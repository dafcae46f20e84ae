"""Two managers allocate at the same moment: the cooperative's payable account is locked,
so the second sees what the first moved (real PostgreSQL, two connections)."""

import pytest
from django.core.exceptions import ValidationError

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts.models import UnattributedAllocation
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.unattributed import (
    AllocationResult,
    allocate_unattributed_funds,
    unattributed_funds,
)
from tests.app.payouts.conftest import Actor, balances_of, ledger_sum
from tests.app.payouts.test_payout_concurrency import at_once
from tests.app.payouts.test_unattributed_allocation import (
    for_safi,
    manager_of,
    members_of,
    released_unattributed,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_allocations_at_once_never_move_the_same_money_twice(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given 50.00 released; each manager's form asks 40.00 for a different artisan
    released_unattributed(safi, 5_000)
    first, second = members_of(safi)[:2]
    access, manager = manager_of(safi, treasury)
    forms = iter(
        [for_safi(safi, (first, 4_000), key="a"), for_safi(safi, (second, 4_000), key="b")]
    )

    # when
    outcomes = at_once(lambda: allocate_unattributed_funds(access, manager.user, next(forms)))

    # then one moved, the other saw the 10.00 left
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1
    assert [e.code for e in refused[0].error_dict["lines"]] == ["INSUFFICIENT_FUNDS"]
    assert UnattributedAllocation.objects.count() == 1
    assert unattributed_funds(safi.pk, "MAD").available == 1_000
    assert ledger_sum() == 0


def test_the_same_form_sent_twice_at_once_allocates_once(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    released_unattributed(safi, 5_000)
    artisan = members_of(safi)[0]
    access, manager = manager_of(safi, treasury)

    # when
    outcomes = at_once(
        lambda: allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 3_000)))
    )

    # then
    assert all(isinstance(o, AllocationResult) for o in outcomes)
    assert sorted(o.replayed for o in outcomes) == [False, True]
    assert balances_of(Party(PartyKind.ARTISAN, artisan))["payable"] == 3_000
    assert UnattributedAllocation.objects.count() == 1
