from collections.abc import Sequence

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.core.graphql.dataloaders import DataLoader, grouped


class ArtisanByIdLoader(DataLoader[int, Artisan | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Artisan | None]:
        artisans = Artisan.objects.in_bulk(keys)
        return [artisans.get(key) for key in keys]


class CooperativeByIdLoader(DataLoader[int, Cooperative | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Cooperative | None]:
        cooperatives = Cooperative.objects.in_bulk(keys)
        return [cooperatives.get(key) for key in keys]


class MembershipsByArtisanIdLoader(DataLoader[int, list[Membership]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Membership]]:
        memberships = Membership.objects.filter(artisan_id__in=keys).select_related("cooperative")
        return grouped(memberships, "artisan_id", keys)


class MembershipsByCooperativeIdLoader(DataLoader[int, list[Membership]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Membership]]:
        memberships = Membership.objects.filter(cooperative_id__in=keys).select_related("artisan")
        return grouped(memberships, "cooperative_id", keys)


class CooperativeIdsByArtisanIdLoader(DataLoader[int, list[int]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[int]]:
        rows = Membership.objects.filter(artisan_id__in=keys).values_list(
            "artisan_id", "cooperative_id"
        )
        result: dict[int, list[int]] = {key: [] for key in keys}
        for artisan_id, cooperative_id in rows:
            result[artisan_id].append(cooperative_id)
        return [result[key] for key in keys]


class CollectorsByCooperativeIdLoader(DataLoader[int, list[Collector]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Collector]]:
        links = Collector.cooperatives.through.objects.filter(
            cooperative_id__in=keys
        ).select_related("collector")
        result: dict[int, list[Collector]] = {key: [] for key in keys}
        for link in links:
            result[link.cooperative_id].append(link.collector)
        return [sorted(result[key], key=lambda c: (c.name, c.pk)) for key in keys]


class CooperativesByCollectorIdLoader(DataLoader[int, list[Cooperative]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Cooperative]]:
        links = Collector.cooperatives.through.objects.filter(collector_id__in=keys).select_related(
            "cooperative"
        )
        result: dict[int, list[Cooperative]] = {key: [] for key in keys}
        for link in links:
            result[link.collector_id].append(link.cooperative)
        return [sorted(result[key], key=lambda c: (c.name, c.pk)) for key in keys]
