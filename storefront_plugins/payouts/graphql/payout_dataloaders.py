from collections.abc import Sequence

from storefront_plugins.core.graphql.dataloaders import DataLoader, grouped
from storefront_plugins.payouts.models import PayoutItem, PayoutRun
from storefront_plugins.payouts.runs import RunProgress, runs_progress


class PayoutRunProgressByRunLoader(DataLoader[PayoutRun, RunProgress]):
    """The progress of every run of a page in one query."""

    def batch_load(self, keys: Sequence[PayoutRun]) -> list[RunProgress]:
        return runs_progress(keys)


class PayoutItemsByPayoutIdLoader(DataLoader[int, list[PayoutItem]]):
    """The items (one per Saleor order paid, or one loose item) of a page of payouts: one query."""

    def batch_load(self, keys: Sequence[int]) -> list[list[PayoutItem]]:
        items = PayoutItem.objects.filter(payout_id__in=keys).select_related("order")
        return grouped(items.order_by("pk"), "payout_id", keys)
