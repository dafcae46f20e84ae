"""`manage.py sandbox_install_app <manifest-url> [--activate]`, as Saleor's `install_app`:
synchronous, with the manifest's own permissions; prints the app's id."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.permissions import ALL_PERMISSIONS
from saleor_sandbox.services.apps import AppInstallationFailed, fetch_manifest, install_app


class Command(BaseCommand):
    help = "Install an app into the sandbox from its manifest URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("manifest_url")
        parser.add_argument("--activate", action="store_true", help="Activate the app.")
        parser.add_argument(
            "--replace", action="store_true", help="Remove an installed app with the same id first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manifest_url = options["manifest_url"]
        try:
            permissions = [str(p) for p in fetch_manifest(manifest_url).get("permissions") or []]
        except Exception as error:
            raise CommandError(f"Could not fetch {manifest_url}: {error}") from error
        unknown = [p for p in permissions if p not in ALL_PERMISSIONS]
        if unknown:
            raise CommandError(f"Permission: {', '.join(unknown)} doesn't exist in Saleor.")
        if options["replace"]:
            from django.utils import timezone

            from saleor_sandbox.models import App

            identifier = fetch_manifest(manifest_url).get("id")
            App.objects.filter(identifier=identifier, removed_at__isnull=True).update(
                removed_at=timezone.now(), is_active=False
            )
        try:
            app = install_app(manifest_url, permissions=permissions, activate=options["activate"])
        except AppInstallationFailed as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps({"app": to_global_id("App", app.pk), "name": app.name}))
