import graphene

from storefront_plugins.artisans.graphql.types import CraftEnum
from storefront_plugins.core.graphql.translations import TranslatedStringInput
from storefront_plugins.provenance.graphql.types import (
    BizStepEnum,
    CertificationSchemeEnum,
    ContributionRoleEnum,
    DispositionEnum,
    ProvenanceMaterialEnum,
    QualityResultEnum,
)


class ContributionInput(graphene.InputObjectType):
    artisan = graphene.ID(required=True)
    share = graphene.Int(required=True, description="Basis points; a piece's shares sum to 10000.")
    role = ContributionRoleEnum(default_value="made")


class MaterialUseInput(graphene.InputObjectType):
    material = ProvenanceMaterialEnum(required=True)
    lot_code = graphene.String()
    quantity = graphene.String(description="With its unit: 3,5 kg.")
    collector = graphene.ID()
    origin_region = graphene.String()


class ProductProvenanceInput(graphene.InputObjectType):
    workshop = graphene.String()
    craft = CraftEnum()
    technique = TranslatedStringInput()
    time_to_make_hours = graphene.Int()
    made_on = graphene.Date()
    quality_checked_by = graphene.ID(description="A member of the cooperative (an Artisan id).")
    quality_checked_by_name = graphene.String()
    quality_checked_on = graphene.Date()
    quality_result = QualityResultEnum()
    quality_notes = TranslatedStringInput()
    gtin = graphene.String()
    eu_manufacturer_name = graphene.String()
    eu_manufacturer_address = graphene.String()
    eu_manufacturer_email = graphene.String()
    eu_responsible_person_name = graphene.String()
    eu_responsible_person_address = graphene.String()
    eu_responsible_person_email = graphene.String()
    contributions = graphene.List(
        graphene.NonNull(ContributionInput), description="Replaces the piece's contributions."
    )
    materials = graphene.List(
        graphene.NonNull(MaterialUseInput), description="Replaces the piece's materials."
    )


class ProductProvenanceCreateInput(ProductProvenanceInput):
    saleor_product_id = graphene.ID(required=True)
    saleor_variant_id = graphene.ID()
    cooperative = graphene.ID(required=True)


class CustodyEventInput(graphene.InputObjectType):
    event_time = graphene.DateTime(required=True, description="With its time zone offset.")
    biz_step = BizStepEnum(required=True)
    disposition = DispositionEnum()
    read_point = graphene.String(required=True, description="The named place it happened.")
    city = graphene.String()
    region = graphene.String()
    biz_location = graphene.String()
    note = graphene.String()
    corrects = graphene.ID(description="The event this one corrects.")


class CertificationInput(graphene.InputObjectType):
    scheme = CertificationSchemeEnum()
    name = graphene.String()
    level = graphene.String()
    issuer = graphene.String()
    certificate_number = graphene.String()
    valid_from = graphene.Date()
    valid_until = graphene.Date()


class CertificationCreateInput(CertificationInput):
    cooperative = graphene.ID()
    artisan = graphene.ID()
    product_provenance = graphene.ID()
