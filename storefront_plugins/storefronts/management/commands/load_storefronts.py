import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from storefront_plugins.storefronts.loading import (
    StorefrontFixtureError,
    load_storefronts,
    read_fixtures_file,
)


class Command(BaseCommand):
    help = "Loads the fixture cooperatives' storefronts (after load_directory); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "souk" / "storefronts.json"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_storefronts(read_fixtures_file(Path(options["path"])))
        except StorefrontFixtureError as error:
            raise CommandError(
                "Invalid storefront fixtures:\n" + "\n".join(error.errors)
            ) from error
        self.stdout.write(
            json.dumps(
                {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": len(report.unchanged),
                },
                sort_keys=True,
            )
        )
