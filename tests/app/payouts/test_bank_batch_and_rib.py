"""The bank batch file of a run's transfers, and Moroccan RIBs (24 digits, key checked)."""

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts.bank_batch import batch_file
from storefront_plugins.payouts.models import PayoutMethod, PayoutState, Rail
from storefront_plugins.payouts.payout_flow import transition_to
from storefront_plugins.payouts.rib import is_valid_rib, rib_key
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.graphql_client import access_token_for
from tests.app.payouts.conftest import VALID_RIB, Actor, credit_payable, method

OTHER_RIB = "007780000123456789012345"[:22] + f"{rib_key('0077800001234567890123'):02d}"


@pytest.mark.parametrize(
    ("rib", "valid"),
    [
        (VALID_RIB, True),
        ("0115 1900 0001 2050 0053 4921", True),  # printed in groups
        ("011-519-0000012050005349-21", True),
        ("011519000001205000534922", False),  # key off by one
        ("011519000001205000543921", False),  # two digits swapped
        ("01151900000120500053492", False),  # 23 digits
        ("0115190000012050005349210", False),  # 25 digits
        ("01151900000120500053492A", False),
        ("٠١١٥١٩٠٠٠٠٠١٢٠٥٠٠٠٥٣٤٩٢١", False),  # Arabic-Indic digits are not a RIB
        ("", False),
    ],
)
def test_a_rib_is_24_digits_with_a_matching_key(rib: str, valid: bool) -> None:
    # then
    assert is_valid_rib(rib) is valid


def test_the_batch_file_lists_the_runs_bank_transfers_still_to_make(
    safi: Cooperative, members: list[Party]
) -> None:
    # given: two transfers, a cash payment, and a transfer already recorded
    coop = Party(PartyKind.COOPERATIVE, safi.pk)
    PayoutMethod.objects.create(
        party_kind="artisan",
        party_id=members[0].id,
        rail=Rail.BANK_TRANSFER,
        holder_name="Abdelkader Benhima",
        rib=VALID_RIB,
    )
    PayoutMethod.objects.create(
        party_kind="artisan",
        party_id=members[1].id,
        rail=Rail.BANK_TRANSFER,
        holder_name="Khadija Ouazzani-Lahlou (épouse Tazi)",
        rib=OTHER_RIB,
    )
    method(members[2], Rail.CASH)
    method(coop, Rail.BANK_TRANSFER)
    for party, amount in zip([*members, coop], (123_450, 7_005, 1_000, 50_000), strict=True):
        credit_payable(party, amount)
    run = start_payout_run(safi.pk, "MAD", None).run
    recorded = run.payouts.get(party_kind="cooperative")
    transition_to(recorded.pk, PayoutState.SUBMITTED)
    first, second = run.payouts.filter(party_kind="artisan", rail=Rail.BANK_TRANSFER).order_by("pk")

    # when
    batch = batch_file(run)

    # then
    assert batch.filename == f"souk-virements-run-{run.pk}.csv"
    assert (batch.transfer_count, batch.total) == (2, 130_455)
    assert batch.content == (
        "NOM_BENEFICIAIRE;RIB;MONTANT;REFERENCE;MOTIF\r\n"
        f"ABDELKADER BENHIMA;{VALID_RIB};1234.50;SOUK-{run.pk}-{first.pk};SOUK PAIEMENT {run.pk}\r\n"
        f"KHADIJA OUAZZANI LAHLOU EPOUSE TAZI;{OTHER_RIB};70.05;SOUK-{run.pk}-{second.pk};"
        f"SOUK PAIEMENT {run.pk}\r\n"
    )


@pytest.mark.parametrize(
    ("actor", "status"), [("treasurer", 200), ("other_manager", 403), ("artisan_self", 403)]
)
def test_the_batch_file_is_for_the_cooperatives_treasury(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    client: Client,
    actor: str,
    status: int,
) -> None:
    # given
    method(members[0], Rail.BANK_TRANSFER)
    credit_payable(members[0], 10_000)
    run = start_payout_run(safi.pk, "MAD", None).run

    # when
    response = client.get(
        f"/payouts/runs/{to_global_id('PayoutRun', run.pk)}/bank-batch.csv",
        headers={"Authorization": f"Bearer {access_token_for(treasury[actor].user)}"},
    )

    # then
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.decode().splitlines()[1].split(";")[2] == "100.00"
