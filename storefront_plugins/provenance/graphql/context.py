from storefront_plugins.artisans.graphql.context import viewer_of

__all__ = ["viewer_of"]
