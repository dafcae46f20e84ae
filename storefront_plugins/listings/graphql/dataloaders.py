from collections.abc import Sequence

from storefront_plugins.core.graphql.dataloaders import DataLoader, grouped
from storefront_plugins.listings.models import ListingPhoto, ListingVariant, ModerationComment
from storefront_plugins.listings.saleor_writer import LISTING_WRITE_KIND
from storefront_plugins.saleor_app.outbox import WriteState, write_states


class VariantsByListingIdLoader(DataLoader[int, list[ListingVariant]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[ListingVariant]]:
        rows = ListingVariant.objects.filter(listing_id__in=keys, removed_at__isnull=True)
        return grouped(rows, "listing_id", keys)


class PhotosByListingIdLoader(DataLoader[int, list[ListingPhoto]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[ListingPhoto]]:
        rows = ListingPhoto.objects.filter(listing_id__in=keys, removed_at__isnull=True)
        return grouped(rows, "listing_id", keys)


class CommentsByListingIdLoader(DataLoader[int, list[ModerationComment]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[ModerationComment]]:
        rows = ModerationComment.objects.filter(listing_id__in=keys).select_related("author")
        return grouped(rows, "listing_id", keys)


class SaleorWriteStateByListingIdLoader(DataLoader[int, WriteState | None]):
    def batch_load(self, keys: Sequence[int]) -> list[WriteState | None]:
        states = write_states(LISTING_WRITE_KIND, [str(key) for key in keys])
        return [states.get(str(key)) for key in keys]
