from typing import Any

import graphene
from django.conf import settings
from django.urls import reverse

from storefront_plugins.artisans.graphql.dataloaders import CooperativeByIdLoader
from storefront_plugins.artisans.graphql.types import Artisan, Collector, Cooperative, CraftEnum
from storefront_plugins.core.files import file_url
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.enums import LanguageCodeEnum
from storefront_plugins.core.graphql.translations import translated_field, translations_field
from storefront_plugins.provenance import models
from storefront_plugins.provenance.certificates.views import certificate_url
from storefront_plugins.provenance.claims import share_as_decimal
from storefront_plugins.provenance.error_codes import ProvenanceErrorCode
from storefront_plugins.provenance.graphql.context import viewer_of
from storefront_plugins.provenance.graphql.dataloaders import (
    CertificateByIdLoader,
    CertificationsByProvenanceIdLoader,
    ContributionsByProvenanceIdLoader,
    CustodyEventsByProvenanceIdLoader,
    MaterialUsesByProvenanceIdLoader,
)
from storefront_plugins.provenance.materials import ProvenanceMaterial, material_name

ProvenanceErrorCodeEnum = graphene.Enum.from_enum(ProvenanceErrorCode, name="ProvenanceErrorCode")
ProvenanceMaterialEnum = graphene.Enum(
    "ProvenanceMaterialEnum", [(m.name, m.value) for m in ProvenanceMaterial]
)
ContributionRoleEnum = graphene.Enum(
    "ContributionRoleEnum", [(r.name, r.value) for r in models.ContributionRole]
)
QualityResultEnum = graphene.Enum(
    "QualityResultEnum", [(r.name, r.value) for r in models.QualityResult]
)
BizStepEnum = graphene.Enum("BizStepEnum", [(b.name, b.value) for b in models.BizStep])
DispositionEnum = graphene.Enum("DispositionEnum", [(d.name, d.value) for d in models.Disposition])
CertificationSchemeEnum = graphene.Enum(
    "CertificationSchemeEnum", [(s.name, s.value) for s in models.CertificationScheme]
)
CertificateStatusEnum = graphene.Enum(
    "CertificateStatusEnum",
    [
        ("VALID", "valid"),
        ("REVOKED", "revoked"),
        ("SUPERSEDED", "superseded"),
        ("INVALID", "invalid"),
    ],
)


class ProvenanceError(graphene.ObjectType):
    field = graphene.String(description="The input field the error is about, or null.")
    code = graphene.Field(ProvenanceErrorCodeEnum, required=True)
    message = graphene.String(required=True)


class Contribution(graphene.ObjectType):
    artisan = graphene.Field(Artisan, required=True)
    share = graphene.Int(required=True, description="Basis points: the shares sum to 10000.")
    share_of_whole = graphene.String(required=True, description='A decimal: "0.7" is 70 %.')
    role = graphene.Field(ContributionRoleEnum, required=True)

    @staticmethod
    def resolve_share_of_whole(root: models.Contribution, info: Any) -> str:
        return share_as_decimal(root.share)

    @staticmethod
    def resolve_role(root: models.Contribution, info: Any) -> Any:
        return ContributionRoleEnum.get(root.role)


class MaterialUse(graphene.ObjectType):
    material = graphene.Field(ProvenanceMaterialEnum, required=True)
    name = graphene.String(
        required=True,
        language=graphene.Argument(LanguageCodeEnum, description="Falls back fr, en, ar."),
    )
    lot_code = graphene.String(required=True)
    quantity = graphene.String(required=True)
    collector = graphene.Field(Collector)
    origin_region = graphene.String(required=True)

    @staticmethod
    def resolve_material(root: models.MaterialUse, info: Any) -> Any:
        return ProvenanceMaterialEnum.get(root.material)

    @staticmethod
    def resolve_name(root: models.MaterialUse, info: Any, language: Any = None) -> str:
        code = getattr(language, "value", language)
        return material_name(root.material).in_language(code or context_of(info).language)


