"""An artisan's own provenance page: the pieces they made, read-only; nobody else's.

Fixture: Mohamed Serghini's lustre vase for cooperative-safi (tests/app/provenance)."""

from typing import Any

from django.test import Client

from tests.app.portal.actors import STAFF, signed_in
from tests.app.provenance.conftest import directory, vase

__all__ = ["directory", "vase"]


def test_an_artisan_sees_their_pieces_with_materials_in_a_fixed_number_of_queries(
    vase: Any, django_assert_num_queries: Any
) -> None:
    # given
    client = signed_in("mohamed-serghini")
    # when: session, user, viewer, then the pieces and their prefetched parts
    with django_assert_num_queries(12):
        response = client.get("/portal/pieces")
    # then
    assert response.status_code == 200
    [(piece, _certifications)] = response.context["pieces"]
    assert piece.pk == vase.pk
    page = response.content.decode()
    assert "ARG-2025-014" in page
    assert 'href="/portal/pieces"' in client.get("/portal/").content.decode()


def test_another_artisan_does_not_see_them_and_others_get_a_404(vase: Any) -> None:
    assert signed_in("youssef-bennani").get("/portal/pieces").context["pieces"] == []
    assert signed_in(STAFF).get("/portal/pieces").status_code == 404
    assert Client().get("/portal/pieces")["Location"].startswith("/portal/sign-in?next=")
