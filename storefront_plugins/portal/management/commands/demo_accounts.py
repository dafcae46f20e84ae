"""Portal accounts for the demo: a potter of Safi (Arabic), his cooperative's manager
(French) and its treasurer, with one password. Refused unless DEBUG is on; idempotent."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan

DEMO_ACCOUNTS = (
    # (artisan slug, e-mail, language)
    ("mohamed-serghini", "artisan@souk.example", "ar"),
    ("abdelkader-benhima", "manager@souk.example", "fr"),
    ("khadija-ouazzani", "treasurer@souk.example", "fr"),
)


class Command(BaseCommand):
    help = "Creates the demo's portal accounts (DEBUG only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--password", default="souk-demo-2026")

    @transaction.atomic
    def handle(self, *args: Any, password: str, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only made with DEBUG on.")
        for slug, email, language in DEMO_ACCOUNTS:
            artisan = Artisan.objects.select_for_update().filter(slug=slug).first()
            if artisan is None:
                raise CommandError(f"No artisan {slug}: run load_directory first.")
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, password, language=language)
            if artisan.user_id != user.pk:
                artisan.user = user
                artisan.save(update_fields=["user"])
            self.stdout.write(f"{email} ({artisan.name})")
