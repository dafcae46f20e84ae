from datetime import date
from typing import Any

import graphene
from django.core.files.uploadedfile import UploadedFile

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.core.graphql.errors import MutationError
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.uploads import Upload
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.graphql.mutations.base import payload, signed_in_user
from storefront_plugins.payouts.graphql.payout_types import Payout
from storefront_plugins.payouts.graphql.types import PayoutError
from storefront_plugins.payouts.manual_payments import RecordInput, record_manual_payment
from storefront_plugins.payouts.rails.manual import MAX_PROOF_BYTES


class PayoutRecordManualPayment(graphene.Mutation):
    """A treasurer records a bank transfer, cash or mobile-wallet payment made outside the
    platform, with its reference, date and proof (PDF, JPEG or PNG of at most 5 MB, sent as a
    part of a multipart request). Paid at once, or waiting for a second approval when the
    cooperative's schedule requires one."""

    class Arguments:
        id = graphene.ID(required=True)
        reference = graphene.String(required=True, description="The bank's or receipt's.")
        paid_on = graphene.Date(required=True)
        proof = Upload(required=True, description="The proof: PDF, JPEG or PNG.")

    payout = graphene.Field(Payout)
    errors = graphene.List(graphene.NonNull(PayoutError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, reference: str, paid_on: date, proof: Any
    ) -> "PayoutRecordManualPayment":
        user = signed_in_user(info)
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Payout")
        if not isinstance(proof, UploadedFile):
            return cls(
                errors=[
                    MutationError(
                        field="proof",
                        code=PayoutErrorCode.REQUIRED.value,
                        message="Send the proof as a part of a multipart request.",
                    )
                ]
            )
        # Never more than the limit plus one byte in memory: enough to refuse a larger file.
        content = proof.read(MAX_PROOF_BYTES + 1)
        record = RecordInput(pk, reference, paid_on, content)
        return payload(cls, lambda: {"payout": record_manual_payment(viewer, user, record)})
