"""Write the marketplace recipe into a Saleor: every artisan's page, every product's provenance."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from storefront_plugins.provenance.saleor_sync.tasks import sync_all_task
from storefront_plugins.saleor_app.models import Installation


class Command(BaseCommand):
    help = "Sync artisan pages and product provenance into one Saleor installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "installation", nargs="?", help="The Saleor API URL (default: the only installation)"
        )
        parser.add_argument(
            "--queue", action="store_true", help="Queue the task for the worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        installation = self._installation(options["installation"])
        if options["queue"]:
            sync_all_task.delay(installation.pk)
            self.stdout.write(f"Queued the sync of {installation.saleor_api_url}.")
            return
        counts = sync_all_task.apply(args=(installation.pk,), throw=True).get()
        self.stdout.write(json.dumps(counts, sort_keys=True))

    def _installation(self, api_url: str | None) -> Installation:
        installations = Installation.objects.all()
        if api_url:
            installations = installations.filter(saleor_api_url=api_url)
        found = list(installations[:2])
        if len(found) != 1:
            raise CommandError(
                "No such installation." if not found else "Several installations: name one."
            )
        return found[0]
