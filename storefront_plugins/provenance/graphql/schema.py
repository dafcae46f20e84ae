from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.provenance import services
from storefront_plugins.provenance.certificates.services import (
    check_certificate,
    find_certificate,
)
from storefront_plugins.provenance.graphql.context import viewer_of
from storefront_plugins.provenance.graphql.facets import FacetQuery
from storefront_plugins.provenance.graphql.mutations.certifications import (
    CertificationCreate,
    CertificationEvidenceUpload,
    CertificationUpdate,
)
from storefront_plugins.provenance.graphql.mutations.custody_event_record import (
    CustodyEventRecord,
)
from storefront_plugins.provenance.graphql.mutations.provenance import (
    ProductProvenanceCreate,
    ProductProvenancePublish,
    ProductProvenanceUpdate,
)
from storefront_plugins.provenance.graphql.types import (
    CertificateStatusEnum,
    CertificateVerification,
    ProductProvenance,
)
from storefront_plugins.provenance.models import ProductProvenance as ProductProvenanceModel

MAX_PRODUCTS = 100


class Query(FacetQuery, graphene.ObjectType):
    product_provenances = graphene.List(
        graphene.NonNull(ProductProvenance),
        required=True,
        saleor_product_ids=graphene.List(graphene.NonNull(graphene.ID), required=True),
        description="The provenance of a page of Saleor products (and their variants), in the "
        "order asked; products without provenance you may see are left out.",
    )
    product_provenance = graphene.Field(
        ProductProvenance,
        saleor_product_id=graphene.ID(required=True),
        saleor_variant_id=graphene.ID(),
    )
    certificate_verification = graphene.Field(
        CertificateVerification,
        id_or_serial=graphene.String(required=True),
        description="Checks a certificate's signature and whether it is revoked or superseded.",
    )

    @staticmethod
    def resolve_product_provenances(
        root: Any, info: Any, saleor_product_ids: list[str]
    ) -> list[ProductProvenanceModel]:
        if len(saleor_product_ids) > MAX_PRODUCTS:
            raise GraphQLError(f"Ask for at most {MAX_PRODUCTS} products at once.")
        return services.provenances_for_products(viewer_of(info), saleor_product_ids)

    @staticmethod
    def resolve_product_provenance(
        root: Any, info: Any, saleor_product_id: str, saleor_variant_id: str | None = None
    ) -> ProductProvenanceModel | None:
        return (
            services.visible_provenances(viewer_of(info))
            .select_related("quality_checked_by__artisan")
            .filter(saleor_product_id=saleor_product_id, saleor_variant_id=saleor_variant_id or "")
            .first()
        )

    @staticmethod
    def resolve_certificate_verification(
        root: Any, info: Any, id_or_serial: str
    ) -> CertificateVerification | None:
        certificate = find_certificate(id_or_serial)
        if certificate is None:
            return None
        check = check_certificate(certificate)
        return CertificateVerification(
            valid=check.valid,
            status=CertificateStatusEnum.get(check.status.value),
            serial=certificate.serial,
            document=check.document,
            canonical_document=check.canonical_document,
            signature=check.signature,
            key_id=check.key_id,
            checked_at=check.checked_at,
            issued_at=certificate.issued_at,
            superseded_by=certificate.superseded_by.serial if certificate.superseded_by else None,
            revocation_reason=certificate.revocation_reason or None,
            withdrawn_at=check.withdrawn_at,
            certificate=certificate,
        )


class Mutation(graphene.ObjectType):
    product_provenance_create = ProductProvenanceCreate.Field()
    product_provenance_update = ProductProvenanceUpdate.Field()
    product_provenance_publish = ProductProvenancePublish.Field()
    custody_event_record = CustodyEventRecord.Field()
    certification_create = CertificationCreate.Field()
    certification_update = CertificationUpdate.Field()
    certification_evidence_upload = CertificationEvidenceUpload.Field()
