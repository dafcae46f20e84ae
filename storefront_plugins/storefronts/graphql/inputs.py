import graphene

from storefront_plugins.core.graphql.translations import TranslatedStringInput
from storefront_plugins.storefronts.graphql.types import (
    HeroLayoutEnum,
    StorefrontFontEnum,
    StorefrontPageKindEnum,
    ThemePatternEnum,
)


class ThemeImageInput(graphene.InputObjectType):
    url = graphene.String(required=True, description='An http(s) URL or "/static/...".')
    alt = TranslatedStringInput()
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class StorefrontThemeInput(graphene.InputObjectType):
    primary_color = graphene.String(description="#rrggbb")
    accent_color = graphene.String(description="#rrggbb")
    background_color = graphene.String(description="#rrggbb")
    text_color = graphene.String(description="#rrggbb; at least 4.5:1 on the background.")
    heading_font = StorefrontFontEnum()
    body_font = StorefrontFontEnum()
    logo_url = graphene.String()
    hero_images = graphene.List(
        graphene.NonNull(ThemeImageInput), description="Replaces the hero images."
    )
    pattern = ThemePatternEnum()
    product_grid = graphene.Int(description="Columns of the catalogue: 2 to 4.")
    hero_layout = HeroLayoutEnum()


class StorefrontInput(graphene.InputObjectType):
    name = TranslatedStringInput()
    tagline = TranslatedStringInput()
    languages = graphene.List(graphene.NonNull(graphene.String), description="fr, ar, en.")
    default_language = graphene.String()
    domain = graphene.String(description="A host name; null or empty for none.")
    path = graphene.String(description='One lowercase segment: "/safi".')
    theme = StorefrontThemeInput()


class StorefrontCreateInput(StorefrontInput):
    cooperative = graphene.ID(required=True)


class StorefrontPageInput(graphene.InputObjectType):
    kind = StorefrontPageKindEnum()
    slug = graphene.String(description="From the kind (or the title) when left out.")
    title = TranslatedStringInput()
    body = TranslatedStringInput(description="Plain text; paragraphs separated by blank lines.")
    position = graphene.Int()


class StorefrontPageCreateInput(StorefrontPageInput):
    kind = StorefrontPageKindEnum(required=True)
