from typing import Any

import graphene
from django.core.files.uploadedfile import UploadedFile

from storefront_plugins.core.graphql.errors import MutationError
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.uploads import Upload
from storefront_plugins.provenance import services
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.graphql.context import viewer_of
from storefront_plugins.provenance.graphql.input_values import (
    certification_changes,
    certification_holder,
)
from storefront_plugins.provenance.graphql.inputs import (
    CertificationCreateInput,
    CertificationInput,
)
from storefront_plugins.provenance.graphql.mutations.base import payload
from storefront_plugins.provenance.graphql.types import (
    Certification,
    ProvenanceCertificate,
    ProvenanceError,
)


def _result(result: services.CertificationResult) -> dict[str, Any]:
    return {"certification": result.certification, "certificates": result.certificates}


class CertificationCreate(graphene.Mutation):
    """Records a label held by a cooperative (its managers), an artisan (themselves or their
    cooperative's managers) or a piece (who may edit its provenance)."""

    class Arguments:
        input = CertificationCreateInput(required=True)

    certification = graphene.Field(Certification)
    certificates = graphene.List(
        graphene.NonNull(ProvenanceCertificate),
        required=True,
        description="Certificates reissued for the published pieces that name it.",
    )
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "CertificationCreate":
        viewer = viewer_of(info)
        holder = certification_holder(input)
        changes = certification_changes(input)
        return payload(cls, lambda: _result(services.create_certification(viewer, holder, changes)))


class CertificationUpdate(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = CertificationInput(required=True)

    certification = graphene.Field(Certification)
    certificates = graphene.List(graphene.NonNull(ProvenanceCertificate), required=True)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "CertificationUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Certification")
        changes = certification_changes(input)
        return payload(cls, lambda: _result(services.update_certification(viewer, pk, changes)))


class CertificationEvidenceUpload(graphene.Mutation):
    """Attaches the document that proves a certification (a PDF, JPEG or PNG of at most
    10 MB), sent as a multipart request (GraphQL multipart request spec); it replaces the
    previous one. Who may edit the certification may upload it."""

    class Arguments:
        id = graphene.ID(required=True)
        file = Upload(required=True, description="The document: PDF, JPEG or PNG.")

    certification = graphene.Field(Certification)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, file: Any) -> "CertificationEvidenceUpload":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "Certification")
        if not isinstance(file, UploadedFile):
            return cls(
                errors=[
                    MutationError(
                        field="file",
                        code=ProvenanceErrorCode.REQUIRED.value,
                        message="Send the file as a part of a multipart request.",
                    )
                ]
            )
        return payload(
            cls,
            lambda: {"certification": services.attach_certification_evidence(viewer, pk, file)},
        )
