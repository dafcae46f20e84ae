"""`manage.py sandbox_seed [--fixtures DIR] [--check]` (with
DJANGO_SETTINGS_MODULE=saleor_sandbox.settings): loads the demo catalogue of
fixtures/sandbox/ (see its README), or updates it; a rerun changes nothing."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from saleor_sandbox.services.seed import load_seed
from saleor_sandbox.services.seed_fixtures import parse_fixtures
from saleor_sandbox.services.seed_specs import FixtureError


class Command(BaseCommand):
    help = "Load (or update) the sandbox's demo catalogue from its JSON fixtures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures" / "sandbox",
            help="Folder of the JSON files (default: fixtures/sandbox/).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only read and validate the fixtures."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SETTINGS_MODULE not in {
            "saleor_sandbox.settings",
            "saleor_sandbox.settings_test",
        }:
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=saleor_sandbox.settings.")
        try:
            data = parse_fixtures(options["fixtures"])
        except FixtureError as error:
            raise CommandError(f"Invalid sandbox fixture: {error}") from error
        if options["check"]:
            self.stdout.write(f"Fixtures are valid: {len(data.products)} products.")
            return
        report = load_seed(data)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write("Seeded." if report.changed else "Nothing to change.")
