"""Installations made before the app token was encrypted are encrypted in place by the
migration, and decrypted back if it is reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from storefront_plugins.saleor_app.models import Installation

BEFORE = [("saleor_app", "0001_initial")]
AFTER = [("saleor_app", "0002_encrypt_app_token")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def stored_token() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT auth_token FROM saleor_app_installation")
        [(stored,)] = cursor.fetchall()
    return str(stored)


@pytest.mark.django_db(transaction=True)
def test_a_token_stored_in_clear_is_encrypted_by_the_migration() -> None:
    # given an installation from before the migration
    migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO saleor_app_installation (saleor_api_url, saleor_app_id, auth_token, "
            "jwks, jwks_fetched_at, installed_at, updated_at) VALUES "
            "('https://saleor.example/graphql/', 'QXBwOjE=', 'clear-token', '{}', now(), "
            "now(), now())"
        )

    try:
        # when
        migrate(AFTER)

        # then
        assert stored_token().startswith("gAAAAA")
        assert Installation.objects.get().auth_token == "clear-token"
        migrate(BEFORE)
        assert stored_token() == "clear-token"
    finally:
        migrate(AFTER)
