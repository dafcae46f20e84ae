from typing import Any

import graphene
from django.conf import settings

from storefront_plugins.artisans.graphql.context import viewer_of
from storefront_plugins.artisans.graphql.dataloaders import CooperativeByIdLoader
from storefront_plugins.artisans.graphql.types import Cooperative
from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.dataloaders import then
from storefront_plugins.core.graphql.pagination import CountableConnection
from storefront_plugins.core.graphql.translations import translated_field, translations_field
from storefront_plugins.storefronts import models, themes
from storefront_plugins.storefronts.error_codes import StorefrontErrorCode
from storefront_plugins.storefronts.graphql.dataloaders import (
    HeroImagesByStorefrontIdLoader,
    PagesByStorefrontIdLoader,
)

StorefrontErrorCodeEnum = graphene.Enum.from_enum(StorefrontErrorCode, name="StorefrontErrorCode")
ThemePatternEnum = graphene.Enum("ThemePatternEnum", [(p.name, p.value) for p in themes.Pattern])
HeroLayoutEnum = graphene.Enum("HeroLayoutEnum", [(h.name, h.value) for h in themes.HeroLayout])
StorefrontPageKindEnum = graphene.Enum(
    "StorefrontPageKindEnum", [(k.name, k.value) for k in themes.PageKind]
)
StorefrontFontEnum = graphene.Enum("StorefrontFontEnum", [(f.name, f.value) for f in themes.Font])


class StorefrontError(graphene.ObjectType):
    field = graphene.String(description="The input field the error is about, or null.")
    code = graphene.Field(StorefrontErrorCodeEnum, required=True)
    message = graphene.String(required=True)


def _absolute(url: str) -> str:
    return themes.absolute_url(url, settings.PUBLIC_URL)


class ThemeImage(graphene.ObjectType):
    url = graphene.String(required=True, description="Absolute; the App's own images too.")
    alt = translated_field("alt", "What the image shows, for those who cannot see it.")
    alt_translations = translations_field("alt", "The alt text in each language.")
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)

    @staticmethod
    def resolve_url(root: models.HeroImage, info: Any) -> str:
        return _absolute(root.url)


class StorefrontTheme(graphene.ObjectType):
    """Colours (#rrggbb; text on background meets WCAG AA), fonts, images and layout."""

    primary_color = graphene.String(required=True)
    accent_color = graphene.String(required=True)
    background_color = graphene.String(required=True)
    text_color = graphene.String(required=True)
    heading_font = graphene.String(required=True, description="A CSS font-family stack.")
    body_font = graphene.String(required=True, description="A CSS font-family stack.")
    heading_font_key = graphene.Field(StorefrontFontEnum, required=True)
    body_font_key = graphene.Field(StorefrontFontEnum, required=True)
    logo_url = graphene.String()
    hero_images = graphene.List(graphene.NonNull(ThemeImage), required=True)
    pattern = graphene.Field(ThemePatternEnum, required=True)
    product_grid = graphene.Int(required=True, description="Columns of the catalogue: 2 to 4.")
    hero_layout = graphene.Field(HeroLayoutEnum, required=True)

    @staticmethod
    def resolve_heading_font(root: models.Storefront, info: Any) -> str:
        return themes.FONT_STACKS[root.heading_font]

    @staticmethod
    def resolve_body_font(root: models.Storefront, info: Any) -> str:
        return themes.FONT_STACKS[root.body_font]

    @staticmethod
    def resolve_heading_font_key(root: models.Storefront, info: Any) -> Any:
        return StorefrontFontEnum.get(root.heading_font)

    @staticmethod
    def resolve_body_font_key(root: models.Storefront, info: Any) -> Any:
        return StorefrontFontEnum.get(root.body_font)

    @staticmethod
    def resolve_logo_url(root: models.Storefront, info: Any) -> str | None:
        return _absolute(root.logo_url) if root.logo_url else None

    @staticmethod
    def resolve_hero_images(root: models.Storefront, info: Any) -> Any:
        return HeroImagesByStorefrontIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_pattern(root: models.Storefront, info: Any) -> Any:
        return ThemePatternEnum.get(root.pattern)

    @staticmethod
    def resolve_hero_layout(root: models.Storefront, info: Any) -> Any:
        return HeroLayoutEnum.get(root.hero_layout)


class StorefrontPage(graphene.ObjectType):
    slug = graphene.String(required=True)
    kind = graphene.Field(StorefrontPageKindEnum, required=True)
    title = translated_field("title", "The page's title.")
    title_translations = translations_field("title", "The title in each language.")
    body = translated_field(
        "body", "Plain text: paragraphs separated by blank lines (escape it when shown)."
    )
    body_translations = translations_field("body", "The body in each language.")
    position = graphene.Int(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.StorefrontPage)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.StorefrontPage | None:
        from storefront_plugins.storefronts.services import visible_storefronts

        return models.StorefrontPage.objects.filter(
            pk=id, storefront__in=visible_storefronts(viewer_of(info))
        ).first()

    @staticmethod
    def resolve_kind(root: models.StorefrontPage, info: Any) -> Any:
        return StorefrontPageKindEnum.get(root.kind)


class Storefront(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = translated_field("name", "The storefront's name.")
    name_translations = translations_field("name", "The name in each language.")
    tagline = translated_field("tagline", "A line under the name.")
    tagline_translations = translations_field("tagline", "The tagline in each language.")
    cooperative = graphene.Field(Cooperative, required=True)
    channel_slug = graphene.String(required=True, description="Its Saleor channel.")
    domain = graphene.String(description="Its own host name, if it has one.")
    path = graphene.String(required=True, description='Its path on the marketplace: "/safi".')
    default_language = graphene.String(required=True)
    languages = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Among fr, ar and en."
    )
    theme = graphene.Field(StorefrontTheme, required=True)
    pages = graphene.List(graphene.NonNull(StorefrontPage), required=True)
    page = graphene.Field(StorefrontPage, slug=graphene.String(required=True))
    is_published = graphene.Boolean(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, models.Storefront)

    @classmethod
    def get_node(cls, info: Any, id: str) -> models.Storefront | None:
        from storefront_plugins.storefronts.services import visible_storefronts

        return visible_storefronts(viewer_of(info)).filter(pk=id).first()

    @staticmethod
    def resolve_cooperative(root: models.Storefront, info: Any) -> Any:
        return CooperativeByIdLoader(context_of(info)).load(root.cooperative_id)

    @staticmethod
    def resolve_theme(root: models.Storefront, info: Any) -> models.Storefront:
        return root

    @staticmethod
    def resolve_pages(root: models.Storefront, info: Any) -> Any:
        return PagesByStorefrontIdLoader(context_of(info)).load(root.pk)

    @staticmethod
    def resolve_page(root: models.Storefront, info: Any, slug: str) -> Any:
        def by_slug(pages: list[models.StorefrontPage]) -> models.StorefrontPage | None:
            return next((page for page in pages if page.slug == slug), None)

        return then(PagesByStorefrontIdLoader(context_of(info)).load(root.pk), by_slug)


class StorefrontCountableConnection(CountableConnection):
    class Meta:
        node = Storefront