class CustodyEvent(graphene.ObjectType):
    """An EPCIS 2.0 ObjectEvent on the piece."""

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.CustodyEvent)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.CustodyEvent | None:
        from storefront_plugins.provenance.services import visible_provenances

        return models.CustodyEvent.objects.filter(
            pk=id, provenance__in=visible_provenances(viewer_of(info))
        ).first()

    event_time = graphene.DateTime(required=True)
    event_time_zone_offset = graphene.String(required=True)
    biz_step = graphene.Field(BizStepEnum, required=True)
    biz_step_urn = graphene.String(required=True)
    disposition = graphene.Field(DispositionEnum)
    read_point = graphene.String(required=True)
    city = graphene.String(required=True)
    region = graphene.String(required=True)
    biz_location = graphene.String(required=True)
    note = graphene.String(required=True)
    recorded_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_biz_step(root: models.CustodyEvent, info: Any) -> Any:
        return BizStepEnum.get(root.biz_step)

    @staticmethod
    def resolve_biz_step_urn(root: models.CustodyEvent, info: Any) -> str:
        return root.biz_step

    @staticmethod
    def resolve_disposition(root: models.CustodyEvent, info: Any) -> Any:
        return DispositionEnum.get(root.disposition) if root.disposition else None


class Certification(graphene.ObjectType):
    scheme = graphene.Field(CertificationSchemeEnum, required=True)
    name = graphene.String(required=True)
    level = graphene.String(required=True)
    issuer = graphene.String(required=True)
    certificate_number = graphene.String(required=True)
    valid_from = graphene.Date()
    valid_until = graphene.Date()
    evidence_url = graphene.String()
    held_by = graphene.String(required=True, description="cooperative, artisan or product.")

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Certification)

    @staticmethod
    def resolve_scheme(root: models.Certification, info: Any) -> Any:
        return CertificationSchemeEnum.get(root.scheme)

    @staticmethod
    def resolve_evidence_url(root: models.Certification, info: Any) -> str | None:
        return file_url(context_of(info).request, root.evidence, public=True)

    @staticmethod
    def resolve_held_by(root: models.Certification, info: Any) -> str:
        if root.cooperative_id is not None:
            return "cooperative"
        return "artisan" if root.artisan_id is not None else "product"


def certificate_status(certificate: models.Certificate) -> str:
    if certificate.revoked_at is not None:
        return "revoked"
    return "superseded" if certificate.superseded_at is not None else "valid"


class ProvenanceCertificate(graphene.ObjectType):
    id = graphene.UUID(required=True)
    serial = graphene.String(required=True)
    url = graphene.String(required=True, description="The GS1 Digital Link URL its QR carries.")
    verification_url = graphene.String(required=True)
    qr_url = graphene.String(required=True, description="The QR code, as SVG.")
    status = graphene.Field(CertificateStatusEnum, required=True)
    issued_at = graphene.DateTime(required=True)

    class Meta:
        name = "ProvenanceCertificate"

    @staticmethod
    def resolve_url(root: models.Certificate, info: Any) -> str:
        return certificate_url(root)

    @staticmethod
    def resolve_verification_url(root: models.Certificate, info: Any) -> str:
        path = reverse("provenance-verify", kwargs={"reference": root.serial})
        return settings.PUBLIC_URL.rstrip("/") + path

    @staticmethod
    def resolve_qr_url(root: models.Certificate, info: Any) -> str:
        path = reverse("provenance-qr", kwargs={"reference": root.serial, "image_format": "svg"})
        return settings.PUBLIC_URL.rstrip("/") + path

    @staticmethod
    def resolve_status(root: models.Certificate, info: Any) -> Any:
        return CertificateStatusEnum.get(certificate_status(root))


class QualityCheck(graphene.ObjectType):
    """The cooperative's quality check, read from the piece's provenance."""

    checked_by = graphene.String(required=True, description="The member's or the checker's name.")
    checked_on = graphene.Date()
    result = graphene.Field(QualityResultEnum, required=True)
    notes = translated_field("quality_notes", "The checker's notes.")

    @staticmethod
    def resolve_checked_by(root: models.ProductProvenance, info: Any) -> str:
        if root.quality_checked_by_name or root.quality_checked_by_id is None:
            return root.quality_checked_by_name
        return root.quality_checked_by.artisan.name  # type: ignore[union-attr]

    @staticmethod
    def resolve_checked_on(root: models.ProductProvenance, info: Any) -> Any:
        return root.quality_checked_on

    @staticmethod
    def resolve_result(root: models.ProductProvenance, info: Any) -> Any:
        return QualityResultEnum.get(root.quality_result)


