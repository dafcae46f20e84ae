"""Manual rails: a treasurer records a payment (reference, date, proof in storage); a second
person approves it when the run requires it; a refused record is cancelled and the money is
payable again. Proofs are PDF, JPEG or PNG by their bytes, and limited in size."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.payouts.manual_payments import (
    RecordInput,
    approve_payout,
    record_manual_payment,
)
from storefront_plugins.payouts.models import (
    Frequency,
    Payout,
    PayoutSchedule,
    PayoutState,
    Rail,
)
from storefront_plugins.payouts.payout_flow import cancel_payout
from storefront_plugins.payouts.rails.manual import MAX_PROOF_BYTES
from storefront_plugins.payouts.runs import start_payout_run
from storefront_plugins.payouts.splits import Party
from tests.app.graphql_client import access_token_for
from tests.app.payouts.conftest import Actor, balances_of, credit_payable, ledger_sum, method

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(f, e.code) for f, errors in error.error_dict.items() for e in errors]  # type: ignore[misc]


def a_payout(safi: Cooperative, artisan: Party, second_approval: bool) -> Payout:
    PayoutSchedule.objects.create(
        cooperative_id=safi.pk,
        frequency=Frequency.MANUAL,
        requires_second_approval=second_approval,
    )
    credit_payable(artisan, 25_000)
    method(artisan, Rail.BANK_TRANSFER)
    return start_payout_run(safi.pk, "MAD", None).payouts[0]


def record(payout: Payout, proof: bytes | None = PDF, **changes: object) -> RecordInput:
    values: dict[str, object] = {
        "payout_id": payout.pk,
        "reference": "VIR-2026-000123",
        "paid_on": timezone.localdate(),
        "proof": proof,
    }
    values.update(changes)
    return RecordInput(**values)  # type: ignore[arg-type]


def test_without_a_second_approval_a_recorded_payment_is_paid_and_settled(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor]
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=False)
    treasurer = treasury["treasurer"]

    # when
    paid = record_manual_payment(treasurer.viewer, treasurer.user, record(payout))

    # then
    assert paid.state == PayoutState.PAID
    assert paid.external_reference == "VIR-2026-000123"
    assert paid.recorded_by == treasurer.user
    assert str(paid.proof.name).endswith(".pdf")
    assert default_storage.open(str(paid.proof.name)).read() == PDF
    assert [(e.from_state, e.to_state) for e in paid.events.order_by("pk")] == [
        ("", "created"),
        ("created", "submitted"),
        ("submitted", "paid"),
    ]
    assert balances_of(members[2]) == {"payable": 0, "payouts_in_transit": 0}
    assert ledger_sum() == 0


def test_with_a_second_approval_another_person_approves(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor]
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)
    treasurer, manager = treasury["treasurer"], treasury["manager"]
    recorded = record_manual_payment(treasurer.viewer, treasurer.user, record(payout, JPEG))
    assert recorded.state == PayoutState.SUBMITTED
    assert balances_of(members[2]) == {"payable": 0, "payouts_in_transit": 25_000}

    # when: the treasurer approves their own record, then the manager does
    with pytest.raises(ValidationError) as same:
        approve_payout(treasurer.viewer, treasurer.user, payout.pk)
    approved = approve_payout(manager.viewer, manager.user, payout.pk)

    # then
    assert codes(same.value) == [("id", "SAME_APPROVER")]
    assert approved.state == PayoutState.PAID
    assert approved.approved_by == manager.user
    assert balances_of(members[2]) == {"payable": 0, "payouts_in_transit": 0}
    with pytest.raises(ValidationError) as again:
        approve_payout(treasurer.viewer, treasurer.user, payout.pk)
    assert codes(again.value) == [("id", "INVALID_STATE")]


def test_a_refused_record_is_cancelled_and_the_money_is_payable_again(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor]
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)
    treasurer, manager = treasury["treasurer"], treasury["manager"]
    record_manual_payment(treasurer.viewer, treasurer.user, record(payout, PNG))

    # when
    cancelled = cancel_payout(manager.viewer, manager.user, payout.pk, "Wrong RIB on the slip")

    # then
    assert cancelled.state == PayoutState.CANCELLED
    assert balances_of(members[2]) == {"payable": 25_000, "payouts_in_transit": 0}
    assert cancelled.run.state == "closed"
    assert ledger_sum() == 0


def test_a_payment_is_recorded_once(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor]
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)
    treasurer = treasury["treasurer"]
    record_manual_payment(treasurer.viewer, treasurer.user, record(payout))

    # when
    with pytest.raises(ValidationError) as twice:
        record_manual_payment(treasurer.viewer, treasurer.user, record(payout, reference="B"))

    # then
    assert codes(twice.value) == [("id", "INVALID_STATE")]
    assert Payout.objects.get(pk=payout.pk).external_reference == "VIR-2026-000123"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"proof": None}, [("proof", "REQUIRED")]),
        (
            {"proof": b"MZ\x90\x00 an executable named receipt.pdf"},
            [("proof", "PROOF_INVALID_TYPE")],
        ),
        ({"proof": b"GIF89a" + b"\x00" * 32}, [("proof", "PROOF_INVALID_TYPE")]),
        ({"proof": PDF + b"\x00" * MAX_PROOF_BYTES}, [("proof", "PROOF_TOO_LARGE")]),
        ({"reference": "   "}, [("reference", "REQUIRED")]),
        ({"paid_on": date.today() + timedelta(days=2)}, [("paidOn", "OUT_OF_RANGE")]),
    ],
)
def test_a_record_is_refused_before_anything_is_written(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    changes: dict[str, object],
    expected: list[tuple[str, str]],
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=False)
    treasurer = treasury["treasurer"]

    # when
    with pytest.raises(ValidationError) as refused:
        record_manual_payment(treasurer.viewer, treasurer.user, record(payout, **changes))  # type: ignore[arg-type]

    # then
    assert codes(refused.value) == expected
    payout.refresh_from_db()
    assert (payout.state, payout.proof.name) == (PayoutState.CREATED, "")


# Over HTTP: the multipart endpoint


def post_record(
    client: Client, payout: Payout, token: str | None, proof: bytes = PDF, **fields: str
) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data: dict[str, object] = {
        "reference": "VIR-2026-000777",
        "paidOn": timezone.localdate().isoformat(),
        "proof": SimpleUploadedFile("recu.pdf", proof, content_type="application/pdf"),
    }
    data.update(fields)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        f"/payouts/payouts/{to_global_id('Payout', payout.pk)}/manual-payment",
        data=data,
        headers=headers,
    )


def test_the_endpoint_records_a_payment_with_its_uploaded_proof(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor], client: Client
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)

    # when
    response = post_record(client, payout, access_token_for(treasury["treasurer"].user))

    # then
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    assert response.json() == {  # type: ignore[attr-defined]
        "payout": {"id": to_global_id("Payout", payout.pk), "state": "SUBMITTED"},
        "errors": [],
    }
    payout.refresh_from_db()
    assert default_storage.open(str(payout.proof.name)).read() == PDF


def test_the_endpoint_answers_errors_in_the_api_format(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor], client: Client
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)

    # when
    response = post_record(
        client, payout, access_token_for(treasury["treasurer"].user), proof=b"<html>"
    )

    # then
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response.json() == {  # type: ignore[attr-defined]
        "payout": None,
        "errors": [
            {
                "field": "proof",
                "code": "PROOF_INVALID_TYPE",
                "message": "A PDF, JPEG or PNG document.",
            }
        ],
    }


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 401),
        ("artisan_self", 403),
        ("other_manager", 403),
        ("treasurer", 200),
        ("manager", 200),
    ],
)
def test_only_the_cooperatives_treasury_records_payments(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    client: Client,
    actor: str,
    status: int,
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)
    token = None if actor == "anonymous" else access_token_for(treasury[actor].user)

    # when
    response = post_record(client, payout, token)

    # then
    assert response.status_code == status  # type: ignore[attr-defined]
    payout.refresh_from_db()
    expected = PayoutState.SUBMITTED if status == 200 else PayoutState.CREATED
    assert payout.state == expected
