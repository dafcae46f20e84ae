"""An artisan's own provenance: the pieces they made or helped make, with materials,
custody, certifications and the link that verifies each piece's certificate (read-only)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from storefront_plugins.portal import texts_provenance  # noqa: F401  (registers the texts)
from storefront_plugins.portal.navigation import MenuEntry, add_menu_entries, is_artisan
from storefront_plugins.portal.pages import portal_page, render_page, visitor_of
from storefront_plugins.portal.views.errors import not_found
from storefront_plugins.provenance import services as provenance
from storefront_plugins.provenance.claims import applicable_certifications

add_menu_entries(MenuEntry("portal:provenance", "provenance_title", is_artisan))


@portal_page
@require_GET
def my_pieces(request: HttpRequest) -> HttpResponse:
    """Who: artisans, their own pieces only; 404 for accounts without an artisan profile."""
    viewer = visitor_of(request).viewer
    if viewer.artisan_id is None:
        return not_found(request)
    pieces = [
        (piece, applicable_certifications(piece)) for piece in provenance.pieces_made_by(viewer)
    ]
    return render_page(request, "portal/provenance/pieces.html", {"pieces": pieces})
