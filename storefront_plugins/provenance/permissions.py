"""Who may read and change a piece's provenance: pure decisions on the directory's Viewer.

Anonymous visitors read published provenance only. An artisan edits the provenance of the
pieces they made (they have a Contribution) and of those they recorded; a cooperative's
managers edit all of its pieces' provenance; nobody else does."""

from collections.abc import Collection

from storefront_plugins.artisans.permissions import Viewer


def can_edit_provenance(
    viewer: Viewer,
    cooperative_id: int,
    contributor_ids: Collection[int],
    created_by_id: int | None,
) -> bool:
    if viewer.is_anonymous:
        return False
    if viewer.manages(cooperative_id):
        return True
    artisan_id = viewer.artisan_id
    return artisan_id is not None and (artisan_id in contributor_ids or artisan_id == created_by_id)


def can_create_provenance(
    viewer: Viewer, cooperative_id: int, contributor_ids: Collection[int]
) -> bool:
    """Managers record any piece of their cooperative; a member records pieces they made."""
    if viewer.manages(cooperative_id):
        return True
    return (
        viewer.artisan_id is not None
        and viewer.role_in(cooperative_id) is not None
        and viewer.artisan_id in contributor_ids
    )


def can_read_provenance(
    viewer: Viewer,
    is_published: bool,
    cooperative_id: int,
    contributor_ids: Collection[int],
    created_by_id: int | None,
) -> bool:
    return is_published or can_edit_provenance(
        viewer, cooperative_id, contributor_ids, created_by_id
    )


def can_edit_holder_certifications(
    viewer: Viewer,
    *,
    cooperative_id: int | None = None,
    artisan_id: int | None = None,
    artisan_cooperative_ids: Collection[int] = (),
) -> bool:
    """A cooperative's labels are its managers' to record; an artisan's are theirs, or their
    cooperatives' managers'."""
    if cooperative_id is not None:
        return viewer.manages(cooperative_id)
    if artisan_id is not None:
        return viewer.can_edit_artisan(artisan_id) or any(
            viewer.manages(c) for c in artisan_cooperative_ids
        )
    return False
