"""Who may read and edit a storefront: pure decisions on the directory's Viewer.

Everyone reads published storefronts; a cooperative's managers and Souk's staff edit its
storefront, and they alone see it while it is unpublished."""

from storefront_plugins.artisans.permissions import Viewer


def can_edit_storefront(viewer: Viewer, cooperative_id: int) -> bool:
    return viewer.is_platform_staff or viewer.manages(cooperative_id)


def can_read_storefront(viewer: Viewer, cooperative_id: int, is_published: bool) -> bool:
    return is_published or can_edit_storefront(viewer, cooperative_id)
