from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from storefront_plugins.artisans.loading import load_directory_file


class Command(BaseCommand):
    help = "Loads the directory (cooperatives, artisans, collectors); idempotent by slug."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "souk" / "directory.json"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_directory_file(Path(options["path"]))
        self.stdout.write(
            f"Directory loaded: {result.cooperatives} cooperatives, {result.artisans} artisans, "
            f"{result.memberships} memberships, {result.collectors} collectors."
        )
