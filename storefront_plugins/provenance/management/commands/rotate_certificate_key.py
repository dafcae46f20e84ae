from typing import Any

from django.core.management.base import BaseCommand

from storefront_plugins.provenance.certificates.services import rotate_signing_key


class Command(BaseCommand):
    help = (
        "Make a new certificate signing key and retire the active one. Retired keys stay in "
        "the public key set, so every certificate they signed keeps verifying."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rotation = rotate_signing_key()
        if rotation.retired_key is not None:
            self.stdout.write(f"Retired key {rotation.retired_key.kid}.")
        self.stdout.write(self.style.SUCCESS(f"Active key {rotation.new_key.kid}."))