class EUContact(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    email = graphene.String(required=True)


class EUSafety(graphene.ObjectType):
    """EU General Product Safety Regulation contacts for export listings."""

    manufacturer = graphene.Field(EUContact, required=True)
    responsible_person = graphene.Field(EUContact, required=True)


class ProductProvenance(graphene.ObjectType):
    saleor_product_id = graphene.ID(required=True)
    saleor_variant_id = graphene.ID()
    cooperative = graphene.Field(Cooperative, required=True)
    workshop = graphene.String(required=True)
    craft = graphene.Field(CraftEnum, description="The piece's craft, when recorded.")
    technique = translated_field("technique", "How the piece was made.")
    technique_translations = translations_field("technique", "The technique in each language.")
    time_to_make_hours = graphene.Int()
    made_on = graphene.Date()
    quality_check = graphene.Field(QualityCheck)
    gtin = graphene.String(required=True)
    eu_safety = graphene.Field(EUSafety, required=True)
    is_published = graphene.Boolean(required=True)
    removed_from_saleor_at = graphene.DateTime(
        description="When the product was deleted in Saleor: no longer served as published."
    )
    contributions = graphene.List(graphene.NonNull(Contribution), required=True)
    materials = graphene.List(graphene.NonNull(MaterialUse), required=True)
    custody_events = graphene.List(
        graphene.NonNull(CustodyEvent), required=True, description="Oldest first."
    )
    certifications = graphene.List(
        graphene.NonNull(Certification),
        required=True,
        description="The piece's own, its cooperative's and its artisans'.",
    )
    certificate = graphene.Field(ProvenanceCertificate)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.ProductProvenance)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.ProductProvenance | None:
        from storefront_plugins.provenance.services import visible_provenances

        return visible_provenances(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_saleor_variant_id(root: models.ProductProvenance, info: Any) -> str | None:
        return root.saleor_variant_id or None

    @staticmethod
    def resolve_craft(root: models.ProductProvenance, info: Any) -> Any:
        return CraftEnum.get(root.craft) if root.craft else None

    @staticmethod
    def resolve_cooperative(root: models.ProductProvenance, info: Any) -> Any:
        return CooperativeByIdLoader(context_of(info)).load(root.cooperative_id)

    @staticmethod
    def resolve_quality_check(root: models.ProductProvenance, info: Any) -> Any:
        return root if root.quality_result else None

    @staticmethod
    def resolve_eu_safety(root: models.ProductProvenance, info: Any) -> EUSafety:
        return EUSafety(
            manufacturer=EUContact(
                name=root.eu_manufacturer_name,
                address=root.eu_manufacturer_address,
                email=root.eu_manufacturer_email,
            ),
            responsible_person=EUContact(
                name=root.eu_responsible_person_name,
                address=root.eu_responsible_person_address,
                email=root.eu_responsible_person_email,
            ),
        )

    @staticmethod
    def resolve_contributions(root: models.ProductProvenance, info: Any) -> Any:
        return ContributionsByProvenanceIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_materials(root: models.ProductProvenance, info: Any) -> Any:
        return MaterialUsesByProvenanceIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_custody_events(root: models.ProductProvenance, info: Any) -> Any:
        return CustodyEventsByProvenanceIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_certifications(root: models.ProductProvenance, info: Any) -> Any:
        return CertificationsByProvenanceIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_certificate(root: models.ProductProvenance, info: Any) -> Any:
        if root.certificate_id is None:
            return None
        return CertificateByIdLoader(context_of(info)).load(str(root.certificate_id))


class CertificateVerification(graphene.ObjectType):
    valid = graphene.Boolean(required=True)
    status = graphene.Field(CertificateStatusEnum, required=True)
    serial = graphene.String()
    document = graphene.JSONString(description="The signed document, parsed.")
    canonical_document = graphene.String(required=True)
    signature = graphene.String(required=True)
    key_id = graphene.String(required=True)
    checked_at = graphene.DateTime(required=True)
    issued_at = graphene.DateTime()
    superseded_by = graphene.String(description="The serial of the newer certificate.")
    revocation_reason = graphene.String()
    withdrawn_at = graphene.DateTime(
        description="When the piece was withdrawn from sale (deleted in Saleor); the "
        "certificate stays valid: what it certifies is still true."
    )
    certificate = graphene.Field(ProvenanceCertificate)
