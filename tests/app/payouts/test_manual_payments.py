"""Manual rails: a treasurer records a payment (reference, date, proof in storage); a second
person approves it when the run requires it; a refused record is cancelled and the money is
payable again. Proofs are PDF, JPEG or PNG by their bytes, and limited in size."""

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
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


def test_a_record_that_does_not_commit_leaves_no_proof_file_behind(
    safi: Cooperative, members: list[Party], treasury: dict[str, Actor]
) -> None:
    # given a database that refuses the payout's event (a failure after the proof is stored)
    payout = a_payout(safi, members[2], second_approval=True)
    treasurer = treasury["treasurer"]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused'; END $$;"
            "CREATE TRIGGER refuse_event BEFORE INSERT ON payouts_payoutevent "
            "FOR EACH ROW EXECUTE FUNCTION refuse_event()"
        )
    proofs = f"payouts/proofs/{payout.run_id}"

    def stored_proofs() -> set[str]:
        return set(default_storage.listdir(proofs)[1]) if default_storage.exists(proofs) else set()

    before = stored_proofs()  # other runs' files may share the folder

    # when
    with pytest.raises(DatabaseError):
        record_manual_payment(treasurer.viewer, treasurer.user, record(payout))

    # then
    assert stored_proofs() == before
    assert Payout.objects.get(pk=payout.pk).state == PayoutState.CREATED


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


# Over GraphQL: a multipart request, the proof stored in S3 (moto's server)

RECORD = """
mutation Record($id: ID!, $reference: String!, $paidOn: Date!, $proof: Upload!) {
  payoutRecordManualPayment(id: $id, reference: $reference, paidOn: $paidOn, proof: $proof) {
    payout { id state externalReference paidOn hasProof }
    errors { field code message }
  }
}"""


def post_record(client: Client, payout: Payout, token: str | None, proof: bytes = PDF) -> Any:
    """A multipart request as Apollo's and urql's upload links send it."""
    variables = {
        "id": to_global_id("Payout", payout.pk),
        "reference": "VIR-2026-000777",
        "paidOn": timezone.localdate().isoformat(),
        "proof": None,
    }
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        "/graphql/",
        data={
            "operations": json.dumps({"query": RECORD, "variables": variables}),
            "map": json.dumps({"0": ["variables.proof"]}),
            "0": SimpleUploadedFile("recu.pdf", proof, content_type="application/octet-stream"),
        },
        headers=headers,
    )


def test_a_payment_is_recorded_over_graphql_with_its_proof_in_s3(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    client: Client,
    s3_storage: Any,
    moto_s3: Any,
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)

    # when
    response = post_record(client, payout, access_token_for(treasury["treasurer"].user))

    # then
    assert response.json()["data"]["payoutRecordManualPayment"] == {
        "payout": {
            "id": to_global_id("Payout", payout.pk),
            "state": "SUBMITTED",
            "externalReference": "VIR-2026-000777",
            "paidOn": timezone.localdate().isoformat(),
            "hasProof": True,
        },
        "errors": [],
    }
    payout.refresh_from_db()
    stored = moto_s3.client().get_object(Bucket=s3_storage.bucket_name, Key=str(payout.proof.name))
    assert stored["Body"].read() == PDF
    assert stored["ContentType"] == "application/pdf"


def test_a_refused_proof_is_answered_in_the_payload_and_nothing_is_stored(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    client: Client,
    s3_storage: Any,
    moto_s3: Any,
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)

    # when
    response = post_record(
        client, payout, access_token_for(treasury["treasurer"].user), proof=b"<html>"
    )

    # then
    assert response.json()["data"]["payoutRecordManualPayment"] == {
        "payout": None,
        "errors": [
            {
                "field": "proof",
                "code": "PROOF_INVALID_TYPE",
                "message": "A PDF, JPEG or PNG document.",
            }
        ],
    }
    listed = moto_s3.client().list_objects_v2(Bucket=s3_storage.bucket_name)
    assert listed.get("Contents", []) == []


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("anonymous", False),
        ("artisan_self", False),
        ("other_artisan", False),
        ("other_manager", False),
        ("treasurer", True),
        ("manager", True),
    ],
)
def test_only_the_cooperatives_treasury_records_payments(
    safi: Cooperative,
    members: list[Party],
    treasury: dict[str, Actor],
    client: Client,
    actor: str,
    allowed: bool,
) -> None:
    # given
    payout = a_payout(safi, members[2], second_approval=True)
    token = None if actor == "anonymous" else access_token_for(treasury[actor].user)

    # when
    result = post_record(client, payout, token).json()

    # then
    payout.refresh_from_db()
    if allowed:
        assert result["data"]["payoutRecordManualPayment"]["errors"] == []
        assert payout.state == PayoutState.SUBMITTED
    else:
        codes_ = [e["extensions"]["exception"]["code"] for e in result["errors"]]
        assert codes_ == ["PermissionDenied"]
        assert payout.state == PayoutState.CREATED
