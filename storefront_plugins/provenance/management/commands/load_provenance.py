import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from storefront_plugins.provenance.loading import (
    ProvenanceFixtureError,
    directory_snapshot,
    load_provenance,
    parse_provenance_fixtures,
    read_fixtures_file,
)
from storefront_plugins.provenance.saleor_sync.services import product_ids_by_slug
from storefront_plugins.saleor_app.models import Installation


class Command(BaseCommand):
    help = (
        "Loads product provenance (keyed by Saleor product slug), publishes it and issues its "
        "certificates; idempotent. Products the Saleor does not have are reported and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--saleor-api-url", required=True, help="The API URL of the App's installation"
        )
        parser.add_argument(
            "--fixtures",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "souk" / "provenance.json"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        installation = Installation.objects.filter(saleor_api_url=options["saleor_api_url"]).first()
        if installation is None:
            raise CommandError(f"No installation for {options['saleor_api_url']}.")
        data = read_fixtures_file(Path(options["fixtures"]))
        try:
            fixtures = parse_provenance_fixtures(data, directory_snapshot())
        except ProvenanceFixtureError as error:
            raise CommandError(
                "Invalid provenance fixtures:\n" + "\n".join(error.errors)
            ) from error
        product_ids = product_ids_by_slug(installation, [p.product_slug for p in fixtures.pieces])
        report = load_provenance(fixtures, product_ids)
        for slug in report.missing:
            self.stderr.write(f"Skipped {slug}: no such product in Saleor.")
        self.stdout.write(
            json.dumps(
                {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": len(report.unchanged),
                    "missing": len(report.missing),
                    "certificationsChanged": report.certifications_changed,
                    "certificates": len(report.certificate_ids),
                },
                sort_keys=True,
            )
        )
