from typing import Any

import graphene

from storefront_plugins.artisans import models
from storefront_plugins.artisans.crafts import Craft, Material
from storefront_plugins.artisans.error_codes import ArtisanErrorCode
from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.dataloaders import (
    ArtisanByIdLoader,
    CollectorsByCooperativeIdLoader,
    CooperativeByIdLoader,
    CooperativesByCollectorIdLoader,
    MembershipsByArtisanIdLoader,
    MembershipsByCooperativeIdLoader,
)
from storefront_plugins.artisans.regions import Region
from storefront_plugins.core.files import file_url
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.dataloaders import then
from storefront_plugins.core.graphql.pagination import CountableConnection
from storefront_plugins.core.graphql.translations import translated_field, translations_field

ArtisanErrorCodeEnum = graphene.Enum.from_enum(ArtisanErrorCode, name="ArtisanErrorCode")
RoleEnum = graphene.Enum("CooperativeRoleEnum", [(r.name, r.value) for r in models.Role])
CraftEnum = graphene.Enum("CraftEnum", [(c.name, c.value) for c in Craft])
MaterialEnum = graphene.Enum("MaterialEnum", [(m.name, m.value) for m in Material])
RegionEnum = graphene.Enum("RegionEnum", [(r.name, r.value) for r in Region])


class ArtisanError(graphene.ObjectType):
    field = graphene.String(description="The input field the error is about, or null.")
    code = graphene.Field(ArtisanErrorCodeEnum, required=True)
    message = graphene.String(required=True)


def enum_values(values: list[str], enum: Any) -> list[Any]:
    return [enum.get(value) for value in values]


class RegionType(graphene.ObjectType):
    code = graphene.Field(RegionEnum, required=True)
    name = graphene.String(required=True)
    country = graphene.String(required=True, description="ISO 3166-1 code: MA or DZ.")

    class Meta:
        name = "Region"


def region_of(code: str) -> RegionType:
    return RegionType(code=RegionEnum.get(code), name=Region(code).label, country=code[:2])


class Membership(graphene.ObjectType):
    role = graphene.Field(RoleEnum, required=True)
    artisan = graphene.Field(lambda: Artisan, required=True)
    cooperative = graphene.Field(lambda: Cooperative, required=True)
    suspended_at = graphene.DateTime(
        description="When the member was suspended (no role until reinstated); null when "
        "active. Shown to the cooperative's managers and treasurers only."
    )

    @staticmethod
    def resolve_role(root: models.Membership, info: Any) -> Any:
        return RoleEnum.get(root.role)

    @staticmethod
    def resolve_suspended_at(root: models.Membership, info: Any) -> Any:
        viewer = viewer_of(info)
        sees = viewer.reads_members_of(root.cooperative_id) or viewer.is_platform_staff
        return root.suspended_at if sees else None

    @staticmethod
    def resolve_artisan(root: models.Membership, info: Any) -> Any:
        return ArtisanByIdLoader(context_of(info)).load(root.artisan_id)

    @staticmethod
    def resolve_cooperative(root: models.Membership, info: Any) -> Any:
        return CooperativeByIdLoader(context_of(info)).load(root.cooperative_id)


