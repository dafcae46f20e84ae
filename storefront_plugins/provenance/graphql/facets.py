"""`pieceFacets` and `pieceSearch`: what a storefront's catalogue filters by."""

from typing import Any

import graphene
from graphql import GraphQLError

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.enums import LanguageCodeEnum
from storefront_plugins.provenance import services


class Facet(graphene.ObjectType):
    slug = graphene.String(required=True, description="What pieceSearch's filter takes.")
    name = graphene.String(
        required=True,
        language=graphene.Argument(LanguageCodeEnum, description="Falls back fr, en, ar."),
    )
    count = graphene.Int(required=True, description="Saleor products with this value.")

    @staticmethod
    def resolve_name(root: services.Facet, info: Any, language: Any = None) -> str:
        code = getattr(language, "value", language)
        return root.name.in_language(code or context_of(info).language)


class ArtisanFacet(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    count = graphene.Int(required=True, description="Saleor products they made.")


class PieceFacets(graphene.ObjectType):
    crafts = graphene.List(graphene.NonNull(Facet), required=True)
    regions = graphene.List(
        graphene.NonNull(Facet), required=True, description='Slugs are ISO 3166-2: "ma-07".'
    )
    materials = graphene.List(graphene.NonNull(Facet), required=True)
    artisans = graphene.List(graphene.NonNull(ArtisanFacet), required=True)


class PieceFilterInput(graphene.InputObjectType):
    cooperative = graphene.String(description="A cooperative's slug.")
    craft = graphene.String(description="A craft's slug: pottery, carpet_weaving...")
    region = graphene.String(description='A region\'s slug (ISO 3166-2): "ma-07".')
    artisan = graphene.String(description="An artisan's slug.")
    material = graphene.String(description="A material's slug: safi_red_clay, wool...")


class FacetQuery(graphene.ObjectType):
    piece_facets = graphene.Field(
        graphene.NonNull(PieceFacets),
        cooperative_slug=graphene.String(),
        description="Crafts, regions, materials and artisans of published pieces (of one "
        "cooperative, or all), each with its number of products.",
    )
    piece_search = graphene.List(
        graphene.NonNull(graphene.ID),
        required=True,
        filter=graphene.Argument(PieceFilterInput, required=True),
        first=graphene.Int(default_value=services.MAX_PIECE_SEARCH),
        description="Saleor product ids of published pieces matching every criterion given; "
        "intersect them with Saleor's products(filter: {ids}).",
    )

    @staticmethod
    def resolve_piece_facets(
        root: Any, info: Any, cooperative_slug: str | None = None
    ) -> services.PieceFacets:
        return services.piece_facets(cooperative_slug)

    @staticmethod
    def resolve_piece_search(
        root: Any, info: Any, filter: Any, first: int = services.MAX_PIECE_SEARCH
    ) -> list[str]:
        if not 0 <= first <= services.MAX_PIECE_SEARCH:
            raise GraphQLError(f"`first` must be between 0 and {services.MAX_PIECE_SEARCH}.")
        piece_filter = services.PieceFilter(
            **{name: filter.get(name) or None for name in PieceFilterInput._meta.fields}
        )
        return services.search_pieces(piece_filter, first)
