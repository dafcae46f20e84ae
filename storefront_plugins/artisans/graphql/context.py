from typing import Any

from storefront_plugins.artisans import services
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.core.graphql.context import context_of

VIEWER_KEY = "artisans.viewer"


def viewer_of(info: Any) -> Viewer:
    """The request's Viewer, loaded once per request."""
    context = context_of(info)
    if VIEWER_KEY not in context.memo:
        context.memo[VIEWER_KEY] = services.viewer_for(context.user)
    viewer: Viewer = context.memo[VIEWER_KEY]
    return viewer
