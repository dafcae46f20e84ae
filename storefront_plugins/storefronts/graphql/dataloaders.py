from collections.abc import Sequence

from storefront_plugins.core.graphql.dataloaders import DataLoader, grouped
from storefront_plugins.storefronts.models import HeroImage, StorefrontPage


class HeroImagesByStorefrontIdLoader(DataLoader[int, list[HeroImage]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[HeroImage]]:
        rows = HeroImage.objects.filter(storefront_id__in=keys).order_by("position", "pk")
        return grouped(rows, "storefront_id", keys)


class PagesByStorefrontIdLoader(DataLoader[int, list[StorefrontPage]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[StorefrontPage]]:
        rows = StorefrontPage.objects.filter(storefront_id__in=keys).order_by("position", "pk")
        return grouped(rows, "storefront_id", keys)
