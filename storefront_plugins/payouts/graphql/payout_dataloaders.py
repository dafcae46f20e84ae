from collections.abc import Sequence

from storefront_plugins.core.graphql.dataloaders import DataLoader
from storefront_plugins.payouts.models import PayoutRun
from storefront_plugins.payouts.runs import RunProgress, runs_progress


class PayoutRunProgressByRunLoader(DataLoader[PayoutRun, RunProgress]):
    """The progress of every run of a page in one query."""

    def batch_load(self, keys: Sequence[PayoutRun]) -> list[RunProgress]:
        return runs_progress(keys)