class Cooperative(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = translated_field(
        "description", "What the cooperative makes and who its members are."
    )
    description_translations = translations_field(
        "description", "The description in each language."
    )
    ice = graphene.String(required=True, description="Morocco's company identifier (15 digits).")
    rc = graphene.String(required=True, description="Registre de commerce.")
    fiscal_identifier = graphene.String(required=True, description="Identifiant fiscal (IF).")
    nif = graphene.String(required=True, description="Algeria's tax identifier.")
    region = graphene.Field(RegionType, required=True)
    city = graphene.String(required=True)
    crafts = graphene.List(graphene.NonNull(CraftEnum), required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)
    address = graphene.String(required=True)
    logo_url = graphene.String()
    saleor_channel_slug = graphene.String(required=True)
    commission_rate = graphene.Decimal(required=True, description="Percent of each sale kept.")
    is_published = graphene.Boolean(required=True)
    members = graphene.List(
        graphene.NonNull(Membership),
        required=True,
        description="Published members; all members for the cooperative's managers and treasurers.",
    )
    collectors = graphene.List(graphene.NonNull(lambda: Collector), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Cooperative)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Cooperative | None:
        from storefront_plugins.artisans.services import visible_cooperatives

        return visible_cooperatives(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_region(root: models.Cooperative, info: Any) -> RegionType:
        return region_of(root.region)

    @staticmethod
    def resolve_crafts(root: models.Cooperative, info: Any) -> list[Any]:
        return enum_values(root.crafts, CraftEnum)

    @staticmethod
    def resolve_logo_url(root: models.Cooperative, info: Any) -> str | None:
        return file_url(context_of(info).request, root.logo, public=True)

    @staticmethod
    def resolve_members(root: models.Cooperative, info: Any) -> Any:
        viewer = viewer_of(info)

        def visible(memberships: list[models.Membership]) -> list[models.Membership]:
            return [
                m
                for m in memberships
                if viewer.sees_artisan(m.artisan_id, m.artisan.is_published, {root.pk})
            ]

        return then(MembershipsByCooperativeIdLoader(context_of(info)).load(root.pk), visible)

    @staticmethod
    def resolve_collectors(root: models.Cooperative, info: Any) -> Any:
        return CollectorsByCooperativeIdLoader(context_of(info)).load(root.pk)


class Artisan(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    photo_url = graphene.String()
    bio = translated_field("bio", "The artisan's story, in the language asked for.")
    bio_translations = translations_field("bio", "The bio in each language.")
    region = graphene.Field(RegionType, required=True)
    city = graphene.String(required=True)
    workshop = graphene.String(required=True)
    crafts = graphene.List(graphene.NonNull(CraftEnum), required=True)
    techniques = graphene.List(graphene.NonNull(graphene.String), required=True)
    years_of_practice = graphene.Int()
    labels = graphene.List(graphene.NonNull(graphene.String), required=True)
    is_published = graphene.Boolean(required=True)
    memberships = graphene.List(
        graphene.NonNull(Membership),
        required=True,
        description="Memberships in cooperatives the viewer can see.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Artisan)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Artisan | None:
        from storefront_plugins.artisans.services import visible_artisans

        return visible_artisans(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_photo_url(root: models.Artisan, info: Any) -> str | None:
        return file_url(context_of(info).request, root.photo, public=True)

    @staticmethod
    def resolve_region(root: models.Artisan, info: Any) -> RegionType:
        return region_of(root.region)

    @staticmethod
    def resolve_crafts(root: models.Artisan, info: Any) -> list[Any]:
        return enum_values(root.crafts, CraftEnum)

    @staticmethod
    def resolve_memberships(root: models.Artisan, info: Any) -> Any:
        viewer = viewer_of(info)

        def visible(memberships: list[models.Membership]) -> list[models.Membership]:
            return [
                m
                for m in memberships
                if viewer.sees_cooperative(m.cooperative_id, m.cooperative.is_published)
            ]

        return then(MembershipsByArtisanIdLoader(context_of(info)).load(root.pk), visible)


class Collector(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    materials = graphene.List(graphene.NonNull(MaterialEnum), required=True)
    regions = graphene.List(graphene.NonNull(RegionType), required=True)
    cooperatives = graphene.List(graphene.NonNull(Cooperative), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Collector)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Collector | None:
        from storefront_plugins.artisans.services import visible_collectors

        return visible_collectors(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_materials(root: models.Collector, info: Any) -> list[Any]:
        return enum_values(root.materials, MaterialEnum)

    @staticmethod
    def resolve_regions(root: models.Collector, info: Any) -> list[RegionType]:
        return [region_of(code) for code in root.regions]

    @staticmethod
    def resolve_cooperatives(root: models.Collector, info: Any) -> Any:
        viewer = viewer_of(info)

        def visible(cooperatives: list[models.Cooperative]) -> list[models.Cooperative]:
            return [c for c in cooperatives if viewer.sees_cooperative(c.pk, c.is_published)]

        return then(CooperativesByCollectorIdLoader(context_of(info)).load(root.pk), visible)


class CooperativeCountableConnection(CountableConnection):
    class Meta:
        node = Cooperative


class ArtisanCountableConnection(CountableConnection):
    class Meta:
        node = Artisan


class CollectorCountableConnection(CountableConnection):
    class Meta:
        node = Collector
