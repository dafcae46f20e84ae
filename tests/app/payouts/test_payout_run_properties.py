"""Hypothesis: whatever the balances (debts included), minimum and methods, a run pays
exactly the balances that reach the minimum with a method, moves just that to
PAYOUTS_IN_TRANSIT, and the ledger still sums to zero."""

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts.models import Frequency, PayoutSchedule, Rail
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.payouts.conftest import balances_of, credit_payable, ledger_sum, method

PARTY = st.tuples(
    st.lists(st.integers(-50_000, 80_000).filter(bool), max_size=3),  # postings to PAYABLE
    st.sampled_from([None, Rail.CASH, Rail.BANK_TRANSFER, Rail.MOBILE_WALLET]),
)


class Rollback(Exception):
    pass


@given(parties=st.lists(PARTY, min_size=4, max_size=4), minimum=st.integers(0, 30_000))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_run_pays_exactly_what_reaches_the_minimum(
    safi: Cooperative,
    members: list[Party],
    parties: list[tuple[list[int], Rail | None]],
    minimum: int,
) -> None:
    try:
        with transaction.atomic():  # each example starts from the same database
            # given
            PayoutSchedule.objects.create(
                cooperative_id=safi.pk, frequency=Frequency.MANUAL, minimums={"MAD": minimum}
            )
            everyone = [*members, Party(PartyKind.COOPERATIVE, safi.pk)]
            owed = {}
            for party, (postings, rail) in zip(everyone, parties, strict=True):
                for amount in postings:
                    credit_payable(party, amount)
                if rail is not None:
                    method(party, rail)
                owed[party] = sum(postings)
            expected = {
                p: owed[p]
                for p, (_, rail) in zip(everyone, parties, strict=True)
                if rail is not None and owed[p] >= max(minimum, 1)
            }

            # when
            refusal: list[str] = []
            try:
                result = start_payout_run(safi.pk, "MAD", None)
            except ValidationError as error:
                refusal = [e.code or "" for e in error.error_dict["currency"]]
                paid = {}
            else:
                paid = {
                    Party(PartyKind(p.party_kind), p.party_id): p.amount for p in result.payouts
                }

            # then
            assert paid == expected
            assert refusal == ([] if expected else ["NOTHING_TO_PAY"])
            for party in everyone:
                balances = balances_of(party)
                assert balances["payouts_in_transit"] == expected.get(party, 0)
                assert balances["payable"] + balances["payouts_in_transit"] == owed[party]
            assert ledger_sum() == 0
            raise Rollback
    except Rollback:
        pass
