from collections.abc import Sequence

from storefront_plugins.artisans.services import artisan_names, cooperative_names
from storefront_plugins.core.graphql.dataloaders import DataLoader
from storefront_plugins.payouts.splits import Party, PartyKind


class PartyNameByPartyLoader(DataLoader[Party, str]):
    """A query for the artisans and one for the cooperatives, whatever the number."""

    def batch_load(self, keys: Sequence[Party]) -> list[str]:
        artisans = artisan_names(k.id for k in keys if k.kind == PartyKind.ARTISAN)
        cooperatives = cooperative_names(k.id for k in keys if k.kind == PartyKind.COOPERATIVE)
        names = {PartyKind.ARTISAN: artisans, PartyKind.COOPERATIVE: cooperatives}
        return [names[k.kind].get(k.id, "") if k.kind in names else "Souk" for k in keys]
