"""Reads for the portal's listing pages: which cooperatives an artisan lists pieces in,
who plays which part for a listing, every queue a manager moderates."""

from dataclasses import dataclass

from django.db.models import QuerySet

from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.listings import permissions
from storefront_plugins.listings.content import currency_for_country
from storefront_plugins.listings.models import Listing, ListingStatus
from storefront_plugins.listings.states import Actor


@dataclass(frozen=True)
class CooperativeChoice:
    id: int
    name: str
    currency: str


def cooperatives_for_new_listing(viewer: Viewer) -> list[CooperativeChoice]:
    """The cooperatives the viewer, as an artisan, may list a piece in."""
    if viewer.artisan_id is None:
        return []
    ids = [pk for pk in viewer.roles if permissions.can_create_in(viewer, pk)]
    return [
        CooperativeChoice(c.pk, c.name, currency_for_country(c.country))
        for c in Cooperative.objects.filter(pk__in=ids).only("pk", "name", "region")
    ]


def edits_as_owner(viewer: Viewer, listing: Listing) -> bool:
    return Actor.OWNER in permissions.actors(viewer, listing.artisan_id, listing.cooperative_id)


def moderates(viewer: Viewer, listing: Listing) -> bool:
    return Actor.MODERATOR in permissions.actors(viewer, listing.artisan_id, listing.cooperative_id)


def moderation_queues(viewer: Viewer) -> QuerySet[Listing]:
    """Submitted listings of every cooperative the viewer moderates (all for staff), oldest
    submission first, with their artisan and cooperative."""
    listings = Listing.objects.filter(status=ListingStatus.SUBMITTED)
    if not viewer.is_platform_staff:
        listings = listings.filter(cooperative_id__in=viewer.managed_cooperative_ids)
    return listings.select_related("artisan", "cooperative").order_by("submitted_at", "pk")
