import graphene

from storefront_plugins.artisans.graphql.types import CraftEnum, MaterialEnum, RegionEnum, RoleEnum
from storefront_plugins.core.graphql.translations import TranslatedStringInput


class ArtisanFilterInput(graphene.InputObjectType):
    craft = CraftEnum()
    region = RegionEnum()
    cooperative = graphene.String(description="A cooperative's slug.")


class ArtisanProfileInput(graphene.InputObjectType):
    name = graphene.String()
    bio = TranslatedStringInput()
    region = RegionEnum()
    city = graphene.String()
    workshop = graphene.String()
    crafts = graphene.List(graphene.NonNull(CraftEnum))
    techniques = graphene.List(graphene.NonNull(graphene.String))
    years_of_practice = graphene.Int()
    labels = graphene.List(graphene.NonNull(graphene.String))
    is_published = graphene.Boolean()


class ArtisanCreateInput(ArtisanProfileInput):
    role = RoleEnum(default_value="artisan", description="Their role in the cooperative.")
    email = graphene.String(
        description="Link the account of this e-mail address, made (without a password) if "
        "it does not exist yet."
    )


class CooperativeInput(graphene.InputObjectType):
    name = graphene.String()
    description = TranslatedStringInput()
    ice = graphene.String()
    rc = graphene.String()
    fiscal_identifier = graphene.String()
    nif = graphene.String()
    region = RegionEnum()
    city = graphene.String()
    crafts = graphene.List(graphene.NonNull(CraftEnum))
    phone = graphene.String()
    email = graphene.String()
    address = graphene.String()
    commission_rate = graphene.Decimal()
    is_published = graphene.Boolean()


class CollectorInput(graphene.InputObjectType):
    name = graphene.String()
    materials = graphene.List(graphene.NonNull(MaterialEnum))
    regions = graphene.List(graphene.NonNull(RegionEnum))
    cooperatives = graphene.List(
        graphene.NonNull(graphene.ID), description="Cooperatives you manage to attach it to."
    )


__all__ = ["RoleEnum"]
