"""Register (or reuse) the App's Stripe webhook endpoints and keep their signing secrets."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from storefront_plugins.stripe_gateway.client import StripeUnavailable
from storefront_plugins.stripe_gateway.endpoints import set_up_webhook_endpoints


class Command(BaseCommand):
    help = (
        "Create or reuse the Stripe webhook endpoints (platform and Connect) that send the "
        "events Souk handles to <public url>/api/stripe/webhooks, and store their secrets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("public_url", help="The App's public base URL, as Stripe reaches it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            endpoints = set_up_webhook_endpoints(options["public_url"])
        except StripeUnavailable as error:
            raise CommandError(str(error)) from error
        for endpoint in endpoints:
            self.stdout.write(
                json.dumps(
                    {
                        "scope": endpoint.scope,
                        "id": endpoint.stripe_endpoint_id,
                        "url": endpoint.url,
                        "events": list(endpoint.enabled_events),
                        "created": endpoint.created,
                    }
                )
            )
