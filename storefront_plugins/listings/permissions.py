"""Who may see and change a listing: pure decisions on the directory's Viewer.

The artisan whose listing it is edits it; the managers of its cooperative moderate it;
platform staff do both. Nobody else sees it at all (it is "not found", not "forbidden")."""

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.listings.states import Actor


def actors(viewer: Viewer, artisan_id: int, cooperative_id: int) -> frozenset[Actor]:
    """The parts the viewer plays for a listing: owner, moderator, both or none."""
    if viewer.is_platform_staff:
        return frozenset({Actor.OWNER, Actor.MODERATOR})
    parts: set[Actor] = set()
    if viewer.artisan_id is not None and viewer.artisan_id == artisan_id:
        parts.add(Actor.OWNER)
    if viewer.manages(cooperative_id):
        parts.add(Actor.MODERATOR)
    return frozenset(parts)


def can_see(viewer: Viewer, artisan_id: int, cooperative_id: int) -> bool:
    return bool(actors(viewer, artisan_id, cooperative_id))


def can_create_in(viewer: Viewer, cooperative_id: int) -> bool:
    """An artisan lists pieces in the cooperatives they belong to (any role)."""
    return viewer.artisan_id is not None and viewer.role_in(cooperative_id) is not None
